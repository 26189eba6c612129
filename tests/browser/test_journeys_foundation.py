"""Browser journeys of the foundation: every page opens in English from the sidebar, and the
English forecast chart names its months; an upload lands in the summary. (Every page opening by
its own address, the Dutch sidebar and the Dutch chart dates are the Dutch walk's checks,
``test_dutch_walk``.)"""

from __future__ import annotations

import re

from kcc.i18n import t
from tests.browser.conftest import app_context, assert_no_exception, open_page, wait_idle, watch_runs, x_ticks
from tests.conftest import real_file

#: The sidebar's pages, in its order (Admin shows only to a signed-in admin).
PAGES = ("overview", "data", "forecast", "staffing", "strategy", "levers", "scenarios", "capacity",
         "export", "calculator", "engine_check")


def test_every_page_opens_without_error_from_the_sidebar(page, app_url: str) -> None:  # noqa: ANN001
    """One session, as a planner goes round: each page from the sidebar shows its title and
    no error, the address names the page, and the browser fetches nothing from elsewhere (a
    self-hosted centre's browsers may not reach the internet, nor should they tell anyone who
    opened the app). The forecast chart's English axis names its months (the Dutch one numbers
    them: the Dutch walk)."""
    elsewhere: list[str] = []  # the app serves everything itself: no request leaves it
    page.on("request", lambda request: elsewhere.append(request.url)
            if not request.url.startswith((app_url, "data:", "blob:")) else None)
    open_page(page, app_url, "")
    nav = page.locator('[data-testid="stSidebarNav"]')
    for path in PAGES:
        nav.get_by_text(t(f"common.nav_{path}", "en"), exact=True).click()
        wait_idle(page)
        assert_no_exception(page)
        assert page.locator("h1").count() >= 1, f"page {path} shows no title"
        assert page.url.split("?")[0].endswith(f"/{path}"), page.url
        if path == "forecast":
            english = x_ticks(page)
            assert any(re.search(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec", s) for s in english), (
                english
            )
    assert elsewhere == [], f"the browser fetched from elsewhere: {sorted(set(elsewhere))}"


def test_upload_the_us_bank_file_and_see_it_in_the_summary(page, app_url: str) -> None:
    us_bank = real_file("us-bank-2003/bank_calls_5min.csv")
    open_page(page, app_url, "data")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(us_bank))
    wait_idle(page)
    # The file goes into a centre of its own (the default choice), so the demo stays as it is.
    page.get_by_role("button", name="Create centre").click()
    wait_idle(page)
    assert "centre=" in page.url, "the link names the new centre"
    queue = page.get_by_label("Queue name (for every row)")
    queue.fill("us-bank")
    queue.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Import", exact=True).click()
    wait_idle(page, timeout_ms=180_000)
    assert_no_exception(page)
    success = page.locator('[data-testid="stAlertContentSuccess"]').first.inner_text()
    assert "bank_calls_5min.csv" in success
    period = page.locator('[data-testid="stMetric"]').filter(has_text="2003-03-03")
    assert period.count() == 1, "the summary does not show the imported 2003 period"
    # a reload keeps the centre: the summary is still this centre's
    page.reload()
    wait_idle(page)
    assert page.locator('[data-testid="stMetric"]').filter(has_text="2003-03-03").count() == 1


def _luminance(css_colour: str) -> float:
    """Relative brightness 0-1 of a CSS ``rgb(...)``/``rgba(...)`` colour (its mean channel)."""
    channels = [float(v) for v in re.findall(r"[\d.]+", css_colour)[:3]]
    return sum(channels) / (3 * 255)


def test_a_screen_set_to_dark_shows_the_light_board_room_look(browser, app_url: str) -> None:  # noqa: ANN001
    """A laptop whose system asks for dark pages still shows the app light, with dark text on
    the charts: the charts' colours, labels and the board deck are drawn for a white page, and
    in the dark look a target label's white backing hid its white text."""
    context = app_context(browser, color_scheme="dark")
    try:
        tab = context.new_page()
        watch_runs(tab)
        assert tab.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        open_page(tab, app_url, "", lang="nl")
        assert_no_exception(tab)
        background = tab.locator('[data-testid="stApp"]').evaluate("e => getComputedStyle(e).backgroundColor")
        assert _luminance(background) > 0.95, background
        title = tab.locator("h1").first.evaluate("e => getComputedStyle(e).color")
        assert _luminance(title) < 0.5, title
        x_ticks(tab)
        # the light look's ticks are mid grey (0.53), the dark look's near white (0.91)
        tick = tab.locator(".js-plotly-plot .xtick text").first.evaluate("e => getComputedStyle(e).fill")
        assert _luminance(tick) < 0.7, tick
    finally:
        context.close()
