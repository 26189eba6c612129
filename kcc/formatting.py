"""Numbers, shares, money and dates as text, in the language's convention; labels as literal
text for Markdown, plotly and spreadsheets.

One convention for every screen and every report: English ``1,234.5`` and ``80.0%``; Dutch a
decimal comma and a dot between thousands, ``1.234,5`` and ``80,0%``. A number with its unit
is written in one place, ``fmt_unit`` (money and shares by ``fmt_eur`` and ``fmt_pct``). Pages
bind the language through ``kcc.ui.widgets`` (``fmt_number``, ``fmt_pct``, ``fmt_compact``,
``fmt_unit``); the board summary (``kcc.report``) passes it explicitly.

A label from data or a user (a queue, file, scenario, event, shift or user name, a typed
title) is text, never markup: ``escape_markdown`` before it goes into a Markdown message,
``escape_plotly`` into a chart, ``csv_text`` into a CSV cell.

Pure: no Streamlit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, Final, TypeGuard

import numpy as np
import pandas as pd

#: What a missing value shows in a report.
DASH: Final[str] = "-"

_SWAP: Final[dict[int, int]] = str.maketrans(",.", ".,")


# --------------------------------------------------------------------------- literal labels

#: An invisible character that joins its neighbours into no token. Streamlit rewrites some
#: patterns in text after Markdown parsing, where a backslash escape no longer counts:
#: `` -- `` to an em dash, ``->`` to an arrow, ``:smile:`` and ``:material/x:`` to icons,
#: ``www.`` / ``http:`` / ``a@b.nl`` to links. A word joiner inside each breaks the pattern.
WORD_JOINER: Final[str] = "\u2060"

#: Character pairs Streamlit turns into arrows and dashes (``--``, ``->``, ``<-``, ``>=``, ...).
_TYPOGRAPHIC_PAIR: Final[re.Pattern[str]] = re.compile(r"(?<=[-<>~])(?=[-=>])")
#: Where a ``www.`` or e-mail link would start.
_AUTOLINK: Final[re.Pattern[str]] = re.compile(r"(?<=@)|(?i:(?<=\bwww)(?=\.))")
#: Signs that are Markdown, HTML or LaTeX syntax anywhere on a line (``!`` only opens an
#: image before ``[``, which is escaped).
_MD_SIGN: Final[re.Pattern[str]] = re.compile(r"([\\`*_\[\]<>#|~$&])")
#: A colon that opens an icon (``:material/x:``), emoji (``:smile:``, ``:100:``), colour
#: directive (``:red[x]``) or URL (``http://``); a time such as ``09:15`` stays as it is.
_MD_COLON: Final[re.Pattern[str]] = re.compile(r":(?=[A-Za-z_+\-/]|\d[\w+\-]*:)")
#: Signs that are syntax only at the start of a line: a list item (``- x``, ``+ x``, ``1. x``),
#: a rule or setext underline (``---``, ``===``).
_MD_LINE_SIGN: Final[re.Pattern[str]] = re.compile(
    r"^([ \t]*)([-+](?=\s|$)|[-=](?=[-=\s\u2060]*$)|\d+(?=[.)](?:\s|$)))", re.MULTILINE
)

#: First characters that make a spreadsheet cell a formula (OWASP CSV injection), with
#: the tab and carriage return some programs skip before one.
FORMULA_START: Final[tuple[str, ...]] = ("=", "+", "-", "@", "\t", "\r")


def escape_markdown(text: object) -> str:
    r"""A label from data or a user as literal text inside Streamlit Markdown.

    Every message on screen (``st.success``, ``st.caption``, widget labels, ...) is Markdown;
    a label put into one must show as typed: ``--`` stays two hyphens, ``![x](url)`` fetches
    nothing, ``<b>``, ``$x$``, ``:red[x]`` and ``:material/home:`` stay text. Markdown signs
    get a backslash; patterns Streamlit rewrites after parsing get an invisible
    ``WORD_JOINER``. For the label alone, not for a whole translated message (whose own
    Markdown must keep working).

    Parameters
    ----------
    text : object
        The label; ``None`` gives ``""``, anything else is shown as ``str(text)``.

    Returns
    -------
    str
        Markdown that renders as ``text``.

    Examples
    --------
    >>> print(escape_markdown("a_b <i>"))
    a\_b \<i\>
    """
    if text is None:
        return ""
    value = str(text)
    value = _TYPOGRAPHIC_PAIR.sub(WORD_JOINER, value)
    value = _AUTOLINK.sub(WORD_JOINER, value)
    value = _MD_SIGN.sub(r"\\\1", value)
    value = _MD_COLON.sub("\\\\:" + WORD_JOINER, value)
    return _MD_LINE_SIGN.sub(_escape_line_start, value)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, sign = match.group(1), match.group(2)
    if sign[0].isdigit():  # "1." -> "1\." (the dot or bracket follows the match)
        return f"{indent}{sign}\\"
    return f"{indent}\\{sign}"


def escape_plotly(text: object) -> str:
    """A label as literal text in a plotly title, legend, hover text, annotation or category.

    plotly draws a small HTML subset (``<b>``, ``<a href>``, ``<br>``, entities) in every text;
    ``<``, ``>`` and ``&`` become entities so a label shows as typed. ``None`` gives ``""``.

    Examples
    --------
    >>> escape_plotly("R&D <b>")
    'R&amp;D &lt;b&gt;'
    """
    if text is None:
        return ""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def csv_text(value: Any) -> Any:
    """A CSV cell that a spreadsheet opens as text, never as a formula.

    Text starting with ``= + - @`` (or tab / carriage return) gets a leading single quote, as
    OWASP advises against CSV injection; numbers and other text stay as they are.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def is_number(value: object) -> TypeGuard[int | float | np.integer | np.floating]:
    """True for a real number (numpy scalars included); False for booleans and anything else."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def localise(text: str, lang: str = "en") -> str:
    """An English-formatted number (``1,234.5``) in the language's convention (``1.234,5``)."""
    return text.translate(_SWAP) if lang == "nl" else text


