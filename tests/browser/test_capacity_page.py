"""The Capacity plan page in Chromium, in English and Dutch: headline, the hiring plan's chart
and table, and the FTE bridge's waterfall."""

from __future__ import annotations

import pytest

from kcc.i18n import t
from tests.browser.conftest import assert_no_exception, open_page, wait_idle


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_capacity_plan_renders(page, app_url: str, lang: str) -> None:  # noqa: ANN001 - a Playwright page
    open_page(page, app_url, "capacity", lang=lang)
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text().strip() == t("capacity.title", lang)
    metrics = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert any(t("capacity.kpi_hires", lang) in label for label in metrics)
    page.get_by_role("tab", name=t("capacity.tab_hiring", lang)).click()
    wait_idle(page)
    hiring = page.locator('[role="tabpanel"]:visible')
    assert hiring.locator(".js-plotly-plot").count() == 1
    assert hiring.locator('[data-testid="stDataFrame"]').count() == 1
    page.get_by_role("tab", name=t("capacity.tab_bridge", lang)).click()
    wait_idle(page)
    bridge = page.locator('[role="tabpanel"]:visible')
    assert bridge.locator(".js-plotly-plot").count() == 1
    paid = t("capacity.step_paid_h", lang)
    assert bridge.locator(".js-plotly-plot").get_by_text(paid, exact=True).count() >= 1
    assert_no_exception(page)
