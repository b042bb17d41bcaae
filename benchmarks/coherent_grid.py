"""Speed of the COHERENT likelihoods on a 200 x 200 (M, g) grid for one model.

    python benchmarks/coherent_grid.py [--model B-L] [--n 200] [--sample 100]

For CsI and Ar it times (1) the vectorised path: binned counts of all grid points at once
and the chi2 profiled over the nuisances for all points at once, and (2) a straightforward
per-point path: counts of one point at a time and an iminuit profile of each, measured on
``--sample`` random grid points and extrapolated to the grid.  Prints points per second and
the speed-up.
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np

from zprime import models
from zprime.experiments import coherent


def vectorised(L, model, g, M):
    t = time.perf_counter()
    N = L.predict_vector(model, g, M)
    t_counts = time.perf_counter() - t
    chi = L.chi2(N)
    return chi, t_counts, time.perf_counter() - t


def per_point(L, model, g, M):
    t = time.perf_counter()
    chi = np.array([L.profile_minuit(L.predict_vector(model, gi, Mi))[0] for gi, Mi in zip(g, M)])
    return chi, time.perf_counter() - t


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="B-L")
    ap.add_argument("--n", type=int, default=200, help="grid points per axis")
    ap.add_argument("--sample", type=int, default=100, help="points timed on the per-point path")
    args = ap.parse_args(argv)

    model = models.get_model(args.model)
    M, g = np.meshgrid(np.geomspace(1e-3, 10.0, args.n), np.geomspace(1e-6, 1e-2, args.n))
    n_points = g.size
    print(
        f"{args.model}: {args.n} x {args.n} = {n_points} points, M 1 MeV-10 GeV, g 1e-6-1e-2; "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"
    )
    rng = np.random.default_rng(0)
    for name in ("CsI", "Ar"):
        t = time.perf_counter()
        L = coherent.likelihood(name)
        t_build = time.perf_counter() - t
        chi, t_counts, t_vec = vectorised(L, model, g, M)
        # per-point path on a random sample with counts below 1e5 (Minuit's start fails beyond)
        idx = rng.permutation(n_points)
        N_all_tot = L.predict_vector(model, g.ravel()[idx], M.ravel()[idx]).sum(axis=(-2, -1))
        idx = idx[N_all_tot < 1e5][: args.sample]
        chi_ref, t_ref = per_point(L, model, g.ravel()[idx], M.ravel()[idx])
        dev = np.max(np.abs(chi.ravel()[idx] / chi_ref - 1))
        rate_vec = n_points / t_vec
        rate_ref = len(idx) / t_ref
        print(
            f"{name:4s} build {t_build:5.2f} s | vectorised: {t_vec:6.2f} s for the grid "
            f"(counts {t_counts:.2f} s), {rate_vec:9.0f} points/s | per point + iminuit: "
            f"{rate_ref:6.1f} points/s, grid ~{n_points / rate_ref / 60:5.1f} min | "
            f"speed-up {rate_vec / rate_ref:6.0f}x | max |chi2 rel. diff| {dev:.1e}"
        )


if __name__ == "__main__":
    main()
