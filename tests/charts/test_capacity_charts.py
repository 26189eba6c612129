"""Chart builders of the Capacity plan page."""

from __future__ import annotations

import pandas as pd

from kcc.charts import capacity as charts


def test_the_waterfall_ends_in_the_paid_total_with_its_subtotals() -> None:
    steps = (("contact_h", 100.0), ("in_shift_h", 25.0), ("cover_h", 31.25), ("out_of_shift_h", 39.0625))
    figure = charts.bridge_waterfall(steps, labels={"paid_h": "Betaald"}, unit="eur")
    trace = figure.data[0]
    assert list(trace.measure) == ["absolute", "relative", "total", "relative", "total", "relative", "total"]
    assert list(trace.y) == [100.0, 25.0, 0.0, 31.25, 0.0, 39.0625, 0.0]
    assert trace.x[-1] == "Betaald" and trace.x[0] == "Contact hours"
    assert figure.layout.yaxis.title.text == "cost [EUR]"


def test_the_heads_chart_shows_need_heads_trained_and_hires() -> None:
    months = pd.DataFrame({"month": pd.date_range("2027-01-01", periods=3, freq="MS"), "need_heads": [10, 11, 12],
                           "heads": [9, 12, 12], "effective_heads": [9, 11, 12], "hires": [0, 3, 0]})
    figure = charts.heads_chart(months)
    assert [t.name for t in figure.data] == ["Hires", "Heads needed", "Heads", "Trained equivalent"]
    assert list(figure.data[0].y) == [0, 3, 0]
