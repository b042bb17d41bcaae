"""The clean-up that keeps executed notebooks deterministic."""

import ast
import os
import subprocess
import sys

import nbformat
import pytest

from zprime import notebook_tools, paths
from zprime.errors import ParameterError, ZprimeError


def test_clean_drops_progress_bars_and_joins_streams(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(1)")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="a\n"),
        nbformat.v4.new_output("stream", name="stderr", text="\r 50%|#####     | 1/2 [00:01<00:01, 1.2it/s]"),
        nbformat.v4.new_output("stream", name="stdout", text="b\n"),
        nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=1),
    ]
    cell.metadata["papermill"] = {"duration": 1.0}
    nb.cells = [cell]
    nb.metadata["papermill"] = {"start_time": "x", "parameters": {"p": 1}}
    src, dst = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    nbformat.write(nb, src)
    notebook_tools.clean(str(src), str(dst))
    out = nbformat.read(dst, as_version=4)
    outs = out.cells[0].outputs
    assert [o.output_type for o in outs] == ["stream", "execute_result"]
    assert outs[0].text == "a\nb\n"
    assert "papermill" not in out.cells[0].metadata
    assert out.metadata["papermill"] == {"parameters": {"p": 1}}


NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_papermill_sees_every_parameter(path):
    # every name the parameters cell assigns is listed by `papermill --help-notebook`
    import papermill

    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assigned = {
        t.id
        for node in ast.parse(cell.source).body
        for t in ([node.target] if isinstance(node, ast.AnnAssign) else getattr(node, "targets", []))
        if isinstance(t, ast.Name)
    }
    assert assigned and set(papermill.inspect_notebook(str(path))) == assigned
    # and the first code cell after it checks them
    first = next(c for c in nb.cells[nb.cells.index(cell) + 1 :] if c.cell_type == "code")
    assert "check_parameters(globals()" in first.source


def test_check_parameters_names_the_bad_one():
    ok = dict(n=3, m=0.5, lo=1.0, hi=2.0, xs=[1.0, 2.0], opt=None, t=(0.1, 0.9))
    notebook_tools.check_parameters(
        ok,
        positive=["m", "xs"],
        positive_int=["n"],
        finite=["t"],
        unit_interval=["m"],
        increasing=[("lo", "hi")],
        optional=["opt"],
    )
    bad = [
        ({"n": 0}, dict(positive_int=["n"]), "n = 0"),
        ({"n": 2.5}, dict(positive_int=["n"]), "whole"),
        ({"m": -1.0}, dict(positive=["m"]), "m = -1.0"),
        ({"m": float("nan")}, dict(finite=["m"]), "finite"),
        ({"m": "1"}, dict(positive=["m"]), "expected a number"),
        ({"m": True}, dict(positive=["m"]), "number"),
        ({"xs": [1.0, -2.0]}, dict(positive=["xs"]), "xs"),
        ({"lo": 2.0, "hi": 1.0}, dict(increasing=[("lo", "hi")]), "lo < hi"),
        ({"m": 1.5}, dict(unit_interval=["m"]), "[0, 1]"),
        ({}, dict(positive=["z"]), "not defined"),
    ]
    for values, rules, msg in bad:
        with pytest.raises(ParameterError, match=msg.replace("[", r"\[").replace("]", r"\]")):
            notebook_tools.check_parameters(values, **rules)
    assert issubclass(ParameterError, ZprimeError) and issubclass(ParameterError, ValueError)


def _papermill(stem: str, out, **params) -> list[str]:
    """A papermill command line for notebooks/<stem>.ipynb with -p parameters."""
    cmd = [os.path.join(os.path.dirname(sys.executable), "papermill"), "--cwd", str(paths.NOTEBOOKS), "-k", "python3"]
    for k, v in params.items():
        cmd += ["-p", k, str(v)]
    return cmd + [str(paths.NOTEBOOKS / f"{stem}.ipynb"), str(out)]


def _env(tmp_path) -> dict:
    return {**os.environ, "ZPRIME_OUTPUT": str(tmp_path / "out"), "MPLBACKEND": "agg"}


@pytest.mark.slow
def test_bad_parameter_run_fails_and_changes_nothing(tmp_path):
    # a papermill run with n_mass = 0 stops in the first code cell, exits non-zero, writes nothing
    before = {p: p.stat().st_mtime_ns for p in (paths.RESULTS.glob("*.json"))}
    r = subprocess.run(
        _papermill("farzan2015_lma_dark", tmp_path / "run.ipynb", n_mass=0),
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=300,
    )
    assert r.returncode != 0 and "ParameterError" in r.stderr + r.stdout and "n_mass = 0" in r.stderr + r.stdout
    assert not (tmp_path / "out").exists()
    assert {p: p.stat().st_mtime_ns for p in paths.RESULTS.glob("*.json")} == before


