"""Every code block of README.md runs as written (the `make` lines are what CI runs anyway).

The Python blocks run in order in one namespace (a later block may use a name an earlier one
defined), in a temporary directory, with the non-interactive matplotlib backend.  Shell blocks
run line by line with bash from the checkout, with `/tmp/run1` and `.venv/bin/` pointed at a
temporary directory and this interpreter's environment; `python -m zprime` lines run with this
interpreter.  Blocks tagged `py` are shown but not run (a scan that takes minutes).
"""

import re
import subprocess
import sys

import matplotlib
import pytest

from zprime import paths

README = paths.ROOT / "README.md"
BLOCKS = re.findall(r"^```(\w+)\n(.*?)^```", README.read_text(), flags=re.S | re.M)


def test_readme_has_code():
    assert sum(lang == "python" for lang, _ in BLOCKS) >= 5


@pytest.mark.slow
def test_readme_python_blocks_run_in_order(tmp_path, monkeypatch):
    matplotlib.use("agg")
    monkeypatch.chdir(tmp_path)
    ns: dict = {}
    for k, (lang, code) in enumerate(BLOCKS):
        if lang == "python":
            exec(compile(code, f"README.md python block {k}", "exec"), ns)
    assert (tmp_path / "my_model_bounds.json").is_file() and (tmp_path / "lmu-ltau_bounds.png").is_file()


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
