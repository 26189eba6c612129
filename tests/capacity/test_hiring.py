"""The hiring rule on cases worked out by hand, and its checks."""

from __future__ import annotations

import pandas as pd
import pytest

from kcc.capacity import CapacityError, CapacityFieldError, HiringSpec, hiring_plan


def _need(values: list[float], start: str = "2027-01-01") -> pd.Series:
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="MS"))


def test_no_attrition_no_training_hires_exactly_the_classes_that_close_the_gap() -> None:
    spec = HiringSpec(start_heads=100, attrition_per_month=0.0, lead_time_months=0, training_weeks=0,
                      class_size=10, max_classes_per_month=5, horizon_months=4)
    plan = hiring_plan(_need([100, 115, 115, 131]), spec).months
    assert plan["classes"].tolist() == [0, 2, 0, 2]
    assert plan["hires"].tolist() == [0, 20, 0, 20]
    assert plan["heads"].tolist() == [100, 120, 120, 140]
    assert plan["gap_heads"].tolist() == [0, 5, 5, 9]
    assert plan["leavers"].tolist() == [0, 0, 0, 0]


def test_lead_time_leaves_the_first_months_short() -> None:
    spec = HiringSpec(start_heads=50, attrition_per_month=0.0, lead_time_months=2, training_weeks=0,
                      class_size=5, max_classes_per_month=10, horizon_months=4)
    plan = hiring_plan(_need([60, 60, 60, 60]), spec).months
    assert plan["hires"].tolist() == [0, 0, 10, 0]
    assert plan["gap_heads"].tolist() == [-10, -10, 0, 0]


def test_the_cap_binds_and_the_gap_closes_over_several_months() -> None:
    spec = HiringSpec(start_heads=0, attrition_per_month=0.0, lead_time_months=0, training_weeks=0,
                      class_size=10, max_classes_per_month=2, horizon_months=3)
    plan = hiring_plan(_need([50, 50, 50]), spec).months
    assert plan["classes"].tolist() == [2, 2, 1]
    assert plan["heads"].tolist() == [20, 40, 50]
    assert plan["gap_heads"].tolist() == [-30, -10, 0]


def test_attrition_is_replaced_and_training_counts_pro_rata() -> None:
    # 10% leave each month; a class trains 2 weeks (14 of 28 days in Feb 2027) at 50%
    spec = HiringSpec(start_heads=100, attrition_per_month=0.1, lead_time_months=1, training_weeks=2,
                      training_productivity=0.5, class_size=1, max_classes_per_month=50, horizon_months=2)
    plan = hiring_plan(_need([90, 90]), spec).months
    assert plan["leavers"].tolist() == pytest.approx([10, 9])
    # month 1: 81 trained left; a hire counts 1 - 0.5 x 14/28 = 0.75: ceil(9 / 0.75) = 12
    assert plan["hires"].tolist() == [0, 12]
    assert plan["training_heads"].iloc[1] == pytest.approx(12 * 0.5 * 0.5)
    assert plan["effective_heads"].iloc[1] == pytest.approx(93 - 3)
    assert plan["gap_heads"].iloc[1] == pytest.approx(0.0)


def test_a_class_that_does_nothing_in_its_first_month_is_counted_in_heads() -> None:
    spec = HiringSpec(start_heads=0, attrition_per_month=0.0, lead_time_months=0, training_weeks=8,
                      training_productivity=0.0, class_size=4, max_classes_per_month=3, horizon_months=1)
    plan = hiring_plan(_need([8]), spec).months
    assert plan["hires"].tolist() == [8]
    assert plan["effective_heads"].tolist() == [0]


@pytest.mark.parametrize(("fields", "en", "nl"), [
    ({"attrition_per_month": 1.5}, "Attrition per month must be between 0 and 1, got 1.5",
     "Verloop per maand moet tussen 0 en 1 liggen, niet 1,5"),
    ({"start_heads": -3}, "Heads at the start must be between 0 and 100000, got -3",
     "Medewerkers bij de start moet tussen 0 en 100000 liggen, niet -3"),
    ({"class_size": 0}, "Class size [heads] must be a whole number between 1 and 500, got 0",
     "Groepsgrootte [medewerkers] moet een geheel getal van 1 tot en met 500 zijn, niet 0"),
])
def test_bad_hiring_settings_name_the_field(fields: dict, en: str, nl: str) -> None:
    with pytest.raises(CapacityFieldError) as caught:
        HiringSpec(**fields)
    assert caught.value.message("en") == en
    assert caught.value.message("nl") == nl


