"""Every code block of README.md runs as written (the `make` lines are what CI runs anyway).

The Python blocks run in order in one namespace (a later block may use a name an earlier one
defined), in a temporary directory, with the non-interactive matplotlib backend.  Shell blocks
run line by line with bash from the checkout, with `/tmp/run1` and `.venv/bin/` pointed at a
temporary directory and this interpreter's environment; `python -m zprime` lines run with this
interpreter.  Blocks tagged `py` are shown but not run (a scan that takes minutes).
"""

import matplotlib
import pytest
from readme_blocks import BLOCKS


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
