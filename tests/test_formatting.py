"""Numbers, money, dates and charts in the reader's convention (``kcc.formatting``)."""

from __future__ import annotations

import json
import re
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from kcc import formatting
from kcc.formatting import fmt_compact, fmt_date, fmt_eur, fmt_number, fmt_pct, fmt_signed, fmt_unit, shows_a_change


@pytest.mark.parametrize(
    ("value", "decimals", "en", "nl"),
    [
        (12345.678, 1, "12,345.7", "12.345,7"),
        (1234567, 0, "1,234,567", "1.234.567"),
        (0.5, 2, "0.50", "0,50"),
        (-0.04, 1, "0.0", "0,0"),  # no "-0.0"
        (-1500, 0, "-1,500", "-1.500"),
        (float("inf"), 0, "∞", "∞"),
        (None, 0, "-", "-"),
        (float("nan"), 0, "-", "-"),
    ],
)
def test_numbers_in_english_and_dutch(value, decimals, en, nl) -> None:
    assert fmt_number(value, decimals, "en") == en
    assert fmt_number(value, decimals, "nl") == nl


def test_shares_money_differences_and_dates() -> None:
    assert (fmt_pct(0.8, 1, "en"), fmt_pct(0.7956, 2, "nl", space=True)) == ("80.0%", "79,56 %")
    assert (fmt_eur(12345.4, "en"), fmt_eur(-7069, "nl", signed=True)) == ("EUR 12,345", "-EUR 7.069")
    assert (fmt_signed(1234.5, 1, "nl"), fmt_signed(-0.01, 1, "en")) == ("+1.234,5", "+0.0")
    assert (fmt_date(date(2026, 11, 16), "en"), fmt_date(date(2026, 11, 16), "nl")) == (
        "2026-11-16", "16-11-2026"
    )


@pytest.mark.parametrize(
    ("args", "kwargs", "en", "nl"),
    [
        ((1234.56, "FTE", 1), {}, "1,234.6 FTE", "1.234,6 FTE"),
        ((12, "agents"), {}, "12 agents", "12 agents"),
        ((-3.25, "h", 1), {"signed": True}, "-3.2 h", "-3,2 h"),
        ((0.5, "%", 1), {"signed": True}, "+0.5 %", "+0,5 %"),
        ((1234567, "EUR"), {"unit_first": True}, "EUR 1,234,567", "EUR 1.234.567"),
        ((None, "EUR"), {"unit_first": True}, "EUR -", "EUR -"),
        ((float("nan"), "contacts"), {"missing": "–"}, "– contacts", "– contacts"),
        ((7.25, "", 2), {}, "7.25", "7,25"),  # no unit: the number alone, no trailing space
    ],
)
def test_a_number_with_its_unit(args, kwargs, en: str, nl: str) -> None:  # noqa: ANN001
    value, unit, *decimals = args
    assert fmt_unit(value, unit, *decimals, lang="en", **kwargs) == en
    assert fmt_unit(value, unit, *decimals, lang="nl", **kwargs) == nl


@pytest.mark.parametrize(
    ("value", "en", "nl"),
    [(9999, "9,999", "9.999"), (593_674, "593.7k", "593,7k"), (1_234_567, "1.23M", "1,23 mln"),
     (-20_000, "-20.0k", "-20,0k")],
)
def test_compact_numbers_for_tiles(value, en, nl) -> None:
    assert (fmt_compact(value, "en"), fmt_compact(value, "nl")) == (en, nl)


def test_a_difference_shows_a_change_when_a_digit_is_not_zero() -> None:
    """The tiles grey out a difference that reads as none (``kcc.ui.widgets.change_metric``)."""
    none = [fmt_signed(-0.04, 1, "nl"), fmt_signed(0.0, 1), fmt_compact(0.3, "en", signed=True),
            fmt_signed(None), "+0,0 %-punt", "-0.0 pp"]
    some = [fmt_signed(0.05, 1), fmt_signed(-1234.5, 1, "nl"), fmt_compact(-12_345, "nl", signed=True),
            "+2,0 %-punt", "+0.1 pp"]
    assert [shows_a_change(text) for text in none] == [False] * len(none), none
    assert [shows_a_change(text) for text in some] == [True] * len(some), some


def _days_and_quarters() -> go.Figure:
    figure = make_subplots(rows=3, cols=1)
    days = pd.date_range("2026-03-01", periods=40, freq="D")
    figure.add_trace(go.Scatter(x=days, y=[1234.5] * 40), row=1, col=1)
    quarters = pd.date_range("2026-03-04 08:00", periods=48, freq="15min", tz="Europe/Amsterdam")
    figure.add_trace(go.Bar(x=quarters, y=list(range(48))), row=2, col=1)
    figure.add_trace(go.Bar(x=["phone", "chat"], y=[1500.0, 20.0]), row=3, col=1)
    return figure


def test_charts_keep_plotly_defaults_in_english_apart_from_the_separators() -> None:
    figure = _days_and_quarters()
    localised = formatting.localise_figure(figure, "en")
    assert localised.layout.separators == ".,"
    assert not localised.layout.xaxis.tickformatstops
    assert localised.layout.xaxis.hoverformat is None