def fmt_number(value: float | None, decimals: int = 0, lang: str = "en", *,
               missing: str = DASH) -> str:
    """A number with thousands separators in the language's convention.

    Parameters
    ----------
    value : float or None
        The number; ``None`` or NaN shows ``missing``, infinity ``∞``.
    decimals : int
        Decimals shown.
    lang : {"en", "nl"}
        ``12,345.7`` in English, ``12.345,7`` in Dutch.
    missing : str
        Text for a missing value.

    Returns
    -------
    str

    Examples
    --------
    >>> fmt_number(12345.678, 1, "en"), fmt_number(12345.678, 1, "nl")
    ('12,345.7', '12.345,7')
    """
    if not is_number(value) or math.isnan(float(value)):
        return missing
    number = float(value)
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    text = f"{number:,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # no "-0"
    return localise(text, lang)


def fmt_pct(share: float | None, decimals: int = 1, lang: str = "en", *, space: bool = False,
            missing: str = DASH) -> str:
    """A share as a percentage with its unit, e.g. ``"80.0%"`` (``"80,0%"`` in Dutch).

    Parameters
    ----------
    share : float or None
        Share. [0..1]
    decimals : int
        Decimals of the percentage.
    lang : {"en", "nl"}
        Decimal and thousands separators.
    space : bool
        A space before the ``%`` (the screen's style: ``"80,0 %"``).
    missing : str
        Text for a missing value.

    Returns
    -------
    str
    """
    if not is_number(share) or math.isnan(float(share)):
        return missing
    return f"{fmt_number(100.0 * float(share), decimals, lang)}{' ' if space else ''}%"


def fmt_signed(value: float | None, decimals: int = 0, lang: str = "en", *,
               missing: str = DASH) -> str:
    """A difference with its sign: ``+1,234.5`` / ``-0,5``; ``missing`` when not finite."""
    if not is_number(value) or not math.isfinite(float(value)):
        return missing
    number = float(value)
    text = fmt_number(abs(number), decimals, lang)
    return ("-" if number < 0 and shows_a_change(text) else "+") + text  # never "-0,0"


def shows_a_change(difference: str) -> bool:
    """Whether a difference as shown (``fmt_signed``, ``fmt_compact(signed=True)``) reads as a
    change: ``+0,0``, ``-0`` and a dash for a missing one do not."""
    return any(digit in difference for digit in "123456789")


def fmt_eur(value: float | None, lang: str = "en", *, signed: bool = False) -> str:
    """An amount with its unit, e.g. ``"EUR 12,345"``.

    Parameters
    ----------
    value : float or None
        Amount, rounded to whole euros. [EUR]
    lang : {"en", "nl"}
        Decimal and thousands separators.
    signed : bool
        Show ``+`` before a positive amount (a difference).

    Returns
    -------
    str
    """
    if not is_number(value) or not math.isfinite(float(value)):
        return DASH
    number = float(value)
    sign = ("+" if number >= 0 else "-") if signed else ("-" if number < 0 else "")
    return f"{sign}EUR {fmt_number(abs(number), 0, lang)}"


