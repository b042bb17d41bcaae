"""Exclusions in the (mass, coupling) plane from a chi2: grids, global minimum, boundaries.

A chi2 function here is any vectorised ``chi2(g, M) -> array`` (g and M broadcast,
M in GeV), e.g. :func:`coherent_chi2`.  The 2-sigma region of a two-parameter
fit is Delta chi2 = chi2 - chi2_min < 6.18 (95.45 % C.L., 2 degrees of freedom),
with chi2_min the minimum over the whole (M, g) plane, the SM (g -> 0) included.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from zprime.experiments import coherent
from zprime.models import Mediator, as_mediator
from zprime.statistics.intervals import excluded_intervals, two_sigma_level
from zprime.statistics.parallel import map_jobs
from zprime.validation import InputError, checks

#: Delta chi2 of a 2-sigma (95.45 % C.L.) region: 1 and 2 degrees of freedom.
DCHI2_2SIGMA = {1: two_sigma_level(1), 2: two_sigma_level(2)}

Chi2 = Callable[[np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class CoherentChi2:
    """chi2(g, M) of COHERENT data sets for one model: call it with couplings g and masses M (GeV),
    which broadcast; ``sm`` is the chi2 of the Standard Model, ``datasets`` the data-set names."""

    model: Mediator
    likelihoods: tuple
    loop_mixing: bool
    mu: float | None
    sm: float
    datasets: tuple[str, ...]

    def __call__(self, g: ArrayLike, M: ArrayLike) -> np.ndarray:
        return sum(
            L.chi2(L.predict_model(self.model, g, M, loop_mixing=self.loop_mixing, mu=self.mu))
            for L in self.likelihoods
        )


def coherent_chi2(
    model: Mediator | str,
    datasets: str | coherent.Likelihood | Sequence[str | coherent.Likelihood] = ("CsI", "Ar"),
    *,
    loop_mixing: bool = False,
    mu: float | None = None,
) -> CoherentChi2:
    """The COHERENT chi^2(g, M) of a model, summed over data sets (each profiled over its own nuisances).

    Parameters
    ----------
    model : Mediator or str
        A model (any spin) or a model name; ``"scalar"`` is the universal scalar mediator (g~_phi, M_phi).
    datasets : str, Likelihood or sequence of them
        Names known to :func:`zprime.experiments.coherent.likelihood` ("CsI", "Ar", "CsI2017") or
        likelihood objects (e.g. ``coherent.ar2020(exposure="paper")``), each at most once.
    loop_mixing : bool
        Include the model's one-loop kinetic mixing (eq. (3.19) of arXiv:2202.11002).
    mu : float, optional
        Scale (GeV) where the mixing vanishes, for models whose loop mixing is divergent.

    Returns
    -------
    CoherentChi2
        Callable as ``chi2(g, M)`` (g and M in GeV broadcast, result of their shape), with
        ``sm`` (the chi^2 of the SM) and ``datasets``.

    Examples
    --------
    >>> from zprime.statistics import exclusion
    >>> f = exclusion.coherent_chi2("B-L", ("CsI", "Ar"))
    >>> f.datasets, round(f.sm, 2)
    (('CsI', 'Ar'), 210.84)
    """
    names = (datasets,) if isinstance(datasets, (str, coherent.Likelihood)) else tuple(datasets)
    if not names:
        raise InputError("datasets must name at least one COHERENT data set")
    keys = [n if isinstance(n, str) else id(n) for n in names]
    if len(set(keys)) != len(keys):
        raise InputError(f"datasets lists a data set twice: {names} (its chi2 would be counted twice)")
    Ls = tuple(n if isinstance(n, coherent.Likelihood) else coherent.likelihood(n) for n in names)
    return CoherentChi2(
        as_mediator(model),
        Ls,
        bool(loop_mixing),
        mu,
        float(sum(np.asarray(L.chi2(L.sm)) for L in Ls)),
        tuple(L.name if isinstance(n, coherent.Likelihood) else n for n, L in zip(names, Ls)),
    )


@checks(M="mass", g="nonnegative")
def grid(chi2: Chi2, M: ArrayLike, g: ArrayLike) -> np.ndarray:
    """chi2 on the grid g x M: ``g`` 1-D (n_g,) or 2-D (n_g, n_M) (couplings per mass); shape (n_g, n_M)."""
    M = np.atleast_1d(np.asarray(M, dtype=float))
    g = np.asarray(g, dtype=float)
    if M.ndim != 1 or not (g.ndim == 1 or (g.ndim == 2 and g.shape[1] == M.size)) or g.size == 0:
        raise InputError(f"M must be 1-D (n_M,) and g (n_g,) or (n_g, n_M); got shapes M {M.shape}, g {g.shape}")
    G = np.broadcast_to(g[:, None] if g.ndim == 1 else g, (g.shape[0], M.size))
    MM = np.broadcast_to(M, G.shape)
    return np.asarray(chi2(G.ravel(), MM.ravel())).reshape(G.shape)


def global_minimum(chi2: Chi2, M: ArrayLike, g: ArrayLike) -> dict:
    """Minimum of chi2 over a grid and the SM: {"chi2_min", "M", "g", "chi2_sm"} (M, g None for the SM)."""
    c = grid(chi2, M, g)
    if not np.all(np.isfinite(c)):
        bad = np.argwhere(~np.isfinite(c))[0]
        raise InputError(
            f"chi2 is not finite on the grid (first at g = {np.asarray(g).flat[bad[0]]:g}, "
            f"M = {np.asarray(M).flat[bad[1]]:g} GeV): a minimum over it would be meaningless"
        )
    i, j = np.unravel_index(np.argmin(c), c.shape)
    G = np.broadcast_to(np.asarray(g)[:, None] if np.ndim(g) == 1 else g, c.shape)
    sm = getattr(chi2, "sm", None)
    if sm is not None and sm <= c[i, j]:
        return {"chi2_min": float(sm), "M": None, "g": None, "chi2_sm": float(sm)}
    return {
        "chi2_min": float(c[i, j]),
        "M": float(np.asarray(M)[j]),
        "g": float(G[i, j]),
        "chi2_sm": None if sm is None else float(sm),
    }


@checks(
    M="positive scalar",
    level="scalar",
    g_lo="positive scalar",
    g_hi="positive scalar",
    n="count",
    n_bisect="nonnegative count",
)
def crossings(
    chi2: Chi2, M: float, level: float, g_lo: float, g_hi: float, n: int = 600, n_bisect: int = 40
) -> np.ndarray:
    """Every coupling in [g_lo, g_hi] at mass M where chi2 crosses ``level`` (log grid + bisection).

    The edges of the intervals where chi2 > level, found by
    :func:`zprime.statistics.excluded_intervals`, the grid ends left out.

    Parameters
    ----------
    chi2 : callable
        Vectorised chi2(g, M), e.g. :func:`coherent_chi2`.
    M : float
        Mass in GeV.
    level : float
        The chi^2 value, e.g. ``chi2.sm + DCHI2_2SIGMA[2]``.
    g_lo, g_hi : float
        The coupling range (0 < g_lo < g_hi).
    n : int
        Points of the log grid.
    n_bisect : int
        Bisection steps per crossing.

    Returns
    -------
    ndarray, shape (n_crossings,)
        Increasing; the first is the usual upper bound, the next ones delimit allowed strips or
        excluded islands.

    Examples
    --------
    >>> from zprime.statistics import exclusion
    >>> f = exclusion.coherent_chi2("B-L", ("CsI",))
    >>> [f"{g:.3g}" for g in exclusion.crossings(f, 0.01, f.sm + 6.18, 1e-7, 1.0)]
    ['5.24e-05']
    """
    if not (0 < g_lo < g_hi) or not np.isfinite(g_hi):
        raise InputError("need 0 < g_lo < g_hi < inf")
    grid = np.exp(np.linspace(math.log(g_lo), math.log(g_hi), n))
    ivals = excluded_intervals(lambda g, m: np.asarray(chi2(g, m)) - level, [float(M)], grid, n_bisect)[0]
    edges = [x for iv in ivals for x in iv if x not in (grid[0], grid[-1])]
    return np.array(sorted(edges))


@checks(M="positive scalar", chi2_min="scalar", g_lo="positive scalar", g_hi="positive scalar", dof="count")
def upper_bound(
    chi2: Chi2, M: float, chi2_min: float, *, dof: int = 2, g_lo: float = 1e-8, g_hi: float = 1.0, **kw
) -> float:
    """Smallest coupling excluded at 2 sigma at mass M: the first crossing of chi2_min + Delta chi2.

    Parameters
    ----------
    chi2 : callable
        Vectorised chi2(g, M), e.g. :func:`coherent_chi2`.
    M : float
        Mass in GeV.
    chi2_min : float
        The reference: the SM chi^2 (``chi2.sm``) or the minimum over the plane.
    dof : {1, 2}
        Degrees of freedom of the 2-sigma level (Delta chi^2 = 4.0 or 6.18).
    g_lo, g_hi : float
        The coupling range searched (log grid, then bisection).
    **kw
        Passed to :func:`crossings` (``n``, ``n_bisect``).

    Returns
    -------
    float
        The coupling.

    Raises
    ------
    InputError
        When chi2 does not cross the level in [g_lo, g_hi].

    Examples
    --------
    >>> from zprime.statistics import exclusion
    >>> f = exclusion.coherent_chi2("B-L", ("CsI",))
    >>> print(f"{exclusion.upper_bound(f, 0.01, f.sm):.3g}")   # 10 MeV, Delta chi^2 = 6.18 from the SM
    5.24e-05
    """
    if not np.isfinite(chi2_min):
        raise InputError(f"chi2_min must be finite, got {chi2_min!r}")
    if dof not in DCHI2_2SIGMA:
        raise InputError(f"dof must be one of {sorted(DCHI2_2SIGMA)}, got {dof!r}")
    x = crossings(chi2, M, chi2_min + DCHI2_2SIGMA[dof], g_lo, g_hi, **kw)
    if x.size == 0:
        raise InputError(f"no 2-sigma crossing for g in [{g_lo:g}, {g_hi:g}] at M = {M:g} GeV")
    return float(x[0])


def _table2_job(args: tuple) -> tuple[dict, dict]:
    model, datasets, loop_mixing, masses, M_min, g_min, n = args
    f = coherent_chi2(model, datasets, loop_mixing=loop_mixing)
    gmin = global_minimum(f, M_min, g_min)
    found = {}
    for M in masses:
        scale = max(1.0, float(M))  # couplings searched in [1e-7, 1] x max(1, M / GeV)
        for ref_name, ref in (("SM", f.sm), ("min", gmin["chi2_min"])):
            for dof in (1, 2):
                found[float(M), ref_name, dof] = crossings(f, M, ref + DCHI2_2SIGMA[dof], 1e-7 * scale, scale, n=n)
    return gmin, found


def table2_scan(
    jobs: Sequence[tuple[str, tuple[str, ...], bool]],
    masses: Sequence[float],
    M_min: np.ndarray,
    g_min: np.ndarray,
    *,
    n: int = 900,
    executor: Executor | None = None,
    progress: bool = True,
) -> tuple[list[dict], list[dict]]:
    """The scans behind Table 2 of Atzori Corona et al. (arXiv:2202.11002), one job per model and
    data-set combination.

    For each job: the global minimum of the COHERENT chi^2 over the (M, g) grid and the SM
    (:func:`global_minimum`), and at each mass every 2-sigma crossing (:func:`crossings`) for the
    four conventions: Delta chi^2 from the SM or from that minimum, with 1 or 2 degrees of freedom.

    Parameters
    ----------
    jobs : sequence of tuple
        (model, datasets, loop_mixing) per job: a model name (or ``"scalar"``), the COHERENT
        data sets summed (e.g. ``("CsI", "Ar")``) and whether one-loop kinetic mixing is on.
    masses : sequence of float
        Masses M (GeV) where the crossings are searched, in ``[1e-7, 1] x max(1, M)``.
    M_min : array, shape (n_M,)
        Masses (GeV) of the grid of the global minimum.
    g_min : array, shape (n_g,) or (n_g, n_M)
        Couplings of that grid.
    n : int
        Log-grid points per crossing search (before bisection).
    executor : concurrent.futures.Executor, optional
        Where the jobs run (:func:`zprime.statistics.parallel.map_jobs`); default a local process pool.
    progress : bool
        A tqdm bar over the jobs.

    Returns
    -------
    minima : list of dict
        Per job, :func:`global_minimum`'s result.
    crossings : list of dict
        Per job, ``{(M, "SM" or "min", dof): array of couplings}``.
    """
    args = [(m, tuple(ds), bool(loop), tuple(float(x) for x in masses), M_min, g_min, n) for m, ds, loop in jobs]
    out = map_jobs(_table2_job, args, executor=executor, progress=progress, desc="Table 2 scans")
    return [o[0] for o in out], [o[1] for o in out]
