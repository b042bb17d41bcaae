"""The shell lines of README.md run as written (see test_readme.py; a module of its own so that the two
slow README tests can run on two test workers side by side)."""

import subprocess
import sys

import pytest
from readme_blocks import BLOCKS

from zprime import paths


@pytest.mark.slow
def test_readme_shell_lines_run(tmp_path):
    import os

    bindir = os.path.dirname(sys.executable) + "/"
    commands = []
    for lang, code in BLOCKS:
        if lang != "sh":
            continue
        for ln in code.replace("\\\n", " ").splitlines():
            ln = ln.split("  #")[0].strip()
            if not ln or ln.startswith("make"):
                continue
            ln = ln.replace("/tmp/run1", str(tmp_path / "run1")).replace(".venv/bin/", bindir)
            if ln.startswith("python -m zprime"):
                ln = ln.replace("python -m zprime", f"{sys.executable} -m zprime", 1)
                ln = f"cd {tmp_path} && {ln}"
            commands.append(ln)
    assert any("-m zprime bounds" in c for c in commands) and any("papermill" in c for c in commands)
    env = {**os.environ, "MPLBACKEND": "agg"}
    for cmd in commands:
        r = subprocess.run(["bash", "-c", cmd], cwd=paths.ROOT, capture_output=True, text=True, timeout=600, env=env)
        assert r.returncode == 0, (cmd, r.stderr[-2000:])
    assert (tmp_path / "run1" / "results" / "farzan2015_lma_dark.json").is_file()
