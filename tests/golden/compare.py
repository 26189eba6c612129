"""Compare a golden run with a recomputed one and say where they differ.

Integers, text, booleans, dates and moments must be equal. Floats may differ by
``RTOL`` relative (and ``ATOL`` absolute, for values that should be zero). Two kinds of noise
move floats without a change a reader could see:

- a restructuring may add the same numbers in another order or through another (equally exact)
  formula, which moves the last bits of a double (1e-16 relative per operation, about 1e-12
  over the 35,000 intervals of a plan);
- another processor takes other vector instructions in numpy and OpenBLAS, so the forecast's
  fitted smoothing model stops its search at a slightly other point. The golden run captured on
  an earlier machine and recomputed on an AMD EPYC with AVX2 only differed by up to 1.4e-7 in
  a forecast volume (WhatsApp's), 7.8e-7 in a wait and 1.6e-6 in the service levels that
  e-mail's and WhatsApp's carried queues reach at a few percent; no integer or text differed.

The smallest difference any page or export shows is 1e-4 relative (one decimal of a hundred
FTE). 1e-5 sits between the two, six times above the processors' noise and ten times below a
shown decimal, so the noise passes and any change a reader could see fails.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any, Final

import numpy as np
import pandas as pd

#: Relative tolerance of floats. [-]
RTOL: Final[float] = 1e-5
#: Absolute tolerance of floats, for values that should be zero (shares, agents, EUR). [-]
ATOL: Final[float] = 1e-12
#: Differences listed in full in a failure message; the rest are counted per column.
SHOWN: Final[int] = 25


def _float_close(expected: float, actual: float) -> bool:
    if math.isnan(expected) or math.isnan(actual):
        return math.isnan(expected) and math.isnan(actual)
    if math.isinf(expected) or math.isinf(actual):
        return expected == actual
    return abs(actual - expected) <= ATOL + RTOL * abs(expected)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def json_differences(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Where two JSON values differ, one line per difference (``path: golden ..., now ...``).

    ``actual`` is passed through JSON first, so tuples and lists, and the numbers of both
    sides, are compared as the golden file holds them.
    """
    actual = json.loads(json.dumps(actual, allow_nan=True))
    out: list[str] = []
    _walk(expected, actual, path, out)
    return out


def _walk(expected: Any, actual: Any, path: str, out: list[str]) -> None:
    if isinstance(expected, dict) and isinstance(actual, dict):
        _walk_dict(expected, actual, path, out)
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            out.append(f"{path}: golden has {len(expected)} items, now {len(actual)}")
        for index, (e, a) in enumerate(zip(expected, actual, strict=False)):
            _walk(e, a, f"{path}[{index}]", out)
    elif _is_number(expected) and _is_number(actual):
        both_int = isinstance(expected, int) and isinstance(actual, int)
        same = expected == actual if both_int else _float_close(float(expected), float(actual))
        if not same:
            out.append(f"{path}: golden {expected!r}, now {actual!r}{_relative(expected, actual)}")
    elif expected != actual or type(expected) is not type(actual):
        out.append(f"{path}: golden {expected!r}, now {actual!r}")


def _walk_dict(expected: dict[str, Any], actual: dict[str, Any], path: str, out: list[str]) -> None:
    for key in sorted(expected.keys() - actual.keys()):
        out.append(f"{path}/{key}: golden has it, now missing")
    for key in sorted(actual.keys() - expected.keys()):
        out.append(f"{path}/{key}: new, not in the golden run")
    for key in sorted(expected.keys() & actual.keys()):
        _walk(expected[key], actual[key], f"{path}/{key}", out)


def _relative(expected: float, actual: float) -> str:
    if expected and math.isfinite(expected) and math.isfinite(actual):
        return f" (relative {(actual - expected) / abs(expected):+.2e})"
    return ""


