"""The clean-up that keeps executed notebooks deterministic."""

import nbformat

from zprime import notebook_tools


def test_clean_drops_progress_bars_and_joins_streams(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(1)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="a\n"),
                    nbformat.v4.new_output("stream", name="stderr", text="\r 50%|#####     | 1/2 [00:01<00:01, 1.2it/s]"),
                    nbformat.v4.new_output("stream", name="stdout", text="b\n"),
                    nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=1)]
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
