"""Extended binned Poisson likelihood of the XENONnT solar-8B release (81 bins per science run).

Expected events in bin b of run r:

    mu_rb = X_r [a AC_rb + ER_rb + N_rb(tly, tqy) + s * S_rb(tly, tqy)],

with X_r the exposure (t y), S_rb the folded signal of :func:`.release.fold` and s a signal
scale (1 for a fixed model).  The statistic is the Poisson deviance plus Gaussian penalties,

    chi2 = 2 sum_rb [mu_rb - n_rb + n_rb ln(n_rb/mu_rb)] + ((a - 1)/sigma_AC)^2 + tly^2 + tqy^2,

profiled over the nuisances (a, tly, tqy) (and over s where it is free).

Nuisances and their sources (the release ships none, see its README):

* a, a common scale of the accidental-coincidence templates, Gaussian with sigma_AC = 5.3 %: the
  relative uncertainty of the total background expected in SR0+SR1, 26.4 (+1.4 -1.3) events
  (arXiv:2408.02877, abstract), assigned to AC, which is 95 % of that total in the templates;
* tly, tqy, the light- and charge-yield nuisances of the release's template grid, unit Gaussians
  (the grid is in standard deviations), common to all runs and to the neutron and signal templates;
* ER and radiogenic-neutron normalisations are held at their templates (2.5 % and 2.2 % of the
  SR0+SR1 background; no uncertainty is given in the release or the abstract).

These are ``priors="ours"``.  With ``priors="official"`` the nuisances are those of the
collaboration's own SR0+SR1 model (the 2024 release's configuration, :mod:`.release2024`): an AC
scale per run with 9.04 % (SR0) and 5.76 % (SR1), and for SR2 by the same rule, sigma = k /
sqrt(N_AC) with k = 0.245 the mean of sigma sqrt(N_AC) over SR0 and SR1 (0.247, 0.243: the AC
uncertainty is the statistical one of its sideband estimate); ER 100 %; radiogenic neutrons 58 %;
a signal efficiency common to all runs, 25 %; tly and tqy unit Gaussians as before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from zprime import validation
from zprime.experiments.xenonnt import release
from zprime.experiments.xenonnt.binned import Parameter, Source, TemplateLikelihood
from zprime.experiments.xenonnt.signal import cevns_rate, wimp_rate
from zprime.models import Mediator, VectorModel, as_model

#: Relative uncertainty of the AC normalisation (see the module docstring).
SIGMA_AC = 1.4 / 26.4


@dataclass
class XenonLikelihood:
    """The combined likelihood of ``runs`` (default SR0, SR1, SR2), with ``priors`` "ours" or "official"."""

    runs: tuple[str, ...] = release.RUNS
    sigma_ac: float = SIGMA_AC
    priors: str = "ours"
    _cache: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        runs = (self.runs,) if isinstance(self.runs, str) else tuple(self.runs)
        self.runs = tuple(validation.choice("runs", r, release.RUNS) for r in runs)
        if not self.runs or len(set(self.runs)) != len(self.runs):
            raise validation.InputError(f"runs must name distinct science runs from {release.RUNS}, got {runs}")
        validation.RULES["positive scalar"]("sigma_ac", self.sigma_ac)
        self.observed = np.array([release.observed(r) for r in self.runs])  # (R, 81)
        self.exposure = np.array([release.EXPOSURE_T_Y[r] for r in self.runs])[:, None]
        T = [release.templates(r) for r in self.runs]
        self._ac = np.array([t.ac for t in T])
        self._er = np.array([t.er for t in T])
        self._neutron = np.stack([t.neutron for t in T])  # (R, 7, 7, 81)
        self._mono = np.stack([t.mono for t in T], axis=1)  # (46, R, 7, 7, 81)
        self.priors = validation.choice("priors", self.priors, ("ours", "official"))
        if self.priors == "official":
            self._official_sigmas()

    def _official_sigmas(self) -> None:
        """The official widths (module doc): per-run AC (SR2 by the sideband rule), ER, neutrons, efficiency."""
        from zprime.experiments.xenonnt import release2024 as R24

        n_ac = (self._ac * self.exposure).sum(axis=1)
        known = {r: R24.prior(f"ac_{r}_rate_multiplier") for r in R24.RUNS_2024}
        ref = {r: release.templates(r).ac.sum() * release.EXPOSURE_T_Y[r] for r in known}
        k = float(np.mean([known[r] * np.sqrt(ref[r]) for r in known]))
        self.sigma_ac_runs = np.array([known[r] if r in known else k / np.sqrt(n) for r, n in zip(self.runs, n_ac)])
        self.sigma_er = R24.prior("er_rate_multiplier")
        self.sigma_nr = R24.prior("nr_rate_multiplier")
        self.sigma_eff = R24.prior("signal_efficiency")

    @property
    def name(self) -> str:
        tag = "" if self.priors == "ours" else ", official priors"
        return "XENONnT 8B (" + "+".join(r.upper() for r in self.runs) + tag + ")"

    # -- expectations --------------------------------------------------------------------
    @validation.checks(a="nonnegative scalar")
    def backgrounds(self, a: float = 1.0, tly: float = 0.0, tqy: float = 0.0) -> dict[str, np.ndarray]:
        """Expected background events per run and bin: {"AC", "ER", "neutron"}, each (R, 81)."""
        return {
            "AC": a * self._ac * self.exposure,
            "ER": self._er * self.exposure,
            "neutron": release.interpolate_yields(self._neutron, tly, tqy) * self.exposure,
        }

    def signal(self, W: ArrayLike, tly: float = 0.0, tqy: float = 0.0) -> np.ndarray:
        """Expected signal events (..., R, 81) for hat weights W (..., 46) of :func:`.release.hat_weights`."""
        W = release.checked_weights(W)
        eff = release.interpolate_yields(self._mono, tly, tqy)  # (46, R, 81)
        return np.einsum("...j,jrb->...rb", W, eff) * self.exposure

    def sm_weights(self) -> np.ndarray:
        """Hat weights of the SM solar CEvNS (8B + hep, B16-GS98 fluxes)."""
        if "sm" not in self._cache:
            self._cache["sm"] = release.hat_weights(cevns_rate())
        return self._cache["sm"]

    # -- statistic: one template model (:class:`.binned.TemplateLikelihood`) for both priors ----
    def _template_model(self) -> TemplateLikelihood:
        lo, hi = float(release.YIELD_GRID[0]), float(release.YIELD_GRID[-1])
        yields = Parameter(0.0, 1.0, (lo, hi))
        if self.priors == "ours":
            pars = {"a_AC": Parameter(1.0, self.sigma_ac, (0.2, 3.0)), "tly": yields, "tqy": yields}
            sources: tuple[Source, ...] = (
                Source("AC", self._ac, ("a_AC",)),
                Source("ER", self._er, ()),
                Source("neutron", self._neutron, ()),
            )
        else:
            pars = {f"a_AC_{r}": Parameter(1.0, float(s), (0.2, 3.0)) for r, s in zip(self.runs, self.sigma_ac_runs)}
            pars["er"] = Parameter(1.0, self.sigma_er, (0.0, 10.0))
            pars["nr"] = Parameter(1.0, self.sigma_nr, (0.0, 10.0))
            pars["efficiency"] = Parameter(1.0, self.sigma_eff, (0.05, 3.0))
            pars["tly"], pars["tqy"] = yields, yields
            one_run = np.eye(len(self.runs))[:, :, None]
            sources = tuple(Source(f"AC {r}", one_run[i] * self._ac, (f"a_AC_{r}",)) for i, r in enumerate(self.runs))
            sources += (Source("ER", self._er, ("er",)), Source("neutron", self._neutron, ("nr",)))
        return TemplateLikelihood(self.observed, self.exposure.ravel(), sources, pars)

    @property
    def model(self) -> TemplateLikelihood:
        """The template model of the backgrounds and nuisances (signals are added per call)."""
        if "model" not in self._cache:
            self._cache["model"] = self._template_model()
        return self._cache["model"]

    def _signal_source(self, W, multipliers=(), name="signal") -> Source:
        """The folded signal of hat weights W on the yield grid, (R, 7, 7, 81) events per t y."""
        base = () if self.priors == "ours" else ("efficiency",)
        return Source(name, np.einsum("j,jrtqb->rtqb", W, self._mono), base + tuple(multipliers))

    def _one_w(self, W) -> np.ndarray:
        W = validation.nonnegative("W", W)
        if W.shape != (len(release.MONO_ENERGIES),):
            raise validation.InputError(f"W must have {len(release.MONO_ENERGIES)} entries, got {W.shape}")
        return W

    def chi2_at(self, W: ArrayLike, parameters: dict[str, float]) -> float:
        """The chi2 at given nuisances (names of :meth:`profile`; missing ones nominal), unprofiled."""
        W = self._one_w(W)
        pars = {**self.model.parameters, "scale": _SCALE}
        unknown = set(parameters) - set(pars)
        if unknown:
            raise validation.InputError(f"unknown parameters {sorted(unknown)}; known: {tuple(pars)}")
        return self.model.value(parameters, extra=(self._signal_source(W, ("scale",)),), parameters=pars)

    def profile(self, W: ArrayLike, *, free_scale: bool = False) -> tuple[float, dict]:
        """min over the nuisances [and the signal scale s >= 0 if ``free_scale``] of chi2 for one W.

        Returns (chi2, parameters): "a_AC", "tly", "tqy" ("ours"), or "a_AC_<run>", "er", "nr",
        "efficiency", "tly", "tqy" ("official"), and "scale".
        """
        W = self._one_w(W)
        if free_scale:
            return self.model.profile(
                extra=(self._signal_source(W, ("scale",)),), extra_parameters={"scale": _SCALE}, starts=2
            )
        return self.model.profile(extra=(self._signal_source(W),), starts=1)

    def sm_fit(self) -> tuple[float, dict[str, float]]:
        """The profile of the SM solar CEvNS (:meth:`sm_weights`): (chi2, parameters), cached."""
        if "sm_fit" not in self._cache:
            self._cache["sm_fit"] = self.profile(self.sm_weights())
        return self._cache["sm_fit"]

    def chi2_upper(self, W: ArrayLike) -> np.ndarray:
        """chi2 of hat weights W (..., 46) at the nuisances of the SM fit (:meth:`sm_fit`); shape (...).

        Unprofiled, so an upper bound on :meth:`chi2` (the profile's minimum lies at or below any
        point), at the cost of one evaluation instead of a minimisation.
        """
        W = release.checked_weights(W)
        p = self.sm_fit()[1]
        eff = release.interpolate_yields(self._mono, p["tly"], p["tqy"])  # (46, R, 81) at the SM fit's yields
        S = np.einsum("...j,jrb->...rb", W, eff)
        return self.model.values_with_signals(p, S, () if self.priors == "ours" else ("efficiency",))

    def chi2_lower(self, W: ArrayLike) -> np.ndarray:
        """A lower bound on the profiled :meth:`chi2` of hat weights W (..., 46), without a fit; shape (...).

        Every term of the statistic is bounded from below on a partition of the nuisance space:

        * within one cell of the 7 x 7 yield grid each template is a convex combination of its four
          corners, so every expected count is at least the smallest corner value, and the yield
          priors at least their smallest value on the cell;
        * every rate multiplier is at least the lower end of its fit range (products of
          non-negative factors: at least the product of the lower ends); only the signal's own
          multiplier ("efficiency", official priors) is split into intervals, each with the lower
          end for the counts and the smallest prior value on the interval;
        * the Poisson term 2 [mu - n + n ln(n/mu)] is non-decreasing in mu above n, so a lower
          bound mu_lo on mu bounds it by its value at max(mu_lo, n); in the bins without events it
          is 2 mu, linear, so the sum over them is bounded by the smallest corner of the summed
          template (the same convex weights for every bin);
        * the other priors are at least 0.

        The bound is the smallest sum over all (cell, interval) pieces.  Far above a limit (signals
        many times the SM) it is close to the profile and decides the point without one; near a
        limit it is not, and the profile has to (see :meth:`.XenonNT8B.exceeds`).
        """
        W = release.checked_weights(W)
        parts = self._lower_parts()
        flat = W.reshape(-1, W.shape[-1])
        step = 512  # points per pass (memory: 512 x 36 cells x the bins with events)
        out = np.concatenate(
            [np.zeros(0)] + [self._lower_chunk(flat[i : i + step], parts) for i in range(0, len(flat), step)]
        )
        return out.reshape(W.shape[:-1])

    def _lower_parts(self) -> dict:
        """The W-independent pieces of :meth:`chi2_lower` (cached)."""
        if "lower" in self._cache:
            return self._cache["lower"]
        model = self.model
        pars = model.parameters
        n = self.observed.ravel()
        has = n > 0

        def prior_min(name, lo, hi):  # smallest ((x - x0)/sigma)^2 on [lo, hi] (arrays)
            p = pars[name]
            if not p.sigma:
                return np.zeros(np.shape(lo))
            d = np.where(lo > p.nominal, lo - p.nominal, np.where(hi < p.nominal, p.nominal - hi, 0.0))
            return (d / p.sigma) ** 2

        B = np.zeros((6, 6, n.size))  # lower bound of the background counts per yield cell
        for T, mult, on_grid in model._tables:
            lows = [pars[m].bounds[0] for m in mult]
            if min(lows, default=0.0) < 0:
                raise validation.InputError(f"a rate multiplier of {mult} may be negative: no lower bound")
            B += math.prod(lows) * (_corner_min(T.reshape(7, 7, -1)) if on_grid else T.ravel())
        grid = release.YIELD_GRID
        cell = prior_min("tly", grid[:-1], grid[1:])[:, None] + prior_min("tqy", grid[:-1], grid[1:])[None, :]
        mono = np.moveaxis(self._mono * self.exposure[None, :, None, None, :], 1, 3).reshape(
            len(release.MONO_ENERGIES), 7, 7, -1
        )  # (46, 7, 7, R*81) events per unit W
        if self.priors == "official":
            p = pars["efficiency"]
            lo, hi = p.bounds
            e = np.unique(np.concatenate([np.geomspace(lo, p.nominal, 10), np.geomspace(p.nominal, hi, 4)]))
            scale, pen = e[:-1], prior_min("efficiency", e[:-1], e[1:])
        else:
            scale, pen = np.ones(1), np.zeros(1)
        parts = {
            "M0": mono[..., ~has].sum(-1),  # (46, 7, 7): the signal summed over bins without events
            "Mn": mono[..., has],  # (46, 7, 7, K): bins with events
            "B0": B[..., ~has].sum(-1),  # (6, 6)
            "Bn": B[..., has],  # (6, 6, K)
            "n": n[has],
            "cell": cell,
            "scale": scale,
            "pen": pen,
        }
        self._cache["lower"] = parts
        return parts

    @staticmethod
    def _lower_chunk(W: np.ndarray, parts: dict) -> np.ndarray:
        Z = _corner_min(np.einsum("pj,jtq->tqp", W, parts["M0"]))  # (6, 6, P)
        S = _corner_min(np.einsum("pj,jtqk->tqpk", W, parts["Mn"]))  # (6, 6, P, K)
        Z, S = np.moveaxis(Z, -1, 0), np.moveaxis(S, 2, 0)  # (P, 6, 6), (P, 6, 6, K)
        n = parts["n"]
        best = np.full(len(W), np.inf)
        for s, pen in zip(parts["scale"], parts["pen"]):
            mu = np.maximum(s * S + parts["Bn"], n)
            D = 2 * np.sum(mu - n + n * np.log(n / mu), axis=-1) + 2 * (s * Z + parts["B0"]) + parts["cell"] + pen
            best = np.minimum(best, D.reshape(len(W), -1).min(axis=1))
        return best

    def chi2(self, W: ArrayLike) -> np.ndarray:
        """Profiled chi2 for hat weights W of shape (..., 46); shape (...)."""
        W = release.checked_weights(W)
        flat = W.reshape(-1, W.shape[-1])
        model = self.model
        out = [model.profile(extra=(self._signal_source(w),), starts=1)[0] for w in flat]
        return np.array(out).reshape(W.shape[:-1])

    def chi2_background_only(self) -> float:
        """Profiled chi2 without any signal."""
        return self.profile(np.zeros(len(release.MONO_ENERGIES)))[0]


def _corner_min(T: np.ndarray) -> np.ndarray:
    """(7, 7, ...) -> (6, 6, ...): the smallest of the four corners of each yield-grid cell."""
    return np.minimum(np.minimum(T[:-1, :-1], T[1:, :-1]), np.minimum(T[:-1, 1:], T[1:, 1:]))


#: A free signal scale (no prior), s in [0, 50].
_SCALE = Parameter(1.0, None, (0.0, 50.0))


# --- a model hook (light Z') and the WIMP-limit check ------------------------------------------
#: Relative uncertainty of the B16-GS98 8B flux (fluxes_b16.dat, arXiv:1611.09867), used when the
#: solar CEvNS is a background (the WIMP search).
SIGMA_8B = 0.12
#: Delta chi2 of the upper edge of a two-sided 90 % C.L. interval for one parameter (chi2_1
#: quantile 0.90).  XENON builds two-sided (Feldman-Cousins-type) intervals; asymptotically their
#: upper edge is where the profile rises by 2.706.
DCHI2_90_TWO_SIDED = 2.706


def vector_weights(model: VectorModel, g: ArrayLike, M: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
    """Hat weights (n_points, 46) of solar CEvNS with a vector mediator of ``model`` at (g, M) (GeV).

    The same weak-charge hook as the COHERENT likelihoods (:func:`zprime.observables.cevns.vector_hook`);
    g and M broadcast to one axis of parameter points.  :func:`model_weights` for a vector model.
    """
    return model_weights(as_model(model), g, M, loop_mixing=loop_mixing)


def model_weights(model: Mediator, g: ArrayLike, M: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
    """Hat weights (n_points, 46) of solar CEvNS with any mediator at (g, M) (GeV).

    :func:`vector_weights` for a vector boson (its axial couplings enter as in
    :func:`zprime.observables.cevns.model_hook`), the scalar charge for a scalar.
    """
    from zprime.observables.cevns import model_hook

    g, M = np.broadcast_arrays(validation.nonnegative("coupling g", g), validation.positive("mass M", M, "GeV"))
    g, M = g.ravel(), M.ravel()
    return release.hat_weights(cevns_rate(model_hook(model, g, M, loop_mixing=loop_mixing)))


def wimp_upper_limit(L: XenonLikelihood, m_chi: float, *, level: float = DCHI2_90_TWO_SIDED, n_grid: int = 71) -> float:
    """90 % C.L. upper limit on the SI WIMP-nucleon cross section (cm^2) at mass m_chi (GeV).

    Profile over the nuisances and the 8B scale (Gaussian, :data:`SIGMA_8B`); the limit is where
    chi2(sigma) - min chi2 first exceeds ``level`` above the best fit (scan on a log grid around
    3 signal events, then linear interpolation).
    """
    m_chi = validation.RULES["positive scalar"]("m_chi", m_chi)
    ref = 1e-45
    Wx = release.hat_weights(wimp_rate(m_chi, ref))
    W8 = L.sm_weights()
    n_ref = L.signal(Wx).sum()
    if n_ref <= 0:
        raise validation.InputError(f"m_chi = {m_chi} GeV gives no recoils above 0.5 keV")
    sources = (L._signal_source(W8, ("b8",), "8B"), L._signal_source(Wx, ("wimp",), "WIMP"))
    extra_parameters = {"b8": Parameter(1.0, SIGMA_8B, (0.2, 3.0)), "wimp": Parameter(0.0, None, (0.0, np.inf))}

    def chi2(s):
        return L.model.profile({"wimp": s}, extra=sources, extra_parameters=extra_parameters, starts=1)[0]

    s = np.concatenate([[0.0], 3.0 / n_ref * np.geomspace(1e-3, 1e2, n_grid - 1)])
    c = np.array([chi2(v) for v in s])
    i_best = int(np.argmin(c))
    q = c - c[i_best]
    above = np.nonzero((np.arange(s.size) > i_best) & (q > level))[0]
    if above.size == 0:
        raise RuntimeError(f"no {level} crossing up to {s[-1] * ref:.2g} cm^2 at m_chi = {m_chi} GeV")
    k = above[0]
    return float(np.interp(level, q[k - 1 : k + 1], s[k - 1 : k + 1]) * ref)
