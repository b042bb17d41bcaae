"""Every code block of README.md that is Python, or a `python -m zprime` shell line, runs as written.

The Python blocks run in order in one namespace (a later block may use a name an earlier one
defined), in a temporary directory, with the non-interactive matplotlib backend.  Shell blocks
run their `python -m zprime ...` lines with this interpreter; `make` lines are what CI runs anyway.
"""

import re
import shlex
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
    lines = [ln for lang, code in BLOCKS if lang == "sh" for ln in code.splitlines()
             if ln.startswith("python -m zprime")]
    assert lines
    for ln in lines:
        cmd = shlex.split(ln.split("#")[0])
        r = subprocess.run([sys.executable] + cmd[1:], cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, (ln, r.stderr[-2000:])
