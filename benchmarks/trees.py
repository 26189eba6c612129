"""Another commit's code beside the working tree, for the benchmarks that compare the two in one
run (``bench_plan_issue15.py``, ``bench_tabs.py``, ``bench_page_reruns.py``). Not a benchmark: ``run_all.py`` does not run
it."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def unpack(commit: str, into: Path) -> Path:
    """The files of ``commit`` (``git archive``) unpacked under ``into``: the tree's folder."""
    archive = into / "before.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(archive), commit], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree"


def run_in_tree(root: Path, module: str, function: str, *args: object) -> dict[str, float]:
    """``module.function(str(root), *args)`` of a benchmark in ``benchmarks/``, run in a child
    process of the same Python with the code under ``root`` first on its path, so each tree
    imports its own ``kcc``: the JSON object it returns."""
    call = ", ".join(repr(a) for a in (str(root), *args))
    code = (f"import json, sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); "
            f"import {module} as b; print(json.dumps(b.{function}({call})))")
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> str:
    """The processor, its cores, the Python and the load average now."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load average {load:.1f} at the end")