def fmt_unit(value: float | None, unit: str, decimals: int = 0, lang: str = "en", *,
             signed: bool = False, unit_first: bool = False, missing: str = DASH) -> str:
    """A number with its unit: ``"12 agents"``, ``"+1.5 %"``, ``"EUR 1,234"``.

    Parameters
    ----------
    value : float or None
        The number; a missing one shows ``missing`` beside the unit.
    unit : str
        The unit as the reader reads it (translated by the caller); ``""`` for none.
    decimals : int
        Decimals shown.
    lang : {"en", "nl"}
        Decimal and thousands separators.
    signed : bool
        A difference: ``+`` before a positive number (``fmt_signed``).
    unit_first : bool
        The unit before the number, as money in a table (``EUR 1,234``).
    missing : str
        Text for a missing value.

    Returns
    -------
    str
    """
    number = (fmt_signed if signed else fmt_number)(value, decimals, lang, missing=missing)
    if not unit:
        return number
    return f"{unit} {number}" if unit_first else f"{number} {unit}"


#: Longest time still shown in seconds; longer ones read better in minutes. [s]
SECONDS_UP_TO_S: Final[float] = 120.0
#: Shortest time shown in hours (deferred channels answer in hours). [s]
HOURS_FROM_S: Final[float] = 3600.0


def duration_unit(seconds: float | None) -> tuple[float, str]:
    """The unit a time of this size reads best in, as ``(seconds per unit, unit)``.

    Up to ``SECONDS_UP_TO_S`` in seconds, below ``HOURS_FROM_S`` in minutes, else in hours:
    a WhatsApp wait of 1,018 s reads as 17.0 min. Charts pick their axis unit from their
    largest value with it, so a whole axis shares one unit.

    Parameters
    ----------
    seconds : float or None
        The time (or the largest on an axis). [s]

    Returns
    -------
    tuple of (float, str)
        ``(1, "s")``, ``(60, "min")`` or ``(3600, "h")``; seconds for a missing time.
    """
    size = abs(float(seconds)) if is_number(seconds) and math.isfinite(float(seconds)) else 0.0
    if size >= HOURS_FROM_S:
        return 3600.0, "h"
    if size > SECONDS_UP_TO_S:
        return 60.0, "min"
    return 1.0, "s"


def fmt_duration(seconds: float | None, lang: str = "en", decimals: int = 1, *,
                 missing: str = DASH) -> str:
    """A time with the unit it reads best in: ``"45.0 s"``, ``"17.0 min"``, ``"2.5 h"``
    (``"2,5 u"`` in Dutch).

    Parameters
    ----------
    seconds : float or None
        The time. [s]
    lang : {"en", "nl"}
        Decimal and thousands separators (``17,0 min`` in Dutch).
    decimals : int
        Decimals shown.
    missing : str
        Text for a missing time.

    Returns
    -------
    str

    Examples
    --------
    >>> fmt_duration(1018.4), fmt_duration(1018.4, "nl"), fmt_duration(20)
    ('17.0 min', '17,0 min', '20.0 s')
    """
    if not is_number(seconds) or math.isnan(float(seconds)):
        return missing
    per_unit, unit = duration_unit(float(seconds))
    unit = "u" if unit == "h" and lang == "nl" else unit  # uur
    return fmt_unit(float(seconds) / per_unit, unit, decimals, lang, missing=missing)


def fmt_compact(value: float | None, lang: str = "en", *, signed: bool = False,
                decimals: int = 1, missing: str = "–") -> str:
    """A big number short enough for a metric tile; the unit belongs in the label.

    ``593,674`` -> ``593.7k`` (``593,7k`` in Dutch), ``1,234,567`` -> ``1.23M`` (``1,23 mln``);
    below 10,000 the whole number.
    """
    if not is_number(value) or not math.isfinite(float(value)):
        return missing
    number = float(value)
    size = abs(number)
    if size >= 1e6:
        text, suffix = f"{size / 1e6:,.2f}", " mln" if lang == "nl" else "M"
    elif size >= 1e4:
        text, suffix = f"{size / 1e3:,.{decimals}f}", "k"
    else:
        text, suffix = f"{size:,.0f}", ""
    text = localise(text, lang)
    sign = "-" if number < 0 and text.strip("0.,") else ("+" if signed else "")
    return f"{sign}{text}{suffix}"


#: Spaces people type between thousands (plain, no-break and narrow no-break).
_TYPED_SPACES: Final[re.Pattern[str]] = re.compile(r"[ \u00a0\u202f]")


#: Significant digits of a number shown for typing, as ``%g`` shows them.
TYPED_DIGITS: Final[int] = 6


