"""h1 and p estimated from handled chats whose true values are known (a generated history of the
behavioural model, ``tests.staffing.chat_history``).

Tolerances come from five seeds of each history (40 hours, about 4,800 chats, h1 = 600 s): 16
agents of 3 slots at p = 0.5 gave h1 575-635 s and p 0.44-0.51 from agent ids and times,
545-623 s and 0.44-0.64 from a sessions column; 12 agents at p = 0 gave 561-612 s and
0.00-0.08. So 8% on h1 and 0.08 on p (0.1 from a sessions column, on the seed used here).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kcc.queueing import lone_session_s
from kcc.staffing import (
    DEFAULT_SESSION_PENALTY,
    chat_estimate_from_history,
    estimate_chat_handle_time,
)
from tests.staffing.chat_history import chat_history

H1_S = 600.0


@pytest.fixture(scope="module")
def slowed() -> pd.DataFrame:
    """16 agents holding up to 3 chats each, 120 chats an hour, p = 0.5."""
    return chat_history(chats_per_hour=120, h1_s=H1_S, penalty=0.5, agents=16, cap=3, hours=40,
                        seed=1)


def _timed(history: pd.DataFrame) -> pd.DataFrame:
    return history.rename(columns={"agent": "agent_id"})[["agent_id", "start", "end"]]


def test_overlap_of_each_agents_chats_recovers_h1_and_p(slowed: pd.DataFrame) -> None:
    fit = estimate_chat_handle_time(_timed(slowed))
    assert fit.method == "overlap" and not fit.penalty_assumed
    assert fit.handle_time_s == pytest.approx(H1_S, rel=0.08)
    assert fit.penalty_per_extra_session == pytest.approx(0.5, abs=0.08)
    assert fit.contacts == len(slowed)
    # the sessions held measured from the overlap are the generator's own
    assert fit.mean_sessions == pytest.approx(slowed["sessions"].mean(), rel=1e-6)


def test_without_a_slow_down_the_estimate_finds_none() -> None:
    history = chat_history(chats_per_hour=120, h1_s=H1_S, penalty=0.0, agents=12, cap=3,
                           hours=40, seed=5)
    fit = estimate_chat_handle_time(_timed(history))
    assert fit.penalty_per_extra_session == pytest.approx(0.0, abs=0.08)
    assert fit.handle_time_s == pytest.approx(H1_S, rel=0.08)


def test_a_recorded_sessions_column_recovers_h1_and_p(slowed: pd.DataFrame) -> None:
    fit = estimate_chat_handle_time(slowed[["handle_s", "sessions"]])
    assert fit.method == "sessions"
    assert fit.handle_time_s == pytest.approx(H1_S, rel=0.08)
    assert fit.penalty_per_extra_session == pytest.approx(0.5, abs=0.1)


def test_the_history_sessions_turn_the_mean_handle_time_back_into_h1(slowed: pd.DataFrame) -> None:
    fit = estimate_chat_handle_time(_timed(slowed))
    h1 = float(lone_session_s(fit.mean_handle_s, fit.penalty_per_extra_session,
                              fit.history_sessions))
    assert h1 == pytest.approx(fit.handle_time_s, rel=1e-9)
    assert 1.0 <= fit.history_sessions <= 3.0


def test_one_level_of_sessions_assumes_the_default_slow_down() -> None:
    rng = np.random.default_rng(2)
    frame = pd.DataFrame({"handle_s": rng.exponential(750.0, 500), "sessions": 2.0})
    fit = estimate_chat_handle_time(frame)
    assert fit.penalty_assumed and fit.penalty_per_extra_session == DEFAULT_SESSION_PENALTY
    assert fit.handle_time_s == pytest.approx(frame["handle_s"].mean() / 1.25)


def test_history_estimate_prefers_agents_and_times_and_needs_enough_chats(slowed: pd.DataFrame) -> None:
    stored = _timed(slowed).assign(handle_s=slowed["handle_s"], sessions=np.nan)
    assert chat_estimate_from_history(stored).method == "overlap"
    assert chat_estimate_from_history(stored.head(150)) is None  # fewer than 200 chats
    counted = stored.assign(agent_id=None, sessions=slowed["sessions"])
    assert chat_estimate_from_history(counted).method == "sessions"
    assert chat_estimate_from_history(stored.assign(agent_id=None)) is None
