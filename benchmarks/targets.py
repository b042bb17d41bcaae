"""The speed targets of the bound-set workflow, each measured next to a baseline in the same run.

    python benchmarks/targets.py [--notebooks]

1. The full bound set (every constraint, XENONnT 8B and the recast included) on 41 masses,
   1e-3 - 1 GeV, for B - L and for a custom B - 3 L_e with tree-level eps = 1e-4: on the local
   cores (a process pool over mass chunks, as the command line runs it) and in one process;
   baseline: one bounds() call per mass (5 masses timed, scaled to 41), in one process.
2. The command line end to end (interpreter start-up, imports, pool, JSON) for the same cases;
   baseline: the same command with ``--jobs 1``.
3. With ``--notebooks``: status_today and the Greljo et al. notebook executed by papermill into a
   temporary directory (the committed notebooks, figures and results are not touched).

Each line prints seconds, the target and the ratio target/measured (>= 1: met).  Times depend on
the machine and on what else runs: measure on an idle one.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from zprime.constraints import bounds
from zprime.models import VectorModel, get_model

ROOT = Path(__file__).resolve().parents[1]
MASSES = np.geomspace(1e-3, 1.0, 41)
CLI_MASSES = "0.001:1:41"


def _custom() -> VectorModel:
    from zprime.__main__ import build_model

    return build_model("custom", "B=1,L_e=-3", 1e-4, None)


def _line(what: str, seconds: float, target: float | None, baseline: float | None = None) -> None:
    verdict = "" if target is None else f"target {target:5.0f} s  ratio {target / seconds:5.2f}  "
    verdict += "met" if target is not None and seconds < target else ("NOT met" if target is not None else "")
    base = "" if baseline is None else f"  (baseline {baseline:6.1f} s, x{baseline / seconds:.1f})"
    print(f"{what:58s} {seconds:7.1f} s  {verdict}{base}", flush=True)


def bound_sets() -> None:
    for label, model in (("B-L", get_model("B-L")), ("B-3L_e, eps = 1e-4", _custom())):
        t = time.perf_counter()
        with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
            bounds(model, MASSES, executor=pool)
        cores = time.perf_counter() - t
        t = time.perf_counter()
        bounds(model, MASSES)
        one = time.perf_counter() - t
        sample = MASSES[:: len(MASSES) // 5][:5]
        t = time.perf_counter()
        for m in sample:
            bounds(model, [m])
        per_point = (time.perf_counter() - t) / len(sample) * len(MASSES)
        _line(f"bound set {label}, 41 masses, {os.cpu_count()} processes", cores, 10.0, per_point)
        _line(f"bound set {label}, 41 masses, 1 process", one, None, per_point)


def command_line() -> None:
    cases = (("B-L", ["B-L"]), ("B-3L_e, eps = 1e-4", ["custom", "--charges", "B=1,L_e=-3", "--eps", "1e-4"]))
    with tempfile.TemporaryDirectory() as tmp:
        for label, args in cases:
            times = []
            for jobs in (None, "1"):
                cmd = [sys.executable, "-m", "zprime", "bounds", *args, "--masses", CLI_MASSES]
                cmd += ["--json", str(Path(tmp) / "out.json")] + ([] if jobs is None else ["--jobs", jobs])
                t = time.perf_counter()
                subprocess.run(cmd, check=True, capture_output=True)
                times.append(time.perf_counter() - t)
            _line(f"command line {label}, 41 masses, end to end", times[0], 15.0, times[1])


def notebooks() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ZPRIME_OUTPUT": tmp}
        for stem, target in (("status_today", 40.0), ("greljo2022_gm2_u1x", 90.0)):
            cmd = [sys.executable, "-m", "papermill", "--cwd", str(ROOT / "notebooks"), "-k", "python3"]
            cmd += ["--no-progress-bar", str(ROOT / "notebooks" / f"{stem}.ipynb"), str(Path(tmp) / f"{stem}.ipynb")]
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            _line(f"notebook {stem} (papermill)", time.perf_counter() - t, target)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notebooks", action="store_true", help="also execute status_today and the Greljo notebook")
    args = ap.parse_args(argv)
    print(f"{os.cpu_count()} cores; baselines in the same run (see the module doc)")
    bound_sets()
    command_line()
    if args.notebooks:
        notebooks()


if __name__ == "__main__":
    main()
