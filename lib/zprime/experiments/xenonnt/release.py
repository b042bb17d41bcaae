"""The XENONnT solar-8B CEvNS data release: events, binning, templates, nuisance interpolation, folding.

Release: XENONnT, github.com/XENONnT/cevns_data_release @ 60d230dd (Zenodo 10.5281/zenodo.20576156,
CC-BY-4.0); papers PRL 133 (2024) 191002 [arXiv:2408.02877] (SR0+SR1) and arXiv:2604.06002 (SR0-SR2).
Every file is read through :mod:`zprime.data`, verified against the release's own SHA256SUMS.

Each science run has 3 x 3 x 3 x 3 = 81 bins in (cS2, S2 shadow quantile, S1 BDT score, S2 BDT
score).  Background templates are rates per tonne-year per bin: accidental coincidences (AC),
electronic recoils (ER), and radiogenic neutrons on a 7 x 7 grid of the light-yield and
charge-yield nuisances (tly, tqy in standard deviations, -3 ... 3).  The mono-energetic
templates give, per bin, the probability that a nuclear recoil of energy E (0.5-5.0 keV in
0.1 keV steps) is detected in that bin, on the same grid.

A nuclear-recoil spectrum dR/dE (per tonne-year per keV) becomes a signal template by
:func:`fold`: with the efficiency taken linear in E between the mono energies (and zero below
0.5 keV, where the release has no template), template = sum_j W_j eps_j with the hat-function
weights W_j = int dR/dE phi_j(E) dE of :func:`hat_weights`.  A line of N events at a mono
energy E_k has W = N e_k and reproduces N times that mono template exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from numpy.typing import ArrayLike

from zprime import data, validation
from zprime.units import keV

RELEASE = "xenonnt/cevns_data_release/"
RUNS = ("sr0", "sr1", "sr2")
#: Exposures in tonne x year, as the release's example multiplies its /t/y templates
#: (release README; SR0 + SR1 = 3.51 t y as in arXiv:2408.02877).
EXPOSURE_T_Y = {"sr0": 1.174398, "sr1": 2.342593, "sr2": 3.249665}
#: Nuisance grid of the light-yield and charge-yield templates (standard deviations).
YIELD_GRID = np.arange(-3.0, 4.0)
#: Recoil energies of the mono-energetic templates (GeV): 0.5, 0.6, ..., 5.0 keV.
MONO_ENERGIES = np.round(np.arange(5, 51) * 0.1, 1) * keV
OBSERVABLES = ("cs2", "s2_shadow_s2_time_shadow_quantile", "s1_bdt_score", "s2_bdt_score")
N_BINS = 81


def _run(run: str) -> str:
    return validation.choice("run", run, RUNS)


def _template(path: str, base: str = RELEASE) -> np.ndarray:
    """One (3, 3, 3, 3) template of a XENONnT release (``base``: its folder in the manifest), flattened to (81,)."""
    import h5py

    with h5py.File(data.path(base + path), "r") as f:
        t = np.asarray(f["templates/template"][()], dtype=float)
    if t.shape != (3, 3, 3, 3) or not np.all(np.isfinite(t)) or np.any(t < 0):
        raise data.DataError(f"{path}: expected a finite, non-negative (3, 3, 3, 3) template, got {t.shape}")
    return t.ravel()


@cache
def binning(run: str) -> tuple[np.ndarray, ...]:
    """The four bin-edge arrays of ``run`` (binning/<run>.yaml), in the order of :data:`OBSERVABLES`."""
    import yaml

    with open(data.path(f"{RELEASE}binning/{_run(run)}.yaml")) as fh:
        raw = yaml.safe_load(fh)
    return tuple(np.asarray(raw[o], dtype=float) for o in OBSERVABLES)


@cache
def observed(run: str) -> np.ndarray:
    """Observed events of ``run`` in the 81 bins (data/<run>.csv histogrammed with :func:`binning`)."""
    run = _run(run)
    import csv

    with open(data.path(f"{RELEASE}data/{run}.csv")) as fh:
        rows = list(csv.DictReader(fh))
    x = np.array([[float(r[o]) for o in OBSERVABLES] for r in rows])
    counts, _ = np.histogramdd(x, bins=binning(run))
    if counts.sum() != len(rows):
        raise data.DataError(f"{run}: {len(rows) - int(counts.sum())} events fall outside the binning")
    return counts.ravel()


@dataclass(frozen=True)
class Templates:
    """The templates of one science run (rates per tonne-year per bin; mono: efficiencies)."""

    run: str
    ac: np.ndarray  # (81,)
    er: np.ndarray  # (81,)
    neutron: np.ndarray  # (7, 7, 81) on (tly, tqy)
    mono: np.ndarray  # (46, 7, 7, 81) on (E, tly, tqy)


def _grid_name(t: float, q: float) -> str:
    return f"tly_{t:.1f}_tqy_{q:.1f}"


@cache
def templates(run: str) -> Templates:
    """All templates of ``run`` (about 2300 small HDF5 files, read once; the arrays are kept in
    the derived-data cache, :func:`zprime.data.derived`, keyed on the release's checksum file)."""
    run = _run(run)
    a = data.derived(f"xenonnt-cevns-templates-{run}", [RELEASE + "SHA256SUMS"], lambda: _read_templates(run))
    return Templates(run, a["ac"], a["er"], a["neutron"], a["mono"])


def _read_templates(run: str) -> dict[str, np.ndarray]:
    base = f"templates/{run}/"
    ac = _template(f"{base}ac/template_XENONnT_{run}_ac_cevns.h5")
    er = _template(f"{base}er/template_XENONnT_{run}_er_cevns.h5")
    n = len(YIELD_GRID)
    neutron = np.empty((n, n, N_BINS))
    mono = np.empty((len(MONO_ENERGIES), n, n, N_BINS))
    for i, t in enumerate(YIELD_GRID):
        for j, q in enumerate(YIELD_GRID):
            g = _grid_name(t, q)
            neutron[i, j] = _template(f"{base}rg/template_XENONnT_{run}_rg_cevns_{g}.h5")
            for k, E in enumerate(MONO_ENERGIES):
                mono[k, i, j] = _template(f"{base}mono/template_XENONnT_{run}_mono_{E / keV:.3f}_cevns_{g}.h5")
    return {"ac": ac, "er": er, "neutron": neutron, "mono": mono}


def yield_cell(tly: float, tqy: float) -> tuple[int, int, float, float]:
    """(i, j, u, v): the grid cell of (tly, tqy) and the position in it, for bilinear interpolation.

    No checks (the profiling loop calls it at every step); :func:`interpolate_yields` validates.
    """
    i = min(math.floor(tly - YIELD_GRID[0]), len(YIELD_GRID) - 2)
    j = min(math.floor(tqy - YIELD_GRID[0]), len(YIELD_GRID) - 2)
    return i, j, tly - YIELD_GRID[i], tqy - YIELD_GRID[j]


def corner_weights(tly: float, tqy: float) -> tuple[int, int, np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, w, w_u, w_v): the cell of (tly, tqy) (:func:`yield_cell`), the bilinear weights of its
    corners in the order (i, j), (i, j + 1), (i + 1, j), (i + 1, j + 1) (:func:`cell_corners`), and their
    derivatives in tly and tqy (grid steps are 1, so d/du = d/dtly).  No checks: the profiling loops call
    it at every step; :func:`interpolate_yields` validates."""
    i, j, u, v = yield_cell(tly, tqy)
    w = np.array([(1 - u) * (1 - v), (1 - u) * v, u * (1 - v), u * v])
    w_u = np.array([v - 1, -v, 1 - v, v])
    w_v = np.array([u - 1, 1 - u, -u, u])
    return i, j, w, w_u, w_v


def cell_corners(t: np.ndarray) -> np.ndarray:
    """(7, 7, ...) -> (6, 6, 4, ...): the four corners of each yield-grid cell, in the order of
    :func:`corner_weights`, so that a cell's interpolation is one contraction with its weights."""
    return np.stack([t[:-1, :-1], t[:-1, 1:], t[1:, :-1], t[1:, 1:]], axis=2)


def bilinear_cell(t: np.ndarray, tly: float, tqy: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(value, d/dtly, d/dtqy) of the bilinear interpolation of ``t`` (7, 7, ...) (grid axes first) at
    (tly, tqy), from :func:`corner_weights`.  No checks: :func:`interpolate_yields` validates."""
    i, j, w, w_u, w_v = corner_weights(tly, tqy)
    c = np.stack([t[i, j], t[i, j + 1], t[i + 1, j], t[i + 1, j + 1]])
    return tuple(np.tensordot(x, c, axes=1) for x in (w, w_u, w_v))  # type: ignore[return-value]


def interpolate_yields(table: np.ndarray, tly: float, tqy: float) -> np.ndarray:
    """Bilinear interpolation of a template ``table`` (..., 7, 7, n) at (tly, tqy); exact on the grid.

    The grid axes are the third- and second-last of ``table`` ((7, 7, n), (m, 7, 7, n), ...).
    tly and tqy are scalars in standard deviations within [-3, 3]; outside the grid raises.
    """
    table = validation.finite("table", table)
    n = len(YIELD_GRID)
    if table.ndim < 3 or table.shape[-3:-1] != (n, n):
        raise validation.InputError(f"table must have shape (..., {n}, {n}, n_bins), got {table.shape}")
    tly = validation.RULES["scalar"]("tly", tly)
    tqy = validation.RULES["scalar"]("tqy", tqy)
    lo, hi = YIELD_GRID[0], YIELD_GRID[-1]
    for name, v in (("tly", tly), ("tqy", tqy)):
        if not lo <= v <= hi:
            raise validation.InputError(f"{name} = {v!r} is outside the template grid [{lo:g}, {hi:g}]")
    return bilinear_cell(np.moveaxis(table, (-3, -2), (0, 1)), tly, tqy)[0]


#: Gauss-Legendre points per 0.1 keV interval for the hat-function integrals.
_GL_ORDER = 8


@lru_cache(maxsize=1)
def recoil_nodes() -> tuple[np.ndarray, np.ndarray]:
    """(T nodes [GeV], H): integration nodes in 0.5-5.0 keV and the (46, n_T) matrix of hat-function
    weights, so that W = H @ dR/dT(T nodes) are the weights of :func:`fold` (dR/dT per unit T)."""
    x, w = np.polynomial.legendre.leggauss(_GL_ORDER)
    E = MONO_ENERGIES
    a, b = E[:-1, None], E[1:, None]
    T = (0.5 * (a + b) + 0.5 * (b - a) * x).ravel()
    wt = (0.5 * (b - a) * w).ravel()
    H = np.zeros((len(E), T.size))
    k = np.repeat(np.arange(len(E) - 1), _GL_ORDER)
    frac = (T - E[k]) / (E[k + 1] - E[k])
    H[k, np.arange(T.size)] = (1 - frac) * wt
    H[k + 1, np.arange(T.size)] += frac * wt
    return T, H


def hat_weights(dR_dT: ArrayLike) -> np.ndarray:
    """W_j = int dR/dT phi_j(T) dT for dR/dT given at :func:`recoil_nodes` (shape (..., n_T)); (..., 46)."""
    T, H = recoil_nodes()
    dR = validation.nonnegative("dR_dT", dR_dT)
    if dR.shape[-1:] != T.shape:
        raise validation.InputError(f"dR_dT must end with the {T.size} recoil nodes, got shape {dR.shape}")
    return dR @ H.T


def checked_weights(W: ArrayLike) -> np.ndarray:
    """Hat weights W (..., 46) as a float array, or a clear error (negative, non-finite, wrong last axis)."""
    W = validation.nonnegative("W", W)
    if W.shape[-1:] != (len(MONO_ENERGIES),):
        raise validation.InputError(f"W must end with the {len(MONO_ENERGIES)} mono energies, got {W.shape}")
    return W


def fold(W: ArrayLike, run: str, tly: float = 0.0, tqy: float = 0.0) -> np.ndarray:
    """Signal template (..., 81) in events per tonne-year of ``run`` from hat weights W (..., 46)."""
    W = checked_weights(W)
    eff = interpolate_yields(templates(run).mono, tly, tqy)  # (46, 81)
    return W @ eff
