"""What the page tests read from an ``AppTest`` run: prose, metrics, tables, form submits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from streamlit.testing.v1 import AppTest

from kcc.formatting import fmt_typed, parse_typed
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
