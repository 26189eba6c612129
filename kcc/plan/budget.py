"""The budget bridge: interval requirement -> weekly FTE -> monthly EUR, required against rostered."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd

from kcc import staffing
from kcc.formatting import csv_text
from kcc.plan.settings import PlanSettings
from kcc.plan.summaries import summarise


@dataclass(frozen=True)
class BudgetBridge:
    """Interval requirement -> weekly FTE -> monthly EUR, required against rostered.

    Attributes
    ----------
    weekly : pandas.DataFrame
        ``channel, week, days, required_agent_hours, required_p90_agent_hours,
        rostered_agent_hours, required_fte, required_p90_fte, rostered_fte, fte_gap``
        (rostered - required; negative = short). FTE of a partial week are scaled to its days.
    monthly : pandas.DataFrame
        ``channel, month, days, required_agent_hours, rostered_agent_hours,
        short_agent_hours, over_agent_hours, required_fte, rostered_fte, cost_required_eur,
        cost_rostered_eur, cost_flex_eur`` (the short hours bought as flex at the premium),
        ``cost_over_eur`` (rostered hours beyond the requirement) and ``cost_total_eur``
        (rostered + flex).
    contract_hours_per_week : float
        Paid hours of one FTE used. [h/week]
    """

    weekly: pd.DataFrame
    monthly: pd.DataFrame
    contract_hours_per_week: float

    def to_frame(self) -> pd.DataFrame:
        """Both tables stacked in one long frame (for a CSV download)."""
        weekly = self.weekly.rename(columns={"week": "period"}).assign(table="weekly_fte")
        monthly = self.monthly.rename(columns={"month": "period"}).assign(table="monthly_eur")
        out = pd.concat([weekly, monthly], ignore_index=True)
        return out[["table", *[c for c in out.columns if c != "table"]]]

    def to_csv(self) -> str:
        """``to_frame`` as CSV; a text cell that starts like a formula gets a quote
        (``kcc.formatting.csv_text``), so a spreadsheet opens it as text."""
        return self.to_frame().map(csv_text).to_csv(index=False)

    def to_xlsx(self) -> bytes:
        """Both tables as an Excel workbook (sheets ``weekly_fte`` and ``monthly_eur``)."""
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            for name, frame in (("weekly_fte", self.weekly), ("monthly_eur", self.monthly)):
                out = frame.copy()
                for column in ("week", "month"):
                    if column in out:
                        out[column] = pd.to_datetime(out[column]).dt.date
                out.to_excel(writer, sheet_name=name, index=False)
                for row in writer.sheets[name].iter_rows():
                    for cell in row:
                        if cell.data_type == "f":  # this workbook has no formulas: text stays text
                            cell.data_type = "s"
        return buffer.getvalue()


def budget_bridge(plan: pd.DataFrame, settings: PlanSettings) -> BudgetBridge:
    """Weekly FTE and monthly cost of the requirement against the roster.

    ``FTE = agent hours / (contract hours per week x days / 7)``; cost is agent hours x the
    channel's loaded hourly cost, and short hours covered by flex cost ``(1 + flex_premium)``
    times that (``kcc.staffing.fte`` and ``kcc.staffing.labour_cost_eur``). Costs are
    recomputed from hours and ``settings`` (not read from the plan), so editing a cost or the
    contract hours needs no new plan.

    Parameters
    ----------
    plan : pandas.DataFrame
        ``build_plan`` output.
    settings : PlanSettings
        Contract hours, hourly cost per channel, flex premium.

    Returns
    -------
    BudgetBridge
    """
    staffed = plan[plan["model"] != "none"]
    hours_per_week = settings.contract_hours_per_week
    weekly = summarise(staffed, "W").rename(columns={"period": "week"})
    monthly = summarise(staffed, "M").rename(columns={"period": "month"})
    for frame in (weekly, monthly):
        if frame.empty:
            continue
        weeks = staffing.weeks_of(frame["days"].astype(float))
        for kind in ("required", "required_p90", "rostered"):
            frame[f"{kind}_fte"] = staffing.fte(frame[f"{kind}_agent_hours"], hours_per_week, weeks)
        frame["fte_gap"] = frame["rostered_fte"] - frame["required_fte"]
    if not monthly.empty:
        rate = monthly["channel"].map(settings.cost_for).astype(float)
        monthly["cost_eur_per_hour"] = rate
        monthly["cost_required_eur"] = staffing.labour_cost_eur(monthly["required_agent_hours"], rate)
        monthly["cost_rostered_eur"] = staffing.labour_cost_eur(monthly["rostered_agent_hours"], rate)
        monthly["cost_flex_eur"] = staffing.labour_cost_eur(monthly["short_agent_hours"], rate,
                                                            settings.flex_premium)
        monthly["cost_over_eur"] = staffing.labour_cost_eur(monthly["over_agent_hours"], rate)
        monthly["cost_total_eur"] = monthly["cost_rostered_eur"] + monthly["cost_flex_eur"]
    week_cols = ["channel", "week", "days", "required_agent_hours", "required_p90_agent_hours",
                 "rostered_agent_hours", "required_fte", "required_p90_fte", "rostered_fte",
                 "fte_gap"]
    month_cols = ["channel", "month", "days", "required_agent_hours", "rostered_agent_hours",
                  "short_agent_hours", "over_agent_hours", "required_fte", "rostered_fte",
                  "cost_eur_per_hour", "cost_required_eur", "cost_rostered_eur", "cost_flex_eur",
                  "cost_over_eur", "cost_total_eur"]
    weekly = weekly.reindex(columns=week_cols)
    monthly = monthly.reindex(columns=month_cols)
    return BudgetBridge(weekly.reset_index(drop=True), monthly.reset_index(drop=True),
                        float(hours_per_week))
