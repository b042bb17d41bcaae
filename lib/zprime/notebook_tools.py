"""Keep executed notebooks reviewable: ``python -m zprime.notebook_tools clean IN OUT``.

Drops papermill's per-cell timing, the run's start/end times and progress bars
(stderr streams: their rates change on every run), and joins consecutive stream
outputs of one cell (how the kernel chunks them varies); keeps the other outputs
and execution counts, which nbval needs as reference.
"""

from __future__ import annotations

import sys

import nbformat


def clean(src: str, dst: str) -> None:
    nb = nbformat.read(src, as_version=4)
    pm = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "input_path", "output_path", "environment_variables"):
        pm.pop(key, None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            outs = []
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("execution", None)
                if out.output_type == "stream" and out.name == "stderr":
                    continue
                if (out.output_type == "stream" and outs and outs[-1].output_type == "stream"
                        and outs[-1].name == out.name):
                    outs[-1].text += out.text
                    continue
                outs.append(out)
            cell.outputs = outs
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nbformat.write(nb, dst)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "clean":
        sys.exit("usage: python -m zprime.notebook_tools clean IN.ipynb OUT.ipynb")
    clean(sys.argv[2], sys.argv[3])
