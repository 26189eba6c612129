"""Regenerate the README's first screenshot: the Staffing page of a real centre.

``python docs/screenshot.py`` imports the US bank file (``../shared/data/real``, or a seeded
stand-in of its shape) into a new centre of a temporary database, serves the app on it and
photographs the Staffing page in headless Chromium (``/usr/bin/chromium``) as
``docs/screenshot-staffing-us-bank.png``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The project's modules come after the path is set: this script runs from a checkout.
from playwright.sync_api import sync_playwright  # noqa: E402

from kcc import config, demo, importer, store  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve_app, wait_idle  # noqa: E402
from tests.journey_files import US_BANK, journey_file  # noqa: E402

TARGET = ROOT / "docs" / "screenshot-staffing-us-bank.png"


def main() -> None:
    """Build the centre, serve the app and write the screenshot."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "kcc.duckdb"
        con = store.connect(str(db))
        demo.load_demo(con)
        centre = store.create_centre(con, "US bank", time_zone=config.timezone(), country="US")
        bound = store.for_centre(con, centre.centre_id)
        file = journey_file(US_BANK, Path(folder))
        source = importer.read_source(file.read_bytes(), file.name)
        assert importer.run_import(bound, source, importer.guess_mapping(source), user="Planner").ok
        con.close()
        with serve_app(db, Path(folder) / "streamlit.log", user="Planner") as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1050})
            page.set_default_timeout(240_000)
            # a weekday, so the day chart shows the bank's open hours
            page.goto(f"{url}/staffing?centre={centre.centre_id}&day=2003-10-27")
            wait_idle(page, timeout_ms=240_000)
            page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').first.wait_for()
            wait_idle(page)
            page.screenshot(path=str(TARGET))
            browser.close()
    print(TARGET)


if __name__ == "__main__":
    main()
