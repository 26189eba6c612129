"""The app served for the browser benchmarks: ``streamlit run`` on a free loopback port, on a
database of the benchmark's own. Not a benchmark: ``run_all.py`` does not run it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(script: Path, db: Path, log: Path = Path(os.devnull)) -> Iterator[str]:
    """``streamlit run script`` from its folder on the database ``db`` (``KCC_DB_PATH``), its
    output appended to ``log``: the base URL, once the server answers (a minute at most)."""
    port = _free_port()
    output = log.open("ab")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=script.parent, env={**os.environ, "KCC_DB_PATH": str(db)},
        stdout=output, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.25)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        output.close()
