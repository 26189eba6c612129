"""Every lever tab's headline is that lever's own effect: with two levers on, the tab shows the
evaluation of its lever alone against the baseline, not the whole scenario (AppTest).

The closed-hours behaviour is a customer assumption the baseline shares (``ScenarioSpec.baseline``),
not a lever apart: its effect is part of the opening hours' own effect."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kcc import formatting, pipeline, store
from kcc.i18n import t
from kcc.scenarios import (
    ChannelShift,
    CostOverride,
    Effect,
    FcrLever,
    ScenarioSpec,
    TargetOverride,
    attribute,
    hours_from_setting,
    lever_alone,
)
from kcc.ui import scenario_cache
from kcc.ui.views.levers import TAB_KEY

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "levers.py")
#: Tabs of the Levers page, in order.
TABS = ("hours", "mix", "targets", "fcr", "stress", "costs")


def _tr(key: str, **fields: object) -> str:
    return t(key, "en", **fields)


@pytest.fixture(scope="module")
def world(shared_demo_db: Path):  # noqa: ANN201 - the baseline, settings, two-lever specs, an evaluator
    """The demo's baseline (the page's own cache), specs with two levers each and an evaluator
    on that baseline that works each spec out once."""
    st.cache_data.clear()
    st.session_state.clear()
    con = store.connect(str(shared_demo_db))
    base = scenario_cache.baseline(con, _tr)
    assert base is not None
    settings = scenario_cache.settings(con)
    phone = next(h for h in hours_from_setting(store.read_settings(con)["opening_hours"]) if h.channel == "phone")
    late = phone
    for day in range(5):
        late = late.with_day(day, phone.open_min[day], 22 * 60)
    specs = {
        "targets": ScenarioSpec(opening_hours=(late,),
                                targets=(TargetOverride("phone", target_service_level=0.9, answer_time_s=20.0),)),
        "fcr": ScenarioSpec(fcr=(FcrLever("phone", 0.7, 0.85),),
                            shifts=(ChannelShift("phone", "self_service", 0.1, containment=0.6, failure_share=0.3),)),
        "costs": ScenarioSpec(costs=(CostOverride("phone", cost_eur_per_hour=60.0),),
                              targets=(TargetOverride("phone", target_service_level=0.9, answer_time_s=20.0),)),
    }
    # evaluated here, not through the page's cache; each spec once (the attribution evaluates
    # the lever alone that the test reads too)
    evaluate = functools.cache(lambda spec: pipeline.evaluate(base, settings, spec))
    yield base, settings, specs, evaluate
    con.close()
    st.session_state.clear()


def _page(spec: ScenarioSpec, lang: str, tab: str) -> AppTest:
    """The page on ``spec``'s link in ``lang`` with ``tab`` (one of ``TABS``) open."""
    at = AppTest.from_file(PAGE, default_timeout=240)
    at.query_params.update({**spec.to_query(), "lang": lang})
    at.session_state[TAB_KEY] = t(f"levers.tab_{tab}", lang)
    at.run()
    assert not at.exception
    return at


def _alone(world, lever: str):  # noqa: ANN001, ANN202 - fixture, a result, its effect and the split
    """The lever alone, evaluated here (not through the page's cache), and the whole scenario
    split into the levers' own effects and their interaction."""
    specs, evaluate = world[2], world[3]
    spec = specs[lever]
    alone = evaluate(lever_alone(spec, lever))
    split = attribute(spec, evaluate)
    assert split.own_effect(lever) == Effect.of(alone)
    return alone, Effect.of(alone), split


def _tab_metrics(at: AppTest, tab: str) -> dict[str, str]:
    return {m.label: str(m.value) for m in at.tabs[TABS.index(tab)].metric}


def _tab_captions(at: AppTest, tab: str) -> str:
    return "\n".join(c.value for c in at.tabs[TABS.index(tab)].caption)


# One language per tab, both across the file: every run evaluates the demo's levers anew.
@pytest.mark.parametrize("lang", ["en"])
def test_the_targets_tab_shows_the_targets_alone(world, lang: str) -> None:  # noqa: ANN001 - fixture
    alone, own, split = _alone(world, "targets")
    whole = split.total
    assert formatting.fmt_signed(own.delta_fte, 1, lang) != formatting.fmt_signed(whole.delta_fte, 1, lang)
    at = _page(world[2]["targets"], lang, "targets")
    shown = _tab_metrics(at, "targets")
    assert shown[t("levers.m_delta_fte", lang)] == formatting.fmt_signed(own.delta_fte, 1, lang)
    assert shown[t("common.kpi_sl_required", lang)] == formatting.fmt_pct(alone.service_level, 1, lang, space=True)
    captions = _tab_captions(at, "targets")
    assert t("levers.own_effect", lang, lever=t("levers.lever_targets", lang)) in captions
    # the whole scenario beside it (with its extra opening hours) and the interaction
    assert t("levers.whole_and_interaction", lang, fte=formatting.fmt_signed(whole.delta_fte, 1, lang),
             cost=formatting.fmt_signed(whole.delta_cost_eur_per_month, 0, lang),
             per_hour=formatting.fmt_number(whole.cost_eur_per_extra_hour, 0, lang),
             interaction=formatting.fmt_signed(split.interaction.delta_cost_eur_per_month, 0, lang)) in captions


@pytest.mark.parametrize("lang", ["nl"])
def test_the_fcr_tab_shows_fcr_alone(world, lang: str) -> None:  # noqa: ANN001 - fixture
    alone, own, split = _alone(world, "fcr")
    whole = split.total
    assert formatting.fmt_signed(own.delta_fte, 1, lang) != formatting.fmt_signed(whole.delta_fte, 1, lang)
    at = _page(world[2]["fcr"], lang, "fcr")
    shown = _tab_metrics(at, "fcr")
    assert shown[t("levers.m_delta_fte", lang)] == formatting.fmt_signed(own.delta_fte, 1, lang)
    assert shown[t("common.kpi_contacts_week", lang)] == formatting.fmt_compact(alone.contacts_per_week, lang)
    captions = _tab_captions(at, "fcr")
    assert t("levers.own_effect", lang, lever=t("levers.lever_fcr", lang)) in captions
    # no extra opening hours in this scenario: the whole scenario without a cost per hour
    assert t("levers.whole_and_interaction_no_hours", lang, fte=formatting.fmt_signed(whole.delta_fte, 1, lang),
             cost=formatting.fmt_signed(whole.delta_cost_eur_per_month, 0, lang),
             interaction=formatting.fmt_signed(split.interaction.delta_cost_eur_per_month, 0, lang)) in captions


@pytest.mark.parametrize("lang", ["en"])
def test_the_costs_tab_shows_the_costs_alone(world, lang: str) -> None:  # noqa: ANN001 - fixture
    alone, own, split = _alone(world, "costs")
    whole = split.total
    assert own.delta_cost_eur_per_month != pytest.approx(whole.delta_cost_eur_per_month)
    at = _page(world[2]["costs"], lang, "costs")
    shown = {m.label: m for m in at.tabs[TABS.index("costs")].metric}
    cost = shown[t("common.kpi_cost_required_month", lang)]
    assert cost.value == formatting.fmt_compact(alone.cost_eur_per_month, lang)
    assert cost.delta == formatting.fmt_compact(own.delta_cost_eur_per_month, lang, signed=True)
    assert shown[t("levers.m_cost_contact", lang)].value == formatting.fmt_number(alone.cost_eur_per_contact, 2, lang)
    assert t("levers.own_effect", lang, lever=t("levers.lever_costs", lang)) in _tab_captions(at, "costs")