_WRITER = """
import sys
import matplotlib
matplotlib.use("agg")
import matplotlib.pyplot as plt
from zprime import paths, plotting, report
tag = sys.argv[1]
for i in range(25):
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1, 2], [i, 2 * i, 0], label=tag)
    plotting.savefig(fig, paths.figure_dir("farzan2015_lma_dark"), "fig1", show=False)
    plt.close(fig)
    report.write_results("farzan2015_lma_dark", {"run": tag, "i": i, "numbers": list(range(2000))})
"""


def test_two_parallel_runs_leave_intact_outputs(tmp_path):
    """Two processes writing the same figure and results with the writers every notebook uses (one
    ZPRIME_OUTPUT, 25 times each) leave complete files and no temporary debris: the writes are atomic."""
    import json

    runs = [subprocess.Popen([sys.executable, "-c", _WRITER, f"run{i}"], env=_env(tmp_path)) for i in (1, 2)]
    assert [r.wait(timeout=600) for r in runs] == [0, 0]
    out = tmp_path / "out"
    doc = json.loads((out / "results" / "farzan2015_lma_dark.json").read_text())
    assert doc["run"] in ("run1", "run2") and doc["i"] == 24 and len(doc["numbers"]) == 2000
    assert sorted(p.name for p in (out / "results").iterdir()) == ["farzan2015_lma_dark.json"]
    figdir = out / "figures" / "farzan2015_lma_dark"
    assert sorted(p.name for p in figdir.iterdir()) == ["fig1.pdf", "fig1.png"]
    png, pdf = (figdir / "fig1.png").read_bytes(), (figdir / "fig1.pdf").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[-8:-4] == b"IEND"
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_saved_figure_is_shown_inline(path):
    # the committed notebook is documentation: each cell that saves a figure carries its image
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code" and "plotting.savefig(" in c.source]
    assert cells
    for c in cells:
        images = [o for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
        assert images, f"{path.name}: a cell saves a figure but shows none:\n{c.source[:200]}"


def test_make_figures_summary(tmp_path):
    import json

    stamps = tmp_path / "stamps"
    stamps.mkdir()
    stem = "greljo2022_gm2_u1x"
    ref = json.loads((paths.RESULTS / f"{stem}.json").read_text())
    (stamps / f"{stem}.before.json").write_text(json.dumps(ref))
    (stamps / f"{stem}.ran").write_text("12\n")
    text = notebook_tools.summary(str(stamps), [stem, "farzan2015_lma_dark"])
    assert "unchanged" in text and "up to date" in text and not (stamps / f"{stem}.ran").exists()
    ref["n_models"] = 420
    (stamps / f"{stem}.before.json").write_text(json.dumps(ref))
    (stamps / f"{stem}.ran").write_text("12\n")
    assert "CHANGED: 1 key(s), e.g. n_models" in notebook_tools.summary(str(stamps), [stem])


def test_process_pool_checks_workers():
    with notebook_tools.process_pool(1) as pool:
        assert pool.submit(abs, -2).result() == 2
    for bad in (0, -1, 1.5, True, "2"):
        with pytest.raises(ParameterError, match="workers"):
            notebook_tools.process_pool(bad)


def test_the_notebooks_imports_stay_light():
    """Every notebook kernel imports the library: nbformat (its schema validator, ~1.5 s) and scipy.stats (~0.5 s)
    are not needed there and stay out (nbformat is imported by clean(), scipy.stats not at all)."""
    code = (
        "import sys; import zprime; from zprime import constraints, models, notebook_tools, paths, plotting, report, "
        "today; from zprime.experiments import coherent, xenonnt; import zprime.__main__; "
        "print(sorted(m for m in ('nbformat', 'scipy.stats', 'jsonschema') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_use_style_works_in_a_fresh_interpreter():
    """plotting.use_style() needs matplotlib.style, a submodule that ``import matplotlib`` alone does not load:
    it must work before anything has imported pyplot (it raised AttributeError there)."""
    code = (
        "import matplotlib as mpl; from zprime import plotting; plotting.use_style(); "
        "print(mpl.rcParams['savefig.dpi'], mpl.rcParams['savefig.bbox'])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["200.0", "tight"]
