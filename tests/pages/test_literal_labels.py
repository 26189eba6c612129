"""Labels from data and users are shown as text on every page (AppTest): a database whose
queue, import file, importing user, scenario (name and description), event and shift are all
named with Markdown, HTML, LaTeX, a Streamlit colour and a spreadsheet formula. Every
Markdown body on screen carries the escaped label and none of its raw markup; charts carry it
as plotly text; the typed export title is a text cell in the workbook."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from kcc import importer, store
from kcc.formatting import escape_markdown, escape_plotly
from kcc.i18n import t
from kcc.scenarios import SPEC_VERSION, ChannelHours, ScenarioSpec
from kcc.ui.scenario_cache import WORKING_NAME_KEY, WORKING_SPEC_KEY
from tests.conftest import ROOT
from tests.pages.helpers import every_tab_of, into_demo

HOSTILE = '--x ![px](http://127.0.0.1:9/p.png) <b>b</b> :red[r] $x$ =HYPERLINK("http://x","y")'
FORMULA = '=HYPERLINK("http://127.0.0.1:9/p","click")'
SHOWN = escape_markdown(HOSTILE)
#: What the label would turn into if a page let Streamlit read it as Markdown.
RAW_MARKUP = ("--x", "![", "<b>", ":red[", "$x$")
#: An HTML tag of an attack that no backslash escapes.
RAW_TAG = re.compile(r"(?<!\\)<(?:script|img)")
#: The label's link target after an unescaped bracket (the app's own links go to its pages).
RAW_LINK = re.compile(r"(?<!\\)\]\(http")
#: The attacks every label must survive as text: script, an image that runs code, a
#: spreadsheet formula, SQL, and a Markdown link.
ATTACKS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '=HYPERLINK("http://x","y")',
           "'; DROP TABLE contacts; --", "[link](http://x)")
LATE = ScenarioSpec(opening_hours=(ChannelHours("phone", (480,) * 5 + (540, 0), (1320,) * 5 + (1020, 0)),))
PAGES = ("overview", "data", "forecast", "staffing", "levers", "scenarios", "export", "calculator", "engine_check")


def fill_hostile(path: Path) -> None:
    """Put hostile names everywhere a user or a file can put one, in the database at ``path``:
    a phone queue whose history ended long ago (the stale-series warning names it), from a file
    with a hostile name imported by a hostile user (the freshness line names both), a saved
    scenario (name and description), an event in the forecast horizon and a shift."""
    con = store.connect(str(path))
    try:
        import_attacks(con)
        lines = ["interval_start,offered,answered,abandoned,aht_s"] + [
            f"2025-01-{day:02d} {hour:02d}:{minute:02d},10,9,1,300"
            for day in (6, 7, 8) for hour in (9, 10) for minute in (0, 15, 30, 45)
        ]
        source = importer.read_source("\n".join(lines).encode(), HOSTILE + ".csv")
        mapping = dataclasses.replace(importer.guess_mapping(source), channel=None, channel_value="phone",
                                      queue=None, queue_value=HOSTILE)
        assert importer.run_import(con, source, mapping, interval_min=15, user=HOSTILE).ok
        store.save_scenario(con, name=HOSTILE, spec=LATE.to_dict(), spec_version=SPEC_VERSION, user=HOSTILE,
                            description=HOSTILE)
        last = store.series_summary(con)["last_ds"].max().date()
        store.write_event(con, name=HOSTILE, kind="campaign", start_date=last + timedelta(days=3),
                          end_date=last + timedelta(days=4), channels=["phone"], uplift_pct=30.0)
        shifts = store.read_shifts(con)
        shifts.loc[0, "name"] = HOSTILE
        store.replace_shifts(con, shifts)
    finally:
        con.close()


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def attack_files() -> tuple[bytes, bytes]:
    """An interval file and a contact file whose channel and queue columns hold ``ATTACKS``."""
    intervals = ["interval_start,channel,queue,offered,answered,abandoned,aht_s"] + [
        f"2025-01-{day:02d} {hour:02d}:{minute:02d},{_quoted(a)},{_quoted(a)},10,9,1,300"
        for a in ATTACKS for day in (6, 7, 8) for hour in (9, 10) for minute in (0, 15, 30, 45)
    ]
    contacts = ["contact_id,arrival,channel,queue,handle_s,wait_s,outcome"] + [
        f"{n},2025-01-{day:02d} {hour:02d}:{minute:02d}:00,{_quoted(a)},{_quoted(a)},300,20,answered"
        for n, (a, day, hour, minute) in enumerate(
            (a, day, hour, minute) for a in ATTACKS for day in (6, 7, 8) for hour in (9, 10) for minute in (0, 20, 40))
    ]
    return "\n".join(intervals).encode(), "\n".join(contacts).encode()


def import_attacks(con: object) -> None:
    """``attack_files`` through the import: the interval file's channels as phone, the contact
    file's as chat (a channel value is matched in lower case), each attack a queue."""
    for data, channel in zip(attack_files(), ("phone", "chat"), strict=True):
        source = importer.read_source(data, ATTACKS[0] + ".csv")
        mapping = dataclasses.replace(importer.guess_mapping(source),
                                      channel_map=tuple((a.lower(), channel) for a in ATTACKS))
        result = importer.run_import(con, source, mapping, interval_min=15, user=ATTACKS[1])
        assert result.ok, [p.reason for p in result.problems]


