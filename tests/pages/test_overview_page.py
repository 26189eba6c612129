"""Overview (home) page as a user meets it (AppTest): loaded data, tiles, gaps, freshness."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, assert_dates_day_first
from tests.pages.helpers import centre_with_counts, page_texts

PAGE = str(ROOT / "pages" / "overview.py")
#: The element kinds this page's text checks read.
TEXT_KINDS = ("title", "subheader", "markdown", "caption", "info", "success")


def test_overview_shows_tiles_gaps_and_freshness(shared_demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    assert not at.exception
    assert not any("no roster" in i.value for i in at.info), "the demo has a roster"
    text = page_texts(at, TEXT_KINDS)
    for expected in ("What is loaded", "Coming week: 2026-11-16 to 2026-11-22",
                     "Coming month: 2026-11-16 to 2026-12-15", "Worst understaffed periods",
                     "Last import", "Data freshness"):
        assert expected in text
    labels = [m.label for m in at.metric]
    for unit in ("[contacts]", "[contacts/week]", "[contacts/month]", "[FTE]", "[EUR/week]", "[EUR/month]", "[%]"):
        assert any(label.endswith(unit) for label in labels), unit
    # which service level: the one the roster as it is delivers (as on Staffing and Levers)
    assert "SL, roster as it is [%]" in labels and "Abandoned, roster as it is [%]" in labels
    assert all(str(m.value).endswith("%") for m in at.metric if m.label.endswith("[%]"))
    gaps = [m.value for m in at.markdown if m.value.startswith("**1. ")]
    assert gaps and "agent-hours" in gaps[0]
    assert len(at.get("plotly_chart")) == 1


def test_overview_follows_the_session_targets(shared_demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    before = [str(m.value) for m in at.metric]
    from kcc import plan

    settings = plan.PlanSettings().with_targets("phone", target_service_level=0.95)
    at.session_state["plan.settings_json"] = settings.to_json()
    at.run()
    assert not at.exception
    assert [str(m.value) for m in at.metric] != before


def test_overview_in_dutch(shared_demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.session_state["lang"] = "nl"
    at.run()
    assert not at.exception
    text = page_texts(at, TEXT_KINDS)
    assert "Komende week" in text and "Ergste onderbezetting" in text
    assert "[contacten]" in text
    assert_dates_day_first(text)


def test_a_centre_whose_week_starts_on_saturday_and_never_closes(demo_db: Path) -> None:
    """A new centre, no roster yet, whose history ends on a Friday and whose line never closes.

    - Its coming week runs Saturday to Friday: the chance to meet the norm is one tile for the
      phone, not one for the weekend and one for the working week under the same name.
    - With nobody rostered, every interval of the horizon is short: the worst period runs over
      13 weeks and its line names its last day, not "Saturday 00:00-24:00" as if it were one day.
    """
    # six weeks, Saturday 2026-01-03 to Friday 2026-02-13: busy on weekdays 08:00-18:00 and on
    # Saturday mornings, a call now and then at any hour
    ds = pd.date_range("2026-01-03", "2026-02-13 23:45", freq="15min")
    weekdays = (ds.day_of_week < 5) & (ds.hour >= 8) & (ds.hour < 18)
    busy = weekdays | (ds.day_of_week == 5) & (ds.hour >= 9) & (ds.hour < 13)
    centre = centre_with_counts(demo_db, "Friday centre", ds, np.where(busy, 20 + (ds.hour - 8), 1))
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.query_params["centre"] = str(centre)
    at.run()
    assert not at.exception
    assert "Coming week: 2026-02-14 to 2026-02-20" in page_texts(at, TEXT_KINDS)
    assert [m.label for m in at.metric].count("Phone") == 1
    gaps = [m.value for m in at.markdown if m.value.startswith("**1. ")]
    assert len(gaps) == 1  # one run: the whole horizon
    assert gaps[0].startswith("**1. Phone**, Saturday 2026-02-14 00:00 to Friday 2026-05-15 24:00: short ")


def test_the_imports_age_reads_as_people_say_it() -> None:
    from kcc.ui.state import translator
    from kcc.ui.views.overview import _age_text

    nl, en = translator("nl"), translator("en")
    assert [_age_text(nl, d) for d in (0, 1, 12)] == ["vandaag", "gisteren", "12 dagen geleden"]
    assert [_age_text(en, d) for d in (-1, 1, 2)] == ["today", "yesterday", "2 days ago"]
