"""Exponential smoothing fits are kept by the content of what they fit (``ETS_FIT_MEMO``): the
same stretch of history is fitted once, a hit forecasts exactly what a fresh fit forecasts,
and any change to the stretch or the season fits again."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from statsmodels.tsa.holtwinters import ExponentialSmoothing

from kcc.forecast import daily


@pytest.fixture
def fits(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The number of exponential smoothing fits made, in a list of one, from an empty memo."""
    made = [0]
    fit = ExponentialSmoothing.fit

    def counted(self: ExponentialSmoothing, *args: object, **kwargs: object) -> object:
        made[0] += 1
        return fit(self, *args, **kwargs)

    monkeypatch.setattr(ExponentialSmoothing, "fit", counted)
    daily.ETS_FIT_MEMO.clear()
    yield made
    daily.ETS_FIT_MEMO.clear()


def _days(seed: int = 7, n: int = 300) -> np.ndarray:
    rng = np.random.default_rng(seed)
    week = np.array([1.0, 0.95, 0.9, 0.92, 0.85, 0.4, 0.3])
    return 1000 * np.resize(week, n) * rng.lognormal(0, 0.08, n)


def test_the_same_history_is_fitted_once_and_a_hit_is_a_fresh_fit_to_the_bit(fits: list[int]) -> None:
    z = _days()
    first = daily.predict("ets", z, 7, 28)
    again = daily.predict("ets", z.copy(), 7, 28)
    longer = daily.predict("ets", z, 7, 56)  # another horizon from the same fit
    assert fits[0] == 1
    daily.ETS_FIT_MEMO.clear()
    fresh = daily.predict("ets", z, 7, 56)
    assert fits[0] == 2
    np.testing.assert_array_equal(again, first)
    np.testing.assert_array_equal(longer, fresh)
    np.testing.assert_array_equal(longer[:28], first)


def test_a_changed_day_or_season_fits_again(fits: list[int]) -> None:
    z = _days()
    base = daily.predict("ets", z, 7, 28)
    changed = z.copy()
    changed[-1] += 1.0
    assert not np.array_equal(daily.predict("ets", changed, 7, 28), base)
    daily.predict("ets", z[:-7], 7, 28)  # the history one week shorter
    daily.predict("ets", z, 5, 28)  # a five-day week
    assert fits[0] == 4


def test_changing_a_forecast_leaves_the_kept_fit_alone(fits: list[int]) -> None:
    z = _days(seed=3)
    first = daily.predict("ets", z, 7, 14)
    kept = first.copy()
    first[:] = -1.0
    np.testing.assert_array_equal(daily.predict("ets", z, 7, 14), kept)
    assert fits[0] == 1
