"""Which planning interval a file fits, told before anything is imported.

A counts file can only be added up to a planning interval its own interval length divides:
6-minute counts make 30- and 60-minute intervals, never 15. ``fit_interval`` finds the
interval length in the rows the Data page has read and picks the nearest planning interval
that works, so the page proposes it (and says why) before Import is pressed. Contact records
fit any planning interval.

A series already stored at another interval length is not refused either: the file's rows go
to a series of their own (``separate_queue``), and the import says so (``separate_series``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from kcc import config, store
from kcc.ingest.checks import interval_length
from kcc.ingest.mapping import Mapping
from kcc.ingest.problems import ERROR, NOTICE, ImportProblem, make_problem
from kcc.ingest.read import SourceFile
from kcc.ingest.values import parse_times, time_text

#: Rows read to find a file's interval length before import: three weeks of 6-minute
#: counts, enough for the most common step between starts. [rows]
FIT_SAMPLE_ROWS: Final[int] = 5_000


def fitting_interval(source_interval_min: int, wanted_min: int) -> int | None:
    """The planning interval nearest ``wanted_min`` that ``source_interval_min`` divides.

    Parameters
    ----------
    source_interval_min : int
        Interval length of the file. [min]
    wanted_min : int
        Planning interval asked for, one of ``kcc.config.PLANNING_INTERVALS_MIN``. [min]

    Returns
    -------
    int or None
        ``wanted_min`` when it fits; else the nearest fitting planning interval (the longer
        one on a tie, since a longer interval never needs a finer source); None when no
        planning interval is a multiple of the source interval (45 min).
    """
    fits = [m for m in config.PLANNING_INTERVALS_MIN if m % source_interval_min == 0]
    if not fits:
        return None
    return min(fits, key=lambda m: (abs(m - wanted_min), -m))


def source_interval(source: SourceFile, mapping: Mapping) -> int | None:
    """Interval length of a counts file [min], from its first ``FIT_SAMPLE_ROWS`` rows as
    the mapping reads them; None for contact records, or when the rows show no single
    supported length (the import names what is wrong)."""
    if mapping.kind != "intervals":
        return None
    columns = [c for c in mapping.time_columns() if c in source.frame]
    if not columns or len(columns) < len(mapping.time_columns()):
        return None
    head = source.frame.head(FIT_SAMPLE_ROWS)
    text = time_text(head, columns)
    stamps = pd.DataFrame({
        "channel": head[mapping.channel] if mapping.channel in head else mapping.channel_value,
        "queue": head[mapping.queue] if mapping.queue in head else mapping.queue_value,
        "ds": parse_times(text, mapping.datetime_format),
    }).dropna(subset=["ds"])
    length, mixed = interval_length(stamps)
    if mixed or length not in config.SOURCE_INTERVALS_MIN:
        return None
    return length


@dataclass(frozen=True)
class IntervalFit:
    """The planning interval a file goes to, and why.

    Attributes
    ----------
    wanted_min : int
        Planning interval asked for. [min]
    interval_min : int
        The nearest planning interval the file fits (``wanted_min`` when it fits, or when no
        interval does). [min]
    source_interval_min : int or None
        Interval length found in a counts file; None for contact records or when unknown. [min]
    """

    wanted_min: int
    interval_min: int
    source_interval_min: int | None

    @property
    def adjusted(self) -> bool:
        """The file does not fit ``wanted_min``; ``interval_min`` is another interval."""
        return self.interval_min != self.wanted_min

    def notice(self, file: str) -> ImportProblem | None:
        """Why the proposed interval differs from the one asked for (a notice), or None."""
        if not self.adjusted:
            return None
        return make_problem("interval_adjusted", file, severity=NOTICE,
                            length=self.source_interval_min, wanted=self.wanted_min,
                            interval=self.interval_min)

    def refusal(self, file: str) -> ImportProblem | None:
        """An error when ``wanted_min`` was chosen although the file does not fit it (the
        import would refuse it), naming the interval that works; else None."""
        if not self.adjusted:
            return None
        return make_problem("interval_not_divisible", file, severity=ERROR,
                            length=self.source_interval_min, interval=self.wanted_min,
                            fits=self.interval_min)


def fit_interval(source: SourceFile, mapping: Mapping, wanted_min: int) -> IntervalFit:
    """The planning interval ``source`` fits nearest to ``wanted_min`` (see
    ``fitting_interval``).

    Parameters
    ----------
    source : SourceFile
        From ``read_source``.
    mapping : Mapping
        How its columns are read.
    wanted_min : int
        Planning interval asked for. [min]

    Returns
    -------
    IntervalFit
        The interval to propose; its ``notice`` says why when it is not ``wanted_min``.
    """
    if wanted_min not in config.PLANNING_INTERVALS_MIN:
        raise ValueError(f"wanted_min must be one of {config.PLANNING_INTERVALS_MIN}, got {wanted_min}")
    length = source_interval(source, mapping)
    fits = fitting_interval(length, wanted_min) if length else None
    return IntervalFit(wanted_min, fits or wanted_min, length)


def separate_queue(queue: str, interval_min: int) -> str:
    """Queue name of the series a file's rows go to when ``queue`` is stored at another
    interval length: the interval is part of the name, so a later import at the same interval
    finds the same series (and replaces its period)."""
    return f"{queue} ({interval_min} min)"


def separate_series(
    con: store.Connection, file: str, series: pd.DataFrame, interval_min: int
) -> tuple[dict[tuple[str, str], str], list[ImportProblem]]:
    """Series of ``series`` (``channel, queue``) stored at another interval than
    ``interval_min``: the queue each goes to instead, and a notice per series saying why.

    A separate series that is itself stored at another interval (a queue named like one)
    stays an error, ``stored_interval_differs``.
    """
    renames: dict[tuple[str, str], str] = {}
    problems: list[ImportProblem] = []
    for channel, queue in series[["channel", "queue"]].drop_duplicates().itertuples(index=False):
        stored = store.series_interval_min(con, channel, queue)
        if stored is None or stored == interval_min:
            continue
        new = separate_queue(queue, interval_min)
        taken = store.series_interval_min(con, channel, new)
        if taken is not None and taken != interval_min:
            problems.append(make_problem("stored_interval_differs", file, series=f"{channel}/{queue}",
                                         stored=stored, interval=interval_min))
            continue
        renames[(channel, queue)] = new
        problems.append(make_problem("separate_series", file, severity=NOTICE,
                                     series=f"{channel}/{queue}", stored=stored,
                                     interval=interval_min, new_series=f"{channel}/{new}"))
    return renames, problems


def sample_series(source: SourceFile, mapping: Mapping) -> pd.DataFrame:
    """``channel, queue`` of the series in the rows read so far, as the mapping names them
    (channel values the mapping does not know are left out)."""
    frame = source.frame
    if mapping.channel in frame:
        raw = frame[mapping.channel].fillna("").astype(str).str.strip().str.lower()
        channel = raw.map(dict(mapping.channel_map))
    else:
        channel = pd.Series(mapping.channel_value, index=frame.index)
    if mapping.queue in frame:
        queue = frame[mapping.queue].fillna(mapping.queue_value).astype(str).str.strip()
        queue = queue.where(queue.ne(""), mapping.queue_value)
    else:
        queue = pd.Series(mapping.queue_value, index=frame.index)
    out = pd.DataFrame({"channel": channel, "queue": queue}).dropna()
    return out.drop_duplicates().reset_index(drop=True)