def test_dutch_charts_use_a_decimal_comma_and_day_before_month() -> None:
    figure = _days_and_quarters()
    localised = formatting.localise_figure(figure, "nl")
    # Plotly's "separators" is decimal then thousands: 1.234,5 in Dutch.
    assert localised.layout.separators == ",."
    days, quarters, channels = (localised.layout[a] for a in ("xaxis", "xaxis2", "xaxis3"))
    assert days.hoverformat == "%d-%m-%Y", "whole days hover without a 00:00"
    assert quarters.hoverformat == "%d-%m-%Y %H:%M"
    stops = [(tuple(s.dtickrange), s.value) for s in days.tickformatstops]

    def label(dtick_ms: int | str) -> str:
        """The format plotly picks for a tick spacing: the first stop whose range (ends
        included) holds it; month spacings compare by months."""
        def key(value: int | str) -> float:
            return float(value[1:]) * 2_629_800_000 if isinstance(value, str) else float(value)
        for (low, high), fmt in stops:
            if (low is None or key(low) <= key(dtick_ms)) and (high is None or key(dtick_ms) <= key(high)):
                return fmt
        return "plotly default"

    assert label(3_600_000) == "%H:%M<br>%d-%m", "hourly ticks name the day too"
    assert label(86_400_000) == "%d-%m", "daily ticks show the day, not 00:00"
    assert label(7 * 86_400_000) == "%d-%m"
    assert label("M1") == "%m-%Y" and label("M3") == "%m-%Y", "monthly ticks show month-year"
    assert label("M12") == "%Y"
    assert all("%b" not in s.value and "%a" not in s.value for s in days.tickformatstops), (
        "no English month or weekday names"
    )
    assert not channels.tickformatstops and channels.hoverformat is None, "categories untouched"
    # The figure is set in place (a copy of a long chart costs more than drawing it).
    assert localised is figure
    # What the browser receives.
    spec = json.loads(localised.to_json())
    assert spec["layout"]["separators"] == ",."


def test_styled_numbers_show_the_language_and_stay_numbers() -> None:
    frame = pd.DataFrame({"series": ["phone", "chat"], "offered": [1605748.0, None],
                          "aht_s": [312.46, 95.0]})
    styler = formatting.styled_numbers(frame, {"offered": 0, "aht_s": 1, "absent": 0}, "nl")
    shown = styler.to_string(delimiter=";")
    assert "1.605.748" in shown and "312,5" in shown and "95,0" in shown
    assert styler.data["offered"].dtype.kind == "f", "the cells stay numbers for sorting"
    english = formatting.styled_numbers(frame, {"offered": 0}, "en").to_string(delimiter=";")
    assert "1,605,748" in english


def test_a_number_column_with_a_gap_is_written_out_with_a_dash() -> None:
    frame = pd.DataFrame({"method": ["ets", "baseline"], "coverage": [79.0, None], "mase": [0.287, 0.753]})
    shown, as_text = formatting.gaps_as_text(frame, {"coverage": 0, "mase": 3, "absent": 0}, "nl", missing="–")
    assert as_text == ("coverage",)
    assert list(shown["coverage"]) == ["79", "–"]
    assert shown["mase"].dtype.kind == "f", "a column without gaps stays numbers"
    assert frame["coverage"].isna().sum() == 1, "the caller's frame is left as it was"
    dutch, _ = formatting.gaps_as_text(pd.DataFrame({"n": [1605748.5, None]}), {"n": 1}, "nl")
    assert list(dutch["n"]) == ["1.605.748,5", formatting.DASH]
    same, none = formatting.gaps_as_text(frame, {"mase": 3}, "en")
    assert same is frame and none == ()


# --------------------------------------------------------------------------- literal labels

#: A label a careless or hostile file or user could bring: Markdown, HTML, LaTeX, a Streamlit
#: colour directive and a spreadsheet formula.
HOSTILE = '--x ![px](http://127.0.0.1:9/p.png) <b>b</b> :red[r] $x$ =HYPERLINK("http://x","y")'


def _shown(markdown: str) -> str:
    """What a reader sees of escaped Markdown: backslash escapes resolved, word joiners unseen."""
    return re.sub(r"\\(.)", r"\1", markdown.replace(formatting.WORD_JOINER, ""))


def test_a_hostile_label_is_text_in_markdown() -> None:
    text = formatting.escape_markdown(HOSTILE)
    for markup in ("--", "![", "<b>", ":red[", "$x$", "http://"):
        assert markup not in text, markup
    assert not re.search(r"(?<!\\)[\[\]<>$]", text), "every bracket, angle and dollar is escaped"
    assert _shown(text) == HOSTILE  # only escapes were added: the label reads as typed


