"""Input checks shared by the queueing models and the agent search."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from kcc.queueing.results import FloatArray

__all__ = ["as_float", "broadcast_inputs", "check_rule"]


def as_float(name: str, value: ArrayLike) -> FloatArray:
    """``value`` as a float array; raises ``ValueError`` naming ``name`` if it holds NaN."""
    arr = np.asarray(value, dtype=float)
    if np.any(np.isnan(arr)):
        raise ValueError(f"{name} must not contain NaN")
    return arr


def check_rule(name: str, ok: NDArray[np.bool_] | bool, rule: str) -> None:
    """Raise ``ValueError("<name> must be <rule>")`` unless every element of ``ok`` holds."""
    if not np.all(ok):
        raise ValueError(f"{name} must be {rule}")


def broadcast_inputs(
    calls: ArrayLike,
    interval_s: ArrayLike,
    aht_s: ArrayLike,
    agents: ArrayLike | None,
    answer_time_s: ArrayLike,
    patience_s: ArrayLike | None,
    lines: ArrayLike | None,
) -> tuple[tuple[int, ...], list[FloatArray]]:
    """Check the inputs of :func:`~kcc.queueing.queue_metrics` and broadcast them.

    Returns the broadcast shape and the seven inputs as flat float arrays, in argument
    order; ``agents=None`` is 0, ``patience_s`` and ``lines`` of None are ``inf``.
    """
    c = as_float("calls", calls)
    check_rule("calls", np.isfinite(c) & (c >= 0), "finite and >= 0")
    iv = as_float("interval_s", interval_s)
    check_rule("interval_s", np.isfinite(iv) & (iv > 0), "finite and > 0")
    h = as_float("aht_s", aht_s)
    check_rule("aht_s", np.isfinite(h) & (h > 0), "finite and > 0")
    ag = as_float("agents", 0.0 if agents is None else agents)
    check_rule("agents", np.isfinite(ag) & (ag >= 0) & (ag == np.floor(ag)), "whole numbers >= 0")
    t = as_float("answer_time_s", answer_time_s)
    check_rule("answer_time_s", np.isfinite(t) & (t >= 0), "finite and >= 0")
    p = as_float("patience_s", np.inf if patience_s is None else patience_s)
    check_rule("patience_s", p >= 0, ">= 0 (None or inf for no abandonment)")
    k = as_float("lines", np.inf if lines is None else lines)
    check_rule("lines", (k >= 1) & ((k == np.floor(k)) | np.isinf(k)), "whole numbers >= 1")
    arrays = np.broadcast_arrays(c, iv, h, ag, t, p, k)
    shape = arrays[0].shape
    return shape, [np.ascontiguousarray(x, dtype=float).ravel() for x in arrays]
