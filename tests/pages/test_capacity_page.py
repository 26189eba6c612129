"""The Capacity plan page in English and Dutch: the plan, the hiring plan, the FTE bridge, the
shift cover's efficiency, saving settings (and refusing bad ones) and a scenario carried in.

The tests share one demo database (``capacity_db``) so the demo's forecast and baseline plan
are computed once; the test that writes the capacity settings runs last."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kcc import capacity, store
from kcc.i18n import t
from kcc.scenarios import SPEC_VERSION, ScenarioSpec, TargetOverride
from tests.pages.helpers import decimal_value, frame_with, page_texts, set_decimal, submit

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "capacity.py")
STRICT = ScenarioSpec(targets=(TargetOverride("phone", target_service_level=0.95),))


@pytest.fixture(scope="module")
def capacity_db(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The module's demo copy with a shift cover solved for phone (its efficiency stored, as the
    Staffing page's "Shift cover" does) and a saved scenario."""
    # a copy of its own: the module writes a setting and a scenario, which the shared copy refuses
    path = tmp_path_factory.mktemp("capacity") / "kcc.duckdb"
    shutil.copyfile(demo_db_template, path)
    con = store.connect(str(path))
    try:
        store.write_setting(con, capacity.COVER_EFFICIENCY_KEY,
                            capacity.with_cover_efficiency(None, "phone", 0.87, date(2026, 11, 16)))
        store.save_scenario(con, name="Strict", spec=STRICT.to_dict(), spec_version=SPEC_VERSION, user="Bea")
    finally:
        con.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KCC_DB_PATH", str(path))
        yield path


def _run(lang: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=300)
    at.session_state["lang"] = lang
    at.session_state["scenario.period_weeks"] = 1  # each scenario evaluation of 13 weeks takes seconds
    return at.run()


@pytest.mark.parametrize(("lang", "title", "tab", "hires", "why", "leavers", "cover"), [
    ("en", "Capacity plan", "Hiring plan", "Hires [heads]", "Required agent hours per workload hour", "Leavers",
     "Schedule efficiency: Phone 87.0 % from the shift cover of the week starting 2026-11-16; other channels "
     "default 85.0 %."),
    ("nl", "Capaciteitsplan", "Wervingsplan", "Aan te nemen [medewerkers]", "Benodigde medewerkersuren per uur",
     "Uitstroom", "Roosterefficiëntie: Telefoon 87,0 % uit de dienstdekking van de week vanaf 16-11-2026; overige "
     "kanalen standaard 85,0 %."),
])
def test_the_page_renders_the_plan_in_both_languages(capacity_db: Path, lang: str, title: str, tab: str,
                                                      hires: str, why: str, leavers: str, cover: str) -> None:
    at = _run(lang)
    assert not at.exception, at.exception
    texts = page_texts(at)
    assert title in texts and why in texts
    assert cover in texts
    assert [t.label for t in at.tabs][:2] == [title, tab]
    assert hires in {m.label for m in at.metric}
    assert len(frame_with(at, leavers)) == 18
    assert "paid hours = " in texts or "betaalde uren = " in texts  # the bridge's result under its waterfall
    # a driver file is a small table read whole: the uploader names its own limit, not the
    # 1000 MB of contact files
    assert at.file_uploader(key="capacity.driver_file").proto.max_upload_size_mb == 10


def test_a_saved_scenario_scales_the_plan_and_compares(capacity_db: Path) -> None:
    at = _run("en")
    base_peak = next(m.value for m in at.metric if m.label == "Peak heads needed [heads]")
    at.selectbox(key="capacity.scenario").set_value("Strict").run()
    assert not at.exception, at.exception
    assert "Workload scaled per channel" in page_texts(at)
    strict_peak = next(m.value for m in at.metric if m.label == "Peak heads needed [heads]")
    assert float(strict_peak.replace(",", "")) > float(base_peak.replace(",", ""))
    at.multiselect(key="capacity.compare").set_value(["\u0000baseline", "Strict"]).run()
    table = frame_with(at, "Scenario")
    assert list(table.iloc[:, 0]) == ["Baseline (no scenario)", "Strict"]