def fmt_typed(value: float, lang: str = "en") -> str:
    """A number as a person would type it in the language, to six significant digits like
    ``%g`` but never in exponent form: no thousands separators and no trailing zeros (``36.5`` /
    ``36,5``, ``1250``, ``0.25`` / ``0,25``, ``152.142`` for 152.1423762548)."""
    number = float(value)
    exponent = math.floor(math.log10(abs(number))) if number else 0
    text = f"{number:.{max(TYPED_DIGITS - 1 - exponent, 0)}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return localise("0" if text in ("", "-0") else text, lang)


def parse_typed(text: str, lang: str = "en") -> float:
    """A number typed in the language's convention, back to a float.

    The language's decimal sign is the decimal sign (``36,5`` in Dutch, ``36.5`` in English);
    the other sign is read as a thousands separator where it groups digits by three
    (``1.234,5`` / ``1,234.5``, and Dutch ``1.250`` is 1250), and otherwise, when it occurs
    once, as a decimal sign typed the other way (Dutch ``36.5`` is 36.5). Spaces between
    thousands are allowed, and a leading sign.

    Raises
    ------
    ValueError
        When ``text`` is not a number in either reading (``"36,5x"``, ``"1,2,3"``, ``""``).

    Examples
    --------
    >>> parse_typed("36,5", "nl"), parse_typed("1.234,5", "nl"), parse_typed("36.5", "nl")
    (36.5, 1234.5, 36.5)
    >>> parse_typed("1,234.5", "en"), parse_typed("1.250", "nl")
    (1234.5, 1250.0)
    """
    decimal, group = (",", ".") if lang == "nl" else (".", ",")
    body = _TYPED_SPACES.sub("", text.strip())
    sign = ""
    if body[:1] in ("+", "-"):
        sign, body = body[:1].replace("+", ""), body[1:]
    grouped = rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+"
    if re.fullmatch(rf"(?:{grouped}|\d+)(?:{re.escape(decimal)}\d*)?|{re.escape(decimal)}\d+", body):
        plain = body.replace(group, "").replace(decimal, ".")
    elif body.count(group) == 1 and re.fullmatch(rf"\d*{re.escape(group)}\d*", body) and body != group:
        plain = body.replace(group, ".")
    else:
        raise ValueError(f"not a number: {text!r}")
    return float(sign + plain)


def fmt_date(day: date, lang: str = "en") -> str:
    """``2026-11-16`` in English, ``16-11-2026`` in Dutch."""
    return day.isoformat() if lang == "en" else day.strftime("%d-%m-%Y")


def fmt_datetime(moment: datetime, lang: str = "en") -> str:
    """A wall-clock time to the minute: ``2026-11-16 09:15`` / ``16-11-2026 09:15``."""
    return f"{fmt_date(moment.date(), lang)} {moment:%H:%M}"


def fmt_month(day: date, lang: str = "en") -> str:
    """The month of a day: ``2026-11`` in English, ``11-2026`` in Dutch."""
    return f"{day:%Y-%m}" if lang == "en" else f"{day:%m-%Y}"


def format_columns(frame: pd.DataFrame, formats: Mapping[str, Callable[[Any], str]]) -> pd.DataFrame:
    """A copy of ``frame`` whose named columns are shown as text by their formatter (a table in
    the language's number format; ``st.dataframe``'s own formats only know English).

    Parameters
    ----------
    frame : pandas.DataFrame
    formats : mapping of str to callable
        Column -> value-to-text function, e.g. ``lambda v: fmt_unit(v, "u", 1, "nl")``.

    Returns
    -------
    pandas.DataFrame
        Same columns and index; the formatted columns hold strings.
    """
    return frame.assign(**{col: [fmt(v) for v in frame[col]] for col, fmt in formats.items()
                           if col in frame})