def frame_differences(name: str, expected: pd.DataFrame, actual: pd.DataFrame,
                      keys: tuple[str, ...]) -> list[str]:
    """Where two frames differ, row by row (named by ``keys``) and column by column.

    Parameters
    ----------
    name : str
        What the frame is (starts every line).
    expected, actual : pandas.DataFrame
        The golden and the recomputed frame; row order does not matter, ``keys`` must be
        unique.
    keys : tuple of str
        Columns naming a row (``channel, ds``).
    """
    out: list[str] = []
    missing = [c for c in expected.columns if c not in actual.columns]
    extra = [c for c in actual.columns if c not in expected.columns]
    if missing:
        out.append(f"{name}: columns missing now: {missing}")
    if extra:
        out.append(f"{name}: new columns: {extra}")
    golden = expected.set_index(list(keys)).sort_index()
    now = actual.set_index(list(keys)).sort_index()
    for label, index in (("golden rows missing now", golden.index.difference(now.index)),
                         ("new rows", now.index.difference(golden.index))):
        if len(index):
            out.append(f"{name}: {len(index)} {label}, first {_row_name(keys, index[0])}")
    common = golden.index.intersection(now.index)
    golden, now = golden.loc[common], now.loc[common]
    for column in [c for c in golden.columns if c in now.columns]:
        bad = ~_equal(golden[column], now[column])
        for position in np.flatnonzero(bad):
            e, a = golden[column].iloc[position], now[column].iloc[position]
            detail = _relative(float(e), float(a)) if _is_number(e) and _is_number(a) else ""
            out.append(f"{name}: {_row_name(keys, common[position])}, column {column}: "
                       f"golden {_show(e)}, now {_show(a)}{detail}")
    return out


def _equal(expected: pd.Series, actual: pd.Series) -> np.ndarray:
    e_kind, a_kind = expected.dtype.kind, actual.dtype.kind
    if e_kind == "f" or a_kind == "f":
        if not (e_kind in "fiu" and a_kind in "fiu"):
            return np.zeros(len(expected), dtype=bool)
        e, a = expected.to_numpy(float), actual.to_numpy(float)
        with np.errstate(invalid="ignore"):
            close = np.abs(a - e) <= ATOL + RTOL * np.abs(e)
        return close | (np.isnan(e) & np.isnan(a)) | (np.isinf(e) & (e == a))
    both_missing = (expected.isna() & actual.isna()).to_numpy()
    return (expected.to_numpy(object) == actual.to_numpy(object)) | both_missing


def _row_name(keys: tuple[str, ...], label: Any) -> str:
    values = label if isinstance(label, tuple) else (label,)
    return ", ".join(f"{k}={v if isinstance(v, str) else _show(v)}"
                     for k, v in zip(keys, values, strict=True))


def _show(value: Any) -> str:
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, (np.floating, float)):
        return repr(float(value))
    if isinstance(value, np.integer):
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


def explain(title: str, differences: list[str]) -> str:
    """A failure message: how many differences, the first ``SHOWN`` and a count per place."""
    if not differences:
        return ""
    lines = [f"{title}: {len(differences)} difference(s) from the golden run"]
    lines += [f"  {d}" for d in differences[:SHOWN]]
    if len(differences) > SHOWN:
        places = Counter(_place(d) for d in differences)
        lines.append(f"  ... and {len(differences) - SHOWN} more; per place:")
        lines += [f"    {count:6d}  {place}" for place, count in places.most_common(SHOWN)]
    lines.append("If the change is deliberate and reviewed, regenerate with "
                 "`python -m tests.golden.capture` (see docs/ARCHITECTURE.md, Golden run).")
    return "\n".join(lines)


def _place(difference: str) -> str:
    """The column of a frame difference, or the last JSON key of a path, for the counts."""
    head = difference.split(": golden", 1)[0]
    if ", column " in head:
        return head.split(":", 1)[0] + " / " + head.rsplit(", column ", 1)[1]
    return head.rsplit("/", 1)[-1]
