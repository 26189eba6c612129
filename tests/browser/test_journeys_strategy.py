"""Browser journeys of the strategy pages: move a lever, see the numbers change, save the
scenario and compare it with the baseline."""

from __future__ import annotations

from tests.browser.conftest import assert_no_exception, click_until_asked, open_page, wait_idle

NAME = "Phone till 22:00"


def metric(page, label: str) -> str:  # noqa: ANN001 - a Playwright page
    """The value of the metric tile whose label is ``label``."""
    tile = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label))
    return tile.first.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_open_the_phone_until_22_save_and_compare(page, app_url: str) -> None:  # noqa: ANN001
    open_page(page, app_url, "levers")  # the first page of a fresh server also makes the forecasts
    assert_no_exception(page)
    required = metric(page, "Required FTE [FTE]")
    assert metric(page, "Contacts caught [contacts/week]") == "+0"
    # the lever: phone closes at 22:00 instead of 20:00 on weekdays (8 steps of 15 minutes)
    weekdays = page.locator('[data-testid="stSlider"]').filter(has_text="Monday to Friday")
    closing = weekdays.get_by_role("slider").nth(1)
    closing.focus()
    for _ in range(8):
        closing.press("ArrowRight")
    page.get_by_role("button", name="Apply").first.click()
    wait_idle(page, timeout_ms=120_000)
    assert_no_exception(page)
    caught = int(metric(page, "Contacts caught [contacts/week]").replace(",", ""))
    assert caught > 300, caught  # the parents who call after the children are in bed
    assert metric(page, "Extra opening hours, all channels [h/week]") == "+10.0"
    assert metric(page, "Required FTE [FTE]") != required
    assert metric(page, "Extra cost [EUR/month]").startswith("+")
    # save it under a name
    page.get_by_text("Save as scenario").click()
    name_box = page.get_by_label("Name", exact=True)
    name_box.wait_for()
    name_box.fill(NAME)
    click_until_asked(page, page.get_by_role("button", name="Save scenario"))
    saved = page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text=NAME)
    saved.first.wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    # compare it with the baseline on the Scenarios page (same session: the working scenario)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Scenarios", exact=True).click()
    wait_idle(page, timeout_ms=120_000)
    assert_no_exception(page)
    picked = page.locator('[data-testid="stMultiSelect"]').inner_text()
    assert "Baseline" in picked and NAME in picked, picked
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.wait_for()
    ticks = chart.locator("g.ytick text").evaluate_all("nodes => nodes.map(n => n.textContent)")
    # a long name is wrapped onto two lines (tspans), which textContent joins without the space
    assert "Baseline" in ticks and any(NAME.replace(" ", "") in tick.replace(" ", "") for tick in ticks), ticks