@pytest.mark.parametrize(
    ("label", "escaped"),
    [
        ("- item", "\\- item"),  # a list
        ("+ item", "\\+ item"),
        ("1. first\n2) second", "1\\. first\n2\\) second"),  # an ordered list
        ("---", "\\-\u2060-\u2060-"),  # a rule (and Streamlit's em dash)
        ("title\n===", "title\n\\==="),  # a setext heading
        ("# h", "\\# h"),
        ("> quote", "\\> quote"),
        ("a -- b -> c <- d >= e", "a -\u2060- b -\u2060\\> c \\<\u2060- d \\>\u2060= e"),  # Streamlit's arrows
        (":material/home: :smile: :100:", "\\:\u2060material/home: \\:\u2060smile: \\:\u2060100:"),
        ("www.x.nl a@b.nl", "www\u2060.x.nl a@\u2060b.nl"),  # links found in plain text
        ("`c` *i* _u_ ~~s~~ | t", "\\`c\\` \\*i\\* \\_u\\_ \\~\\~s\\~\\~ \\| t"),
        ("&lt; \\", "\\&lt; \\\\"),
    ],
)
def test_markdown_syntax_in_a_label_is_escaped(label: str, escaped: str) -> None:
    assert formatting.escape_markdown(label) == escaped
    assert _shown(escaped) == label


@pytest.mark.parametrize("label", ["Late", "us-bank", "Phone · default", "09:15", "1.5", "-5", "Let op!", None])
def test_ordinary_labels_stay_as_they_are(label: str | None) -> None:
    assert formatting.escape_markdown(label) == (label or "")


def test_a_label_in_a_chart_is_text() -> None:
    assert formatting.escape_plotly(HOSTILE) == (
        '--x ![px](http://127.0.0.1:9/p.png) &lt;b&gt;b&lt;/b&gt; :red[r] $x$ =HYPERLINK("http://x","y")'
    )
    assert formatting.escape_plotly("R&D") == "R&amp;D"
    assert formatting.escape_plotly(None) == ""


@pytest.mark.parametrize("text", ["=1+1", "+31 20", "-2", "@SUM(A1)", "\t=1", "\r=1", HOSTILE[HOSTILE.index("="):]])
def test_csv_text_never_starts_a_formula(text: str) -> None:
    assert formatting.csv_text(text) == "'" + text
    assert formatting.csv_text(-2.5) == -2.5  # numbers stay numbers
    assert formatting.csv_text("phone") == "phone"


@pytest.mark.parametrize(("seconds", "en", "nl"), [
    (20.0, "20.0 s", "20,0 s"),
    (120.0, "120.0 s", "120,0 s"),  # two minutes still read as seconds
    (1018.4, "17.0 min", "17,0 min"),  # the demo's WhatsApp wait, not "1,018.4 s"
    (3599.0, "60.0 min", "60,0 min"),
    (9000.0, "2.5 h", "2,5 u"),
    (None, "-", "-"),
    (float("nan"), "-", "-"),
])
def test_times_in_the_unit_they_read_best_in(seconds, en, nl) -> None:  # noqa: ANN001
    assert formatting.fmt_duration(seconds, "en") == en
    assert formatting.fmt_duration(seconds, "nl") == nl


def test_an_axis_of_times_shares_one_unit() -> None:
    assert formatting.duration_unit(90.0) == (1.0, "s")
    assert formatting.duration_unit(1018.4) == (60.0, "min")
    assert formatting.duration_unit(7200.0) == (3600.0, "h")


@pytest.mark.parametrize(("text", "lang", "number"), [
    ("36,5", "nl", 36.5), ("1.234,5", "nl", 1234.5), ("1 234,5", "nl", 1234.5),
    ("1.250", "nl", 1250.0), ("36.5", "nl", 36.5), ("-3,25", "nl", -3.25), (",5", "nl", 0.5),
    ("80", "nl", 80.0), (" 0,25 ", "nl", 0.25),
    ("36.5", "en", 36.5), ("1,234.5", "en", 1234.5), ("1,250", "en", 1250.0), ("36,5", "en", 36.5),
])
def test_a_typed_number_reads_in_its_language(text: str, lang: str, number: float) -> None:
    assert formatting.parse_typed(text, lang) == number


@pytest.mark.parametrize("text", ["", " ", ".", ",", "36,5x", "1,2,3", "1.2.3,4", "1.23.4", "--1", "abc",
                                  "1,234,5", "12.34.567,8"])
def test_text_that_is_no_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        formatting.parse_typed(text, "nl")


@pytest.mark.parametrize("value", [0.0, 0.25, 36.5, 1250.0, 99.9, 2.33333, 1e-4, -7.5, 123456.0])
def test_a_number_shown_for_typing_reads_back_in_both_languages(value: float) -> None:
    for lang in ("en", "nl"):
        text = formatting.fmt_typed(value, lang)
        assert formatting.parse_typed(text, lang) == pytest.approx(value, abs=1e-10)
    assert formatting.fmt_typed(36.5, "nl") == "36,5" and formatting.fmt_typed(100.0, "nl") == "100"


def test_a_number_shown_for_typing_has_six_significant_digits_and_no_exponent() -> None:
    shown = [formatting.fmt_typed(v, "nl") for v in (152.1423762548, 2.3333333, 1234567.8, 1e6, 0.000123456789)]
    assert shown == ["152,142", "2,33333", "1234568", "1000000", "0,000123457"]
