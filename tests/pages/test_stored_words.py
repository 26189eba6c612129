"""Words the app stores for a user and shows later: the queue of a file without queues and a
user who gave no name read in the reader's language, whatever language they were stored in."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from kcc import config, store
from kcc.i18n import t
from tests.conftest import ROOT
from tests.pages.helpers import into_demo

PAGES = ROOT / "pages"


def _counts_without_queues() -> bytes:
    """Two days of phone counts per quarter-hour after the demo's history, in a file with
    neither a channel nor a queue column."""
    ds = pd.date_range("2026-11-16 08:00", periods=2 * 96, freq="15min")
    return ("start,offered\n" + "".join(f"{d:%Y-%m-%d %H:%M},{4 + i % 7}\n" for i, d in enumerate(ds))).encode()


def _run(page: str, lang: str) -> AppTest:
    at = AppTest.from_file(str(PAGES / page), default_timeout=120)
    at.session_state["lang"] = lang
    return at.run()


def test_a_dutch_import_without_queues_lands_in_the_default_queue_and_reads_in_either_language(
        demo_db: Path) -> None:
    at = _run("data.py", "nl")
    at.file_uploader(key="data.upload").upload("tellingen.csv", _counts_without_queues(), "text/csv").run()
    into_demo(at)
    assert not at.exception
    (queue,) = [w for w in at.text_input if w.label == t("data.mapping.queue_value", "nl")]
    assert queue.value == "standaard", "the default queue in the reader's language"
    at.button(key="data.import").click().run()
    assert not at.exception
    assert any("tellingen.csv" in s.value for s in at.success)

    con = store.connect(str(demo_db))
    try:
        phone = store.series_summary(con).query("channel == 'phone'")
        imports = store.read_imports(con)
    finally:
        con.close()
    # one phone series, the demo's: the Dutch word was not stored as a queue of its own
    assert list(phone["queue"]) == [config.DEFAULT_QUEUE]
    mine = imports[imports["file_name"] == "tellingen.csv"]
    assert list(mine["imported_by"]) == ["anoniem"], "stored as the session said it"

    for lang, word, queue_word in (("nl", "anoniem", "standaard"), ("en", "anonymous", "default")):
        at.session_state["lang"] = lang
        at.run()
        history = next(d.value for d in at.dataframe if "imported_by" in d.value.columns)
        assert history.loc[history["file_name"] == "tellingen.csv", "imported_by"].tolist() == [word]
        loaded = next(d.value for d in at.dataframe if "first_ds" in d.value.columns)
        assert set(loaded["queue"]) == {queue_word}

        overview = _run("overview.py", lang)
        assert not overview.exception
        freshness = t("overview.freshness_text", lang, file="tellingen.csv", user=word, when="",
                      age="", rows="", until="").split(word)[0]
        (line,) = [m.value for m in overview.markdown if freshness + word in m.value]
        assert f"({t('overview.age_today', lang)}, " in line, "imported today, not \"0 days ago\""

        forecast = _run("forecast.py", lang)
        assert not forecast.exception
        picker = forecast.selectbox(key="forecast.series")
        assert f"{t('common.ch_phone', lang)} · {queue_word}" in picker.options