def test_a_lead_time_longer_than_the_horizon_is_refused() -> None:
    with pytest.raises(CapacityError) as caught:
        HiringSpec(lead_time_months=20, horizon_months=18)
    assert caught.value.message("en") == (
        "Hiring lead time [months] must be shorter than the horizon of 18 months, got 20")
    assert caught.value.message("nl") == (
        "Doorlooptijd werving [maanden] moet korter zijn dan de horizon van 18 maanden, niet 20")


def test_people_already_hired_start_in_the_first_months_and_the_plan_hires_the_rest() -> None:
    spec = HiringSpec(start_heads=50, attrition_per_month=0.0, lead_time_months=2, training_weeks=0,
                      class_size=5, max_classes_per_month=10, horizon_months=4, already_hired=(4, 6))
    plan = hiring_plan(_need([60, 60, 60, 60]), spec).months
    assert plan["already_hired"].tolist() == [4, 6, 0, 0]
    assert plan["heads"].tolist() == [54, 60, 60, 60]
    assert plan["hires"].tolist() == [4, 6, 0, 0]  # the gap of month 2 is already closed
    assert plan["classes"].tolist() == [0, 0, 0, 0]
    assert plan["gap_heads"].tolist() == [-6, 0, 0, 0]


def test_people_already_hired_train_like_a_class() -> None:
    # 14 of 31 days of January 2027 training at 0 %: 10 people count 10 x 17/31
    spec = HiringSpec(start_heads=0, attrition_per_month=0.0, lead_time_months=1, training_weeks=2,
                      training_productivity=0.0, class_size=1, max_classes_per_month=0, horizon_months=2,
                      already_hired=(10,))
    plan = hiring_plan(_need([0, 0]), spec).months
    assert plan["effective_heads"].tolist() == pytest.approx([10 * 17 / 31, 10])


@pytest.mark.parametrize(("kwargs", "en", "nl"), [
    ({"already_hired": (1, 2, 3), "lead_time_months": 2},
     "Already hired or in training [heads per month] lists 3 months; people already hired start within the lead "
     "time of 2 months (later months are the plan's hires)",
     "Al aangenomen of in opleiding [medewerkers per maand] noemt 3 maanden; al aangenomen mensen beginnen binnen "
     "de doorlooptijd van 2 maanden (latere maanden zijn de aannames van het plan)"),
    ({"already_hired": (-1,)}, "Already hired or in training [heads per month] must be between 0 and 100000",
     "Al aangenomen of in opleiding [medewerkers per maand] moet tussen 0 en 100000"),
    ({"cost_eur_per_hire": -5.0}, "Cost per hire [EUR] must be between 0 and 100000",
     "Kosten per aanname [EUR] moet tussen 0 en 100000"),
])
def test_bad_already_hired_and_cost_per_hire_are_named(kwargs: dict, en: str, nl: str) -> None:
    with pytest.raises((CapacityError, CapacityFieldError)) as info:
        HiringSpec(**kwargs)
    assert info.value.message("en").startswith(en), info.value.message("en")
    assert info.value.message("nl").startswith(nl), info.value.message("nl")


def test_typed_heads_per_month_read_and_bad_text_is_named() -> None:
    from kcc.capacity import heads_per_month

    assert heads_per_month(" 6 0; 4,5 ") == (6.0, 0.0, 4.5)
    assert heads_per_month("") == ()
    with pytest.raises(CapacityError) as info:
        heads_per_month("six")
    assert info.value.message("en") == "Already hired or in training [heads per month]: 'six' is not a list of numbers (for example 6 0 4)"
    assert info.value.message("nl") == ("Al aangenomen of in opleiding [medewerkers per maand]: 'six' is geen reeks "
                                        "getallen (bijvoorbeeld 6 0 4)")
