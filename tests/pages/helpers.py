"""What the page tests read from an ``AppTest`` run: prose, metrics, tables, form submits."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from streamlit.testing.v1 import AppTest

from kcc import importer, store
from kcc.formatting import fmt_typed, parse_typed
from kcc.i18n import t
from kcc.ui.views import levers, staffing
from kcc.ui.widgets import DUTCH_KEY_SUFFIX

#: Element kinds whose values are the page's prose, in reading order of the page tests.
PROSE: tuple[str, ...] = ("title", "header", "subheader", "markdown", "caption", "info", "success", "error",
                          "warning")


def page_texts(at: AppTest, kinds: Sequence[str] = PROSE, *, with_metrics: bool = True) -> str:
    """The page's texts of the given element kinds, one per line.

    Parameters
    ----------
    at : AppTest
        A page after ``run()``.
    kinds : sequence of str
        Element kinds to read (``AppTest`` attribute names), in this order.
    with_metrics : bool
        Add a ``label value`` line per metric after them.
    """
    parts = [e.value for kind in kinds for e in getattr(at, kind)]
    if with_metrics:
        parts += [m.label + " " + str(m.value) for m in at.metric]
    return "\n".join(str(p) for p in parts)


def metric_values(at: AppTest) -> dict[str, str]:
    """Every metric's value as shown, by its label."""
    return {m.label: str(m.value) for m in at.metric}


def metric(at: AppTest, label: str) -> str:
    """The value of the metric with this label (the first one)."""
    return next(m.value for m in at.metric if m.label == label)


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page that has this column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def submit(at: AppTest, form: str) -> AppTest:
    """Press the submit button of the form with this key and rerun the page."""
    button = next(b for b in at.button if b.key and b.key.startswith(f"FormSubmitter:{form}"))
    return button.click().run()


def into_demo(at: AppTest) -> AppTest:
    """After an upload while the demo centre is shown: choose, explicitly, to import into the
    demo (the Data page asks; its default is a new centre of the user's own)."""
    choice = [r for r in at.radio if r.key == "centres.first.choice"]
    if choice:
        choice[0].set_value("demo").run()
    return at


def decimal_field(at: AppTest, key: str) -> Any:
    """The decimal field ``key`` as the page's language draws it (``kcc.ui.widgets.decimal_input``):
    Streamlit's number field in English, a text field under ``<key>.nl`` in Dutch."""
    try:
        return at.number_input(key=key)
    except KeyError:
        return at.text_input(key=f"{key}{DUTCH_KEY_SUFFIX}")


def set_decimal(at: AppTest, key: str, value: float) -> None:
    """Enter ``value`` into the decimal field ``key`` the way a reader of the page's language
    types it: ``36.5`` in English, ``36,5`` in Dutch."""
    field = decimal_field(at, key)
    if field.type == "text_input":
        field.input(fmt_typed(value, "nl"))
    else:
        field.set_value(value)


def decimal_value(at: AppTest, key: str) -> float | None:
    """The number the decimal field ``key`` shows, read in the page's language."""
    field = decimal_field(at, key)
    if field.type != "text_input":
        return field.value
    return parse_typed(field.value, "nl") if field.value else None


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Open the tab labelled ``label`` of the page's tabs keyed ``key`` (``kcc.ui.widgets.lazy_tabs``,
    which draw only the open tab), as a click on it does, and rerun the page. Before the page's
    first run, the tab is open from the start."""
    at.session_state[key] = label
    return at.run()


def every_tab(at: AppTest, key: str, labels: Sequence[str]) -> Iterator[AppTest]:
    """The page with each of these tabs open in turn (``open_tab``), checked for an exception."""
    for label in labels:
        open_tab(at, key, label)
        assert not at.exception, (label, at.exception)
        yield at


#: The pages whose tabs draw only the open one: the tabs' widget key and their labels' text keys.
LAZY_TABS: dict[str, tuple[str, tuple[str, ...]]] = {
    "staffing": (staffing.TAB_KEY, tuple(f"staffing.{name}" for name in staffing.TAB_NAMES)),
    "levers": (levers.TAB_KEY, tuple(f"levers.{name}" for name, _ in levers.TABS)),
}


def every_tab_of(at: AppTest, page: str, lang: str) -> Iterator[AppTest]:
    """The page ``page`` (a file name in ``pages/`` without ``.py``) after ``run()``, then with each
    of its other tabs open in turn: all it can show. A page without such tabs: itself once."""
    yield at
    if page in LAZY_TABS:
        key, labels = LAZY_TABS[page]
        yield from every_tab(at, key, [t(label, lang) for label in labels[1:]])


def centre_with_counts(db: Path, name: str, ds: pd.DatetimeIndex, offered: Sequence[float]) -> int:
    """A new centre in the database file ``db`` holding the phone counts ``offered`` at the
    interval starts ``ds`` (local times), imported as a user imports a file; its id."""
    lines = [f"{moment:%Y-%m-%d %H:%M},{count}" for moment, count in zip(ds, offered, strict=True)]
    con = store.connect(str(db))
    try:
        centre = store.create_centre(con, name, time_zone="Europe/Amsterdam", country="NL")
        source = importer.read_source(("start,offered\n" + "\n".join(lines) + "\n").encode(), "counts.csv")
        bound = store.for_centre(con, centre.centre_id)
        assert importer.run_import(bound, source, importer.guess_mapping(source), user="tester").ok
    finally:
        con.close()
    return centre.centre_id
