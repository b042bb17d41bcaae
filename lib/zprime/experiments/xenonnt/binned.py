"""A binned template likelihood with named rate multipliers and Gaussian priors (the structure of
XENONnT's own statistical model, alea/blueice), and the SR0+SR1 model of the 2024 release.

Expected events in bin b of run r:

    mu_rb = X_r sum_s [prod_{p in s} p] T_s,rb(tly, tqy),

with X_r the livetime (t y), T_s the template of source s (events per t y per bin; on the 7 x 7
grid of the light- and charge-yield nuisances where it depends on them, bilinear in between) and
each source scaled by the product of its rate multipliers.  The statistic is the Poisson deviance
plus a Gaussian penalty for every parameter with a prior,

    chi2 = 2 sum_rb [mu_rb - n_rb + n_rb ln(n_rb/mu_rb)] + sum_p ((p - p_0)/sigma_p)^2,

profiled over every parameter not held fixed.  :func:`model_2024` builds the collaboration's
SR0+SR1 model from :mod:`.release2024` with its own priors; :func:`measure_8B` and
:func:`wimp_limit_2024` reproduce arXiv:2408.02877 and arXiv:2409.17868 from it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize

from zprime import validation
from zprime.experiments.xenonnt import release2024 as R24
from zprime.experiments.xenonnt.release import YIELD_GRID, bilinear_cell, cell_corners, corner_weights

#: Delta chi^2 of a one-sided 90 % C.L. upper limit in the asymptotic regime, as the release's
#: recasting notes use (the chi^2_1 0.90 quantile, the two-sided interval's upper edge).
DCHI2_90 = 2.706


@dataclass(frozen=True)
class Parameter:
    """A rate multiplier or yield nuisance: nominal value, Gaussian width (None: free), fit range."""

    nominal: float
    sigma: float | None
    bounds: tuple[float, float]


@dataclass(frozen=True)
class Source:
    """A template per run, (R, 81) or on the yield grid (R, 7, 7, 81), and the multipliers scaling it."""

    name: str
    rate: np.ndarray
    multipliers: tuple[str, ...]


def _deviance(mu: np.ndarray, events: tuple) -> np.ndarray:
    """The Poisson deviance 2 sum_b [mu_b - n_b + n_b ln(n_b / mu_b)] over the last axis of ``mu``,
    written as 2 [sum_b mu_b + sum_b (n_b ln n_b - n_b) - sum_{n_b > 0} n_b ln mu_b]; ``events`` =
    (bins with events, their counts, the middle sum) of :class:`TemplateLikelihood`."""
    has, n_has, const = events
    return 2 * (mu.sum(axis=-1) + const - np.log(mu[..., has]) @ n_has)


def _prior_penalty(values: dict[str, float], parameters: dict[str, Parameter], skip: tuple[str, ...] = ()) -> float:
    """sum_p ((p - p_0) / sigma_p)^2 over the ``parameters`` with a prior, at ``values``, those in ``skip``
    left out."""
    return sum(((values[k] - p.nominal) / p.sigma) ** 2 for k, p in parameters.items() if p.sigma and k not in skip)


@dataclass
class TemplateLikelihood:
    """chi2 of the module doc for ``observed`` (R, 81), ``livetime`` (R,), ``sources`` and ``parameters``.

    The parameters named "tly" and "tqy" are the yield nuisances of the grid templates.  The
    profile minimises with the analytic gradient (the expectation is linear in each multiplier and
    bilinear in the yields within a grid cell), and takes extra sources per call (``extra``), so
    that one model serves a fixed signal, a free signal scale or a second signal (a WIMP over 8B).
    Both XENONnT releases use it: :func:`model_2024` and :class:`.likelihood.XenonLikelihood`.
    """

    observed: np.ndarray
    livetime: np.ndarray
    sources: tuple[Source, ...]
    parameters: dict[str, Parameter]
    _names: tuple[str, ...] = field(init=False, repr=False)
    _tables: tuple = field(init=False, repr=False)
    _events: tuple = field(init=False, repr=False)

    def __post_init__(self):
        self.observed = np.asarray(self.observed, dtype=float)
        self.livetime = np.asarray(self.livetime, dtype=float).reshape(-1, 1)
        if self.observed.shape != (self.livetime.shape[0], 81):
            raise validation.InputError(f"observed must be (runs, 81), got {self.observed.shape}")
        self._check_sources(self.sources, self.parameters)
        self._names = tuple(self.parameters)
        self._tables = tuple(self.table(s) for s in self.sources)
        n = self.observed.ravel()
        has = np.flatnonzero(n > 0)
        self._events = (has, n[has], float(np.sum(n[has] * np.log(n[has])) - np.sum(n)))

    @staticmethod
    def _check_sources(sources, parameters):
        for s in sources:
            unknown = [m for m in s.multipliers if m not in parameters]
            if unknown:
                raise validation.InputError(f"source {s.name}: unknown multipliers {unknown}")

    def table(self, source: Source) -> tuple[np.ndarray, tuple[str, ...], bool]:
        """(expected events, multipliers, on the yield grid) of a source: (R, 81) or (7, 7, R, 81)."""
        rate = np.asarray(source.rate, dtype=float)
        if rate.shape == self.observed.shape:
            return rate * self.livetime, source.multipliers, False
        if rate.shape != (self.observed.shape[0], len(YIELD_GRID), len(YIELD_GRID), 81):
            raise validation.InputError(
                f"source {source.name}: template shape {rate.shape} is neither (R, 81) nor (R, 7, 7, 81)"
            )
        return np.moveaxis(rate, (1, 2), (0, 1)) * self.livetime, source.multipliers, True

    def nominal(self) -> dict[str, float]:
        return {k: p.nominal for k, p in self.parameters.items()}

    @staticmethod
    def _check_yields(values: dict[str, float]) -> None:
        """The yield nuisances must lie on the template grid (no extrapolation)."""
        lo, hi = YIELD_GRID[0], YIELD_GRID[-1]
        for name in ("tly", "tqy"):
            if name in values and not lo <= values[name] <= hi:
                raise validation.InputError(f"{name} = {values[name]!r} is outside the template grid [{lo:g}, {hi:g}]")

    def expected_by_source(self, p: dict[str, float]) -> dict[str, np.ndarray]:
        """Expected events (R, 81) of each source at parameters ``p`` (missing ones nominal)."""
        q = {**self.nominal(), **p}
        self._check_yields(q)
        out = {}
        for s, (T, mult, on_grid) in zip(self.sources, self._tables):
            t = bilinear_cell(T, q["tly"], q["tqy"])[0] if on_grid else T
            out[s.name] = math.prod(q[m] for m in mult) * t
        return out

    def expected(self, p: dict[str, float]) -> np.ndarray:
        """Expected events (R, 81), all sources, at parameters ``p`` (missing ones nominal)."""
        return sum(self.expected_by_source(p).values())  # type: ignore[return-value]

    def value(
        self, p: dict[str, float], *, extra: tuple[Source, ...] = (), parameters: dict[str, Parameter] | None = None
    ) -> float:
        """The chi2 at parameters ``p`` (missing ones nominal), unprofiled, with ``extra`` sources
        (and the ``parameters`` they need) as in :meth:`profile`."""
        self._check_yields(p)
        f = self.objective((), dict(p), tuple(self.table(s) for s in extra), parameters)
        return f(np.zeros(0))[0]

    def values_with_signals(
        self, p: dict[str, float], signals: np.ndarray, multipliers: tuple[str, ...] = ()
    ) -> np.ndarray:
        """The chi2 at parameters ``p`` (missing ones nominal), unprofiled, with one signal added at a time:
        ``signals`` (..., R, 81) in events per t y (times the livetime and the product of the
        ``multipliers``); shape (...).  The same statistic as :meth:`value` with that signal as an extra
        source, for many signals in one pass (the cheap bounds of :class:`.likelihood.XenonLikelihood`)."""
        q = {**self.nominal(), **p}
        self._check_yields(q)
        unknown = [m for m in multipliers if m not in q]
        if unknown:
            raise validation.InputError(f"unknown multipliers {unknown}; known: {tuple(q)}")
        signals = validation.nonnegative("signals", signals)
        if signals.shape[-2:] != self.observed.shape:
            raise validation.InputError(f"signals must end in {self.observed.shape}, got {signals.shape}")
        mu = self.expected(q) + math.prod(q[m] for m in multipliers) * signals * self.livetime
        return _deviance(mu.reshape(signals.shape[:-2] + (-1,)), self._events) + _prior_penalty(q, self.parameters)

    def chi2(self, p: dict[str, float]) -> float:
        """The chi2 at parameters ``p`` (missing ones nominal), unprofiled."""
        return self.value(p)

    def objective(
        self,
        free: tuple[str, ...],
        fixed: dict[str, float],
        extra: tuple = (),
        parameters: dict[str, Parameter] | None = None,
    ) -> Callable[[np.ndarray], tuple[float, np.ndarray]]:
        """f(x) -> (chi2, gradient) over the ``free`` parameters, the others at ``fixed`` or nominal.

        ``extra`` are further (expected events, multipliers, on grid) tables of :meth:`table`, and
        ``parameters`` the full parameter set if it is wider than :attr:`parameters`.
        """
        pars = self.parameters if parameters is None else parameters
        names = tuple(pars)
        index = {k: i for i, k in enumerate(names)}
        base = {**{k: p.nominal for k, p in pars.items()}, **fixed}
        q0 = np.array([base[k] for k in names])
        free_at = np.array([index[k] for k in free], dtype=int)
        tables = self._tables + tuple(extra)
        n = self.observed.ravel()
        nom = np.array([pars[k].nominal for k in free])
        widths = {k: p.sigma or 0.0 for k, p in pars.items()}  # 0: no prior
        inv_var = np.array([1.0 / widths[k] ** 2 if widths[k] else 0.0 for k in free])
        pen_fixed = _prior_penalty(base, pars, skip=free)  # the priors of the parameters held fixed: a constant
        yields = [free.index(k) if k in free else None for k in ("tly", "tqy")]
        # the tables stacked: those on the yield grid (K_g, 7, 7, R*81) and the others (K_f, R*81), each
        # with the parameter indices of its multipliers; mu = sum_k c_k(q) V_k(tly, tqy)
        flat = [(T.ravel(), mult) for T, mult, on_grid in tables if not on_grid]
        grid = [(T.reshape(T.shape[:2] + (-1,)), mult) for T, mult, on_grid in tables if on_grid]
        order = flat + grid
        n_flat = len(flat)
        V_flat = np.array([T for T, _ in flat]).reshape(n_flat, n.size)
        # the grid tables by yield cell, each cell's four corners side by side: (6, 6, 4, K_g, R*81), so
        # that mu and every gradient take the cell's corners (a view) and its weights (corner_weights)
        G = cell_corners(np.moveaxis(np.array([T for T, _ in grid]), 0, 2)) if grid else None
        mult_at = [[index[m] for m in mult] for _, mult in order]
        # d c_k / d q_p for the free multipliers: (k, position in free, the other multipliers' indices)
        free_pos = {index[k]: i for i, k in enumerate(free)}
        dc_terms = [
            (k, free_pos[a], [b for b in at if b != a]) for k, at in enumerate(mult_at) for a in at if a in free_pos
        ]
        events = self._events
        K = len(order)

        i_tly, i_tqy = index.get("tly"), index.get("tqy")

        def f(x):
            q = q0.copy()
            q[free_at] = x
            ql = q.tolist()  # Python floats: the same products, without numpy's per-element overhead
            c = np.array([math.prod([ql[a] for a in at]) for at in mult_at]) if K else np.zeros(0)
            mu = c[:n_flat] @ V_flat
            if grid:
                i, j, w, w_u, w_v = corner_weights(ql[i_tly], ql[i_tqy])
                Gc = G[i, j]  # (4, K_g, R*81)
                Cg = c[n_flat:] @ Gc  # (4, R*81): the corners of the grid sources' sum
                mu = mu + w @ Cg
            if mu.min() <= 0:
                return 1e30, np.zeros(len(free))
            r = 1 - n / mu
            dx = x - nom
            val = float(_deviance(mu, events)) + float(dx @ (dx * inv_var)) + pen_fixed
            grad = 2 * dx * inv_var
            Vr = V_flat @ r
            if grid:
                Gr = Gc @ r  # (4, K_g)
                Vr = np.concatenate([Vr, w @ Gr])
                Cr = Gr @ c[n_flat:]  # (4,): the corners of the grid sources' sum, times r
                if yields[0] is not None:
                    grad[yields[0]] += 2 * (w_u @ Cr)
                if yields[1] is not None:
                    grad[yields[1]] += 2 * (w_v @ Cr)
            Vrl = Vr.tolist()
            for k, p, others in dc_terms:
                grad[p] += 2 * math.prod([ql[b] for b in others]) * Vrl[k]
            return val, grad

        return f

    def profile(
        self,
        fixed: dict[str, float] | None = None,
        start: dict[str, float] | None = None,
        *,
        extra: tuple[Source, ...] = (),
        extra_parameters: dict[str, Parameter] | None = None,
        starts: int = 2,
        options: dict | None = None,
    ) -> tuple[float, dict[str, float]]:
        """(min chi2, parameters) over every parameter not in ``fixed`` (L-BFGS-B, analytic gradient;
        a yield that stops on a line of the template grid is held there and the rest minimised again).

        ``extra`` sources (with their ``extra_parameters``) are added to the model for this call;
        ``starts`` = 2 also starts half way between the first start and the middle of the ranges.
        """
        fixed = dict(fixed or {})
        pars = {**self.parameters, **(extra_parameters or {})}
        self._check_sources(extra, pars)
        free = tuple(k for k in pars if k not in fixed)
        x0 = np.array([{**{k: p.nominal for k, p in pars.items()}, **(start or {})}[k] for k in free])
        bounds = [pars[k].bounds for k in free]
        f = self.objective(free, fixed, tuple(self.table(s) for s in extra), pars)
        lo, hi = np.array([b[0] for b in bounds]), np.array([b[1] for b in bounds])
        guesses = [x0, np.clip(x0 * 0.5 + 0.25, lo, hi)][:starts]
        # L-BFGS-B works in units of each parameter's prior width around its nominal value, y = (x - x_nom) /
        # sigma (width 1 without a prior): the rate multipliers (sigma 6-25 %) and the yields (sigma 1) then
        # have comparable curvatures, and the fit takes about a third of the steps it takes in x.
        nom = np.array([pars[k].nominal for k in free])
        width = np.array([pars[k].sigma or 1.0 for k in free])

        def to_x(y):
            return np.clip(nom + width * y, lo, hi)

        def f_y(y):
            value, grad = f(to_x(y))
            return value, grad * width

        y_bounds = list(zip((lo - nom) / width, (hi - nom) / width))
        best = None
        for guess in guesses:
            r = optimize.minimize(
                f_y, (guess - nom) / width, jac=True, method="L-BFGS-B", bounds=y_bounds, options=options
            )
            if best is None or r.fun < best.fun:
                best = r
        assert best is not None
        value, params = float(best.fun), {**fixed, **dict(zip(free, map(float, to_x(best.x))))}
        # The templates are bilinear in the yields within each cell of the yield grid, so the chi2 has a
        # kink on every grid line; a minimum on a line stalls the gradient method before the other
        # parameters reach theirs (the chi2 then sits up to ~0.03 high, by an amount that jumps from point
        # to point).  Yields that ended on a line are held there and the rest minimised again, each such
        # yield alone and, if both ended on lines, both together (a fit can stop on a corner of a cell when
        # only one of its lines holds the minimum); the lowest result is kept (all are points of the model:
        # the profile only gets closer).
        on_line: dict[str, float] = {}
        for y in ("tly", "tqy"):
            if y in free:
                k = int(np.argmin(np.abs(YIELD_GRID - params[y])))
                if 0 < k < len(YIELD_GRID) - 1 and abs(params[y] - YIELD_GRID[k]) < KINK_TOL:  # inner lines
                    on_line[y] = float(YIELD_GRID[k])
        held = [{y: on_line[y]} for y in on_line] + ([on_line] if len(on_line) > 1 else [])
        for hold in held:
            v, p = self.profile(
                {**fixed, **hold},
                params,
                extra=extra,
                extra_parameters=extra_parameters,
                starts=1,
                options=options,
            )
            if v < value:
                value, params = v, p
        return value, params

    def scan_edge(self, poi: str, level: float, lo: float, hi: float, ref: float, **fixed) -> float:
        """The value of ``poi`` in [lo, hi] where the profile chi2 rises ``level`` above ``ref``."""

        def g(v):
            return self.profile({**fixed, poi: v}, options=TIGHT)[0] - ref - level

        return float(optimize.brentq(g, lo, hi, xtol=1e-6 * max(abs(lo), abs(hi))))


#: How close (in the yields' units; the grid is spaced by 1) a fitted yield must lie to a line of the
#: yield grid to count as stopped on its kink (:meth:`TemplateLikelihood.profile`).
KINK_TOL = 1e-3

#: Minimiser settings of the 2024 fits (tight: the profile intervals are root-found on them).
TIGHT = {"ftol": 1e-12, "gtol": 1e-8}


def model_2024(wimp_mass: float | None = None, *, b8_prior: bool = False) -> TemplateLikelihood:
    """The collaboration's SR0+SR1 model of the 2024 release (:mod:`.release2024`), with its priors.

    Sources: AC per run, ER, radiogenic neutrons (yield grid), SM 8B CEvNS (yield grid; multipliers
    ``b8_rate_multiplier`` and ``signal_efficiency``) and, with ``wimp_mass``, an SI WIMP (at
    sigma_n = 1e-45 cm^2 x ``wimp_rate_multiplier``, times ``signal_efficiency``).  The 8B rate
    has its 3.81 % flux prior when it is a background (``b8_prior=True``, the WIMP search) and is
    free when it is measured.
    """
    runs = R24.RUNS_2024
    n_runs = len(runs)

    def per_run(arrays, only=None):
        return np.stack([a if (only is None or r == only) else np.zeros_like(a) for r, a in zip(runs, arrays)])

    yl = (float(YIELD_GRID[0]), float(YIELD_GRID[-1]))
    pars = {
        "tly": Parameter(0.0, R24.prior("t_ly"), yl),
        "tqy": Parameter(0.0, R24.prior("t_qy"), yl),
        "signal_efficiency": Parameter(1.0, R24.prior("signal_efficiency"), (0.05, 3.0)),
        "b8_rate_multiplier": Parameter(1.0, R24.prior("b8_rate_multiplier") if b8_prior else None, (0.0, 20.0)),
        "er_rate_multiplier": Parameter(1.0, R24.prior("er_rate_multiplier"), (0.0, 20.0)),
        "nr_rate_multiplier": Parameter(1.0, R24.prior("nr_rate_multiplier"), (0.0, 20.0)),
    }
    sources = []
    for r in runs:
        name = f"ac_{r}_rate_multiplier"
        pars[name] = Parameter(1.0, R24.prior(name), (0.2, 5.0))
        sources.append(Source(f"AC {r.upper()}", per_run([R24.background("ac", x) for x in runs], only=r), (name,)))
    sources += [
        Source("ER", per_run([R24.background("er", r) for r in runs]), ("er_rate_multiplier",)),
        Source("neutron", per_run([R24.template_grid("rg", r) for r in runs]), ("nr_rate_multiplier",)),
        Source("8B", per_run([R24.template_grid("b8", r) for r in runs]), ("b8_rate_multiplier", "signal_efficiency")),
    ]
    if wimp_mass is not None:
        pars["wimp_rate_multiplier"] = Parameter(0.0, None, (0.0, 1e6))
        grids = [R24.template_grid("wimp_si", r, wimp_mass) for r in runs]
        sources.append(Source("WIMP", per_run(grids), ("wimp_rate_multiplier", "signal_efficiency")))
    observed = np.stack([R24.observed_2024(r) for r in runs])
    livetime = np.array([R24.livetime(r) for r in runs])
    assert observed.shape[0] == n_runs
    return TemplateLikelihood(observed, livetime, tuple(sources), pars)


def measure_8B() -> dict:
    """The 8B measurement of arXiv:2408.02877 from the 2024 release: expected background, observed
    events, background-only rejection, and the 8B rate multiplier with its 1-sigma profile interval.

    Returns {"background", "observed", "significance", "multiplier": [best, low, high] (the edges of
    the 1-sigma profile interval, Delta chi^2 = 1), "flux_8B_1e6": the same in 1e6 cm^-2 s^-1 (at
    :data:`.release2024.FLUX_8B_NOMINAL` per unit multiplier)}.
    """
    L = model_2024()
    nominal = L.expected_by_source({})
    background = float(sum(v.sum() for k, v in nominal.items() if k != "8B"))
    best, p = L.profile(options=TIGHT)
    null, _ = L.profile({"b8_rate_multiplier": 0.0}, options=TIGHT)
    m = p["b8_rate_multiplier"]
    lo = L.scan_edge("b8_rate_multiplier", 1.0, 1e-6, m, best)
    hi = L.scan_edge("b8_rate_multiplier", 1.0, m, 20.0, best)
    flux = [v * R24.FLUX_8B_NOMINAL / 1e6 for v in (m, lo, hi)]
    return {
        "background": background,
        "expected_8B": float(nominal["8B"].sum()),
        "observed": int(L.observed.sum()),
        "significance": math.sqrt(max(null - best, 0.0)),
        "multiplier": [m, lo, hi],
        "flux_8B_1e6": flux,
        "fit": p,
    }


@validation.checks(mass="positive scalar", level="positive scalar")
def wimp_limit_2024(mass: float, level: float = DCHI2_90) -> float:
    """Upper limit (cm^2) on the SI WIMP-nucleon cross section at ``mass`` GeV from the official
    templates and priors of the 2024 release: the profile chi2 of ``wimp_rate_multiplier`` rises
    ``level`` above its minimum (asymptotic, no power constraint)."""
    R24.template_grid("wimp_si", "sr0", mass)  # a mass with official templates, else a clear error
    L = model_2024(mass, b8_prior=True)
    best, p = L.profile(options=TIGHT)
    mu_hat = p["wimp_rate_multiplier"]
    n_per_unit = L.expected_by_source({"wimp_rate_multiplier": 1.0})["WIMP"].sum()
    hi = max(mu_hat, 1.0) * 2 + 30.0 / n_per_unit
    while L.profile({"wimp_rate_multiplier": hi}, options=TIGHT)[0] - best < level:
        hi *= 3
    mu = L.scan_edge("wimp_rate_multiplier", level, mu_hat, hi, best)
    return mu * 1e-45