@pytest.fixture(scope="module")
def hostile_db(visited_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo after its first visit plus hostile names everywhere (``fill_hostile``), as
    ``KCC_DB_PATH``."""
    path = tmp_path_factory.mktemp("hostile") / "kcc.duckdb"
    shutil.copyfile(visited_demo_template, path)
    fill_hostile(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KCC_DB_PATH", str(path))
        yield path


def _page(name: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=300)
    at.session_state["lang"] = lang
    at.session_state["user"] = HOSTILE
    return at


def markdown_texts(at: AppTest) -> list[str]:
    """Every text Streamlit renders as Markdown: messages, headings, captions, widget labels,
    radio options, metric labels and values, tab and expander labels."""
    texts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "success", "info", "warning", "error",
                 "toast"):
        texts += [str(e.value) for e in at.get(kind)]
    for kind in ("selectbox", "multiselect", "radio", "checkbox", "toggle", "text_input", "text_area",
                 "number_input", "slider", "select_slider", "date_input", "button", "tab", "expander"):
        texts += [str(getattr(e, "label", "")) for e in at.get(kind)]
    texts += [str(option) for radio in at.get("radio") for option in radio.options]
    texts += [f"{m.label} {m.value} {m.delta or ''}" for m in at.get("metric")]
    return texts


def chart_texts(at: AppTest) -> list[str]:
    """Every text in the plotly figures on the page (names, hover texts, categories, titles)."""

    def strings(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    return [text for chart in at.get("plotly_chart") for text in strings(json.loads(chart.proto.spec))]


def assert_literal(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    for text in markdown_texts(at):
        for markup in RAW_MARKUP:
            assert markup not in text, f"{markup!r} rendered as Markdown in {text!r}"
        assert not RAW_LINK.search(text), f"a link in {text!r}"
        assert not RAW_TAG.search(text), f"an HTML tag in {text!r}"
    for text in chart_texts(at):
        for markup in ("<b>b</b>", "<script", "<img"):
            assert markup not in text, f"a label drawn as plotly HTML: {text!r}"


@pytest.mark.parametrize("page", PAGES)
def test_no_label_is_rendered_as_markdown_on_any_page(hostile_db: Path, page: str) -> None:
    at = _page(page)
    at.session_state[WORKING_SPEC_KEY] = LATE.to_dict()
    at.session_state[WORKING_NAME_KEY] = HOSTILE
    for shown in every_tab_of(at.run(), page, "en"):  # a tabbed page draws only the open tab
        assert_literal(shown)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_overview_names_the_stale_queue_the_file_and_the_user_as_typed(hostile_db: Path, lang: str) -> None:
    at = _page("overview", lang).run()
    assert_literal(at)
    channel = t("common.ch_phone", lang)
    warning = "\n".join(w.value for w in at.warning)
    assert f"- {channel} · {SHOWN}: " in warning
    markdown = "\n".join(m.value for m in at.markdown)
    by = {"en": "by", "nl": "door"}[lang]
    assert f"**{escape_markdown(HOSTILE + '.csv')}** {by} {SHOWN} " in markdown


def test_staffing_names_the_stale_queue_as_typed(hostile_db: Path) -> None:
    at = _page("staffing").run()
    assert_literal(at)
    assert any(f"Phone · {SHOWN}: history ends 2025-01-08" in w.value for w in at.warning)


def test_forecast_marks_the_event_as_text(hostile_db: Path) -> None:
    at = _page("forecast").run()
    assert_literal(at)
    options = at.selectbox(key="forecast.series").options
    assert f"Phone · {HOSTILE}" in options, "option labels are plain text: shown as typed, unescaped"
    at.selectbox(key="forecast.series").set_value("phone|default")
    at.button(key="forecast.run").click().run()
    assert_literal(at)
    assert escape_plotly(HOSTILE) in chart_texts(at), "the event is marked by its name"
    special = next(d.value for d in at.dataframe if t("forecast.col_events", "en") in d.value.columns)
    assert HOSTILE in set(special[t("forecast.col_events", "en")]), "table cells are plain text"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_shared_link_and_a_loaded_scenario_name_themselves_as_typed(hostile_db: Path, lang: str) -> None:
    at = _page("scenarios", lang)
    for key, value in LATE.to_query(name=HOSTILE).items():
        at.query_params[key] = value
    at.run()
    assert_literal(at)
    assert t("scenarios.link_loaded", lang, name=SHOWN) in [s.value for s in at.success]
    assert t("levers.working_caption", lang, name=SHOWN) in [c.value for c in at.caption]
    working = t("scenarios.working", lang, name=HOSTILE)
    assert escape_plotly(working) in chart_texts(at), "the comparison names it"
    at.selectbox(key="scenarios.pick").set_value(HOSTILE)
    at.button(key="scenarios.load").click().run()
    assert_literal(at)
    assert t("scenarios.loaded", lang, name=SHOWN) in [s.value for s in at.success]


def test_levers_name_the_working_scenario_as_typed(hostile_db: Path) -> None:
    at = _page("levers")
    at.session_state[WORKING_SPEC_KEY] = LATE.to_dict()
    at.session_state[WORKING_NAME_KEY] = HOSTILE
    at.run()
    assert_literal(at)
    assert t("levers.working_caption", "en", name=SHOWN) in [c.value for c in at.caption]


def test_export_previews_typed_text_as_text_and_the_title_is_no_formula(hostile_db: Path) -> None:
    at = _page("export")
    # one week: the texts do not depend on the period, and a 13-week export takes seconds
    at.session_state["scenario.period_weeks"] = 1
    at.run()
    at.selectbox(key="export.scenario").set_value(HOSTILE)
    at.text_input(key="export.title").input(FORMULA)
    at.button(key="export.generate").click().run()
    assert_literal(at)
    markdown = [m.value for m in at.markdown]
    summary = at.session_state["export.result"]["summary"]
    assert summary.title == FORMULA and summary.scenario_name == HOSTILE and summary.prepared_by == HOSTILE
    assert any(m.startswith(f"**{escape_markdown(FORMULA)}** — ") and SHOWN in m for m in markdown)
    files = at.session_state["export.result"]["files"]
    sheet = load_workbook(io.BytesIO(files["xlsx"])).worksheets[0]
    assert sheet["A1"].value == FORMULA and sheet["A1"].data_type == "s"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_an_imported_file_is_named_as_typed(demo_db: Path, lang: str) -> None:
    example = ROOT / "data" / "examples" / "intervals_example.csv"
    at = _page("data", lang).run()
    if not hasattr(at, "file_uploader"):
        pytest.skip("this Streamlit version's AppTest cannot drive st.file_uploader")
    at.file_uploader(key="data.upload").upload(HOSTILE + ".csv", example.read_bytes(), "text/csv").run()
    into_demo(at)
    assert_literal(at)
    at.button(key="data.import").click().run()
    assert_literal(at)
    done = {"en": f"from {escape_markdown(HOSTILE + '.csv')} into", "nl": f"uit {escape_markdown(HOSTILE + '.csv')} "
            "geïmporteerd in"}[lang]
    assert any(done in s.value for s in at.success)
