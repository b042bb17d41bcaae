"""Speed of zprime.bounds(): the full bound set of one model on many masses.

    python benchmarks/bounds_speed.py [--model B-L] [--n 100] [--sample 10]

``--model`` is a name of ``python -m zprime models`` (``make benchmark`` runs B-L, the universal
scalar "scalar" and the chiral, axial-coupled "greljo2022_chiral") or a model file (*.toml).

Times (1) the vectorised call, all masses at once, from a cold start (likelihoods built,
reference minima searched) and again warm; (2) a per-point baseline in the same run: one
bounds() call per mass, measured on ``--sample`` masses and extrapolated to ``--n``.  Prints
seconds, the per-constraint split of the cold call and the speed-up.  Target (issue): under 20 s
for 100 masses on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np

from zprime.constraints import bounds, catalogue
from zprime.constraints.catalogue import DarkPhotonSearch
from zprime.models import Mediator, get_model


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="B-L")
    ap.add_argument("--n", type=int, default=100, help="masses, log-spaced 1e-4 - 10 GeV")
    ap.add_argument("--sample", type=int, default=10, help="masses timed one by one for the baseline")
    args = ap.parse_args(argv)
    model = Mediator.from_toml(args.model) if args.model.endswith(".toml") else get_model(args.model)
    args.model = model
    m = np.geomspace(1e-4, 10.0, args.n)
    kind = model.spin + (", axial" if model.has_axial else "")
    print(
        f"{model.name} ({kind}): {args.n} masses 1e-4 - 10 GeV, {len(catalogue())} constraints; "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"
    )

    split = {}
    t0 = time.perf_counter()
    for name, con in catalogue().items():
        t = time.perf_counter()
        bounds(args.model, m, [con])
        split[name] = time.perf_counter() - t
    cold = time.perf_counter() - t0
    t = time.perf_counter()
    bs = bounds(args.model, m)
    warm = time.perf_counter() - t

    rng = np.random.default_rng(0)
    sample = rng.choice(m, size=min(args.sample, args.n), replace=False)
    t = time.perf_counter()
    for mv in sample:
        bounds(args.model, [mv])
    per_point = (time.perf_counter() - t) / len(sample) * args.n

    searches = sum(v for k, v in split.items() if isinstance(catalogue()[k], DarkPhotonSearch))
    print(f"cold (builds likelihoods, reference minima): {cold:7.2f} s")
    for k, v in sorted(split.items(), key=lambda kv: -kv[1]):
        if v > 0.2 and not isinstance(catalogue()[k], DarkPhotonSearch):
            print(f"   {k:40s} {v:6.2f} s")
    print(f"   {'single searches (38)':40s} {searches:6.2f} s")
    print(f"warm, all masses at once:                    {warm:7.2f} s   ({len(bs.bounds)} constraints)")
    print(
        f"per-mass calls (baseline, {len(sample)} timed):        {per_point:7.2f} s   speed-up x{per_point / warm:.1f}"
    )
    print(f"target: < 20 s for 100 masses -> {'met' if cold < 20 * args.n / 100 else 'NOT met'} (cold)")


if __name__ == "__main__":
    main()