def test_until_settings_are_saved_the_plan_starts_from_the_rosters_heads(capacity_db: Path) -> None:
    """The demo has a roster: the plan starts from its heads, not from 0 (which hired the whole
    centre, 180 people, and left it short for 10 months), and the page says so. The roster's
    FTE recomputed from the store: its agent hours in the first plan week, at 36 h a week
    (the Overview's next week shows the same 110.6 FTE)."""
    con = store.connect(str(capacity_db))
    try:
        roster = store.read_roster(con, start=date(2026, 11, 16), end=date(2026, 11, 23))
    finally:
        con.close()
    fte = float((roster["agents"] * roster["interval_min"] / 60).sum()) / 36.0
    heads = round(fte / 0.85)
    at = _run("en")
    assert not at.exception, at.exception
    assert not at.warning
    assert [i.value for i in at.info] == [
        f"The plan starts from {heads} heads, those of the roster's first week: {fte:.1f} FTE rostered over 0.85 FTE "
        'a person. Enter today\'s headcount as "Heads at the start" under FTE and hiring settings.']
    assert decimal_value(at, "capacity.start_heads") == heads
    hiring = frame_with(at, "Leavers")
    first = float(str(hiring["Heads"].iloc[0]).replace(",", ""))
    assert 0.9 * heads < first < heads + float(str(hiring["Hires"].iloc[0]).replace(",", "")) + 1e-9  # less leavers


def test_settings_are_saved_and_bad_ones_refused_naming_the_field(capacity_db: Path) -> None:
    at = _run("en")
    set_decimal(at, "capacity.attrition_pct", 150.0)
    at = submit(at, "capacity.form")
    assert not at.exception
    assert "Not saved: Attrition per month must be between 0 and 1, got 1.5" in page_texts(at)
    con = store.connect(str(capacity_db))
    assert store.read_setting(con, capacity.SETTINGS_KEY) is None  # nothing stored half-way
    con.close()
    at = _run("nl")
    set_decimal(at, "capacity.attrition_pct", 2.0)
    at.number_input(key="capacity.lead_months").set_value(30)
    at = submit(at, "capacity.form")
    assert ("Niet bewaard: Doorlooptijd werving [maanden] moet korter zijn dan de horizon van 18 maanden, "
            "niet 30") in page_texts(at)
    at.number_input(key="capacity.lead_months").set_value(3)
    set_decimal(at, "capacity.start_heads", 150.0)
    at.text_input(key="capacity.already_hired").set_value("1 2 3 4")
    at = submit(at, "capacity.form")
    assert ("Niet bewaard: Al aangenomen of in opleiding [medewerkers per maand] noemt 4 maanden; al aangenomen "
            "mensen beginnen binnen de doorlooptijd van 3 maanden") in page_texts(at)
    at.text_input(key="capacity.already_hired").set_value("4; 6")
    set_decimal(at, "capacity.cost_per_hire", 3000.0)
    at = submit(at, "capacity.form")
    assert "Bewaard voor dit KCC." in page_texts(at)
    assert not at.warning  # 150 heads at the start: the notice is gone
    con = store.connect(str(capacity_db))
    saved = capacity.CapacitySettings.from_json(store.read_setting(con, capacity.SETTINGS_KEY))
    con.close()
    assert saved.hiring.lead_time_months == 3 and saved.hiring.attrition_per_month == 0.02
    assert saved.hiring.start_heads == 150.0
    assert saved.hiring.already_hired == (4.0, 6.0) and saved.hiring.cost_eur_per_hire == 3000.0
    # the saved settings plan at once: those already hired arrive in the first months
    hiring = frame_with(at, "Al aangenomen [medewerkers]")
    assert list(hiring["Al aangenomen [medewerkers]"])[:3] == ["4,0", "6,0", "0,0"]


def test_a_centre_with_only_daily_history_gets_a_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np
    import pandas as pd

    path = tmp_path / "daily.duckdb"
    con = store.connect(str(path))
    days = pd.date_range("2024-01-01", "2025-12-31", freq="D", tz="Europe/Amsterdam")
    offered = 400 + 100 * np.cos(2 * np.pi * days.day_of_year.to_numpy() / 365.25)
    store.replace_intervals(con, pd.DataFrame({"channel": "phone", "queue": "default", "ds": days,
                                               "interval_min": 1440, "offered": offered}),
                            store.ImportRecord("calls.csv", "intervals", "test", len(days), 0, ""))
    con.close()
    monkeypatch.setenv("KCC_DB_PATH", str(path))
    for lang, why in (("en", "the centre has no interval history"), ("nl", "dit KCC heeft geen intervalhistorie")):
        at = AppTest.from_file(PAGE, default_timeout=300)
        at.session_state["lang"] = lang
        at.run()
        assert not at.exception, at.exception
        texts = page_texts(at)
        assert why in texts
        assert len(frame_with(at, "Leavers" if lang == "en" else "Uitstroom")) == 18
        # no roster and no headcount stated: the plan starts from 0 heads, and the page says so
        assert [w.value for w in at.warning] == [t("capacity.no_start_heads", lang, field=t(
            "capacity.field.start_heads", lang), settings=t("capacity.settings", lang))]