def styled_numbers(frame: pd.DataFrame, decimals: Mapping[str, int], lang: str = "en", *,
                   missing: str = DASH) -> Any:
    """``frame`` as a pandas ``Styler`` showing the named number columns in the language's
    convention, for ``st.dataframe``: the cells stay numbers, so the table sorts and aligns
    them as numbers (``st.dataframe``'s own number formats follow the browser's locale, not
    the app's language; ``format_columns`` turns them into text).

    Parameters
    ----------
    frame : pandas.DataFrame
    decimals : mapping of str to int
        Column -> decimals shown; columns not in ``frame`` are skipped.
    lang : {"en", "nl"}
    missing : str
        Text of a missing number in the Styler's text (``st.dataframe`` draws its own grey
        "None" there all the same; ``gaps_as_text`` writes such a column out).

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    styler = frame.style
    for column, places in decimals.items():
        if column in frame:
            styler = styler.format(
                lambda v, places=places: fmt_number(v, places, lang, missing=missing), subset=[column]
            )
    return styler


def gaps_as_text(frame: pd.DataFrame, decimals: Mapping[str, int], lang: str = "en", *,
                 missing: str = DASH) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """``frame`` with each named number column that has a missing value written out as text in
    the language (``"79"``, ``"–"``), and the names of those columns.

    ``st.dataframe`` draws a missing number as a grey, English "None" whatever a ``Styler``
    says, so such a column is shown as text; a column without gaps stays numbers, for
    ``styled_numbers``.

    Parameters
    ----------
    frame : pandas.DataFrame
    decimals : mapping of str to int
        Column -> decimals shown; columns not in ``frame`` are skipped.
    lang : {"en", "nl"}
    missing : str
        Text of a missing number.

    Returns
    -------
    (pandas.DataFrame, tuple of str)
        A copy when a column changed, else ``frame`` itself; the columns now text.
    """
    gaps = tuple(c for c in decimals if c in frame and frame[c].isna().any())
    if not gaps:
        return frame, ()
    shown = frame.copy()
    for column in gaps:
        shown[column] = [fmt_number(v, decimals[column], lang, missing=missing) for v in frame[column]]
    return shown, gaps


#: Plotly's decimal and thousands separators per language (``layout.separators``).
CHART_SEPARATORS: Final[dict[str, str]] = {"en": ".,", "nl": ",."}

#: Dutch tick labels of a time axis by tick spacing [ms]: numbers only, day before month,
#: because the browser's plotly knows English month names only. The ranges include both
#: ends and the first match wins, so each stops short of the next level's spacing.
_DUTCH_TIME_TICKS: Final[tuple[tuple[tuple[Any, Any], str], ...]] = (
    ((None, 86_400_000 - 1), "%H:%M<br>%d-%m"),  # below a day: time, and the day under it
    ((86_400_000, 14 * 86_400_000), "%d-%m"),  # days and weeks
    (("M1", "M11"), "%m-%Y"),  # months
    (("M12", None), "%Y"),  # years
)


def _time_axis_data(values: Any) -> pd.DatetimeIndex | None:
    """The x values of a trace as times, or None when they are not times."""
    if values is None:
        return None
    array = np.asarray(values)
    if array.size == 0:
        return None
    first = next((v for v in array.ravel() if v is not None), None)
    if not (np.issubdtype(array.dtype, np.datetime64)
            or isinstance(first, (date, np.datetime64, pd.Timestamp))):
        return None
    return pd.DatetimeIndex(pd.to_datetime(array.ravel(), errors="coerce"))


def localise_figure(figure: Any, lang: str = "en") -> Any:
    """Make a plotly figure's numbers and dates read in the language's convention.

    Hover and tick numbers get the language's separators (``1.234,5`` in Dutch, where
    ``1,234`` would read as one point two three four). Time axes in Dutch show day before
    month in numbers (``04-03``, ``11-2026``) and hover as ``04-03-2026 09:15``.

    Parameters
    ----------
    figure : plotly.graph_objects.Figure
        Built by a chart builder (which stays language-free).
    lang : str
        ``"en"`` or ``"nl"``.

    Returns
    -------
    plotly.graph_objects.Figure
        The figure given, its layout set in place: builders make a new figure per call, and a
        copy of a year of quarter-hours costs about half a second per rerun.
    """
    figure.update_layout(separators=CHART_SEPARATORS.get(lang, CHART_SEPARATORS["en"]))
    if lang != "nl":
        return figure
    # axis name -> whether any value has a time of day (days alone hover without 00:00)
    time_axes: dict[str, bool] = {
        name: False for name in figure.layout
        if name.startswith("xaxis") and figure.layout[name].type == "date"
    }
    for trace in figure.data:
        times = _time_axis_data(getattr(trace, "x", None))
        if times is not None:
            name = "xaxis" + str(getattr(trace, "xaxis", None) or "x")[1:]
            clock = bool((times.dropna() != times.dropna().normalize()).any())
            time_axes[name] = time_axes.get(name, False) or clock
    for name, clock in sorted(time_axes.items()):
        figure.layout[name].update(
            tickformatstops=[
                {"dtickrange": list(span), "value": fmt} for span, fmt in _DUTCH_TIME_TICKS
            ],
            hoverformat="%d-%m-%Y %H:%M" if clock else "%d-%m-%Y",
        )
    return figure
