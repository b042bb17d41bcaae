"""The binned likelihoods: Poissonian chi^2 (eq. (2.6)) and Gaussian chi^2 with shape nuisances
(eqs. (2.7)-(2.9) of arXiv:2202.11002), profiled over the nuisances for many points at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
from numpy.typing import ArrayLike
from scipy import special

from zprime import validation
from zprime.experiments.coherent.detectors import Detector
from zprime.models import Mediator, VectorModel, as_mediator, as_model, universal_scalar
from zprime.observables.cevns import COMPONENTS, model_hook
from zprime.types import Real
from zprime.validation import InputError

# --- the likelihoods ---------------------------------------------------------------------


#: Default grid of CEvNS scale factors of :meth:`Likelihood.fit_normalisation`.
_SCALE_GRID = np.linspace(0.0, 3.0, 3001)


@dataclass(eq=False)
class Likelihood:
    """A binned COHERENT likelihood: data, backgrounds, CEvNS response and the chi2.

    Counts have shape (..., n_E, n_t); the chi2 profiles the nuisance parameters of the
    paper for every point at once.
    """

    detector: Detector
    energy_edges: np.ndarray  # PE (CsI) or keVee (Ar)
    time_edges: np.ndarray  # us
    observed: np.ndarray  # (n_E, n_t)
    backgrounds: dict  # name -> (n_E, n_t)
    sigmas: dict  # nuisance name -> sigma (CEvNS first)
    time: dict  # 'prompt' / 'delayed' -> (n_t,)
    nodes: dict  # isotope -> Nodes
    kernels: dict  # isotope -> component -> (K_V, K_S), each (n_nodes, n_E)
    energy_label: str = ""
    meta: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.detector.name

    @property
    def shape(self) -> tuple[int, int]:
        return self.observed.shape

    # -- predictions ---------------------------------------------------------------------
    def predict(self, hook: Callable | None = None, *, by_component: bool = False) -> np.ndarray | dict:
        """CEvNS counts (n_points, n_E, n_t) for a hook (None: the SM, n_points = 1).

        With ``by_component`` a dict {nu_mu, nu_mubar, nu_e} of the same arrays.
        """
        spectra: dict[str, np.ndarray] = {}
        for iso, nodes in self.nodes.items():
            for flavour in ("e", "mu"):
                dQ, QS = (None, None) if hook is None else hook(nodes, flavour)
                QV = nodes.weak_charge_sm(flavour)
                QV2 = (QV if dQ is None else QV + dQ) ** 2
                QV2 = np.atleast_2d(QV2)
                for comp, (fl, _) in COMPONENTS.items():
                    if fl != flavour:
                        continue
                    K_V, K_S = self.kernels[iso][comp]
                    s = QV2 @ K_V
                    if QS is not None:
                        s = s + np.atleast_2d(QS**2) @ K_S
                    spectra[comp] = spectra.get(comp, 0) + s
        n = max(np.shape(s)[0] for s in spectra.values())
        counts = {
            comp: np.broadcast_to(s, (n, s.shape[-1]))[:, :, None] * self.time[COMPONENTS[comp][1]]
            for comp, s in spectra.items()
        }
        if by_component:
            return counts
        return counts["nu_mu"] + counts["nu_mubar"] + counts["nu_e"]

    @cached_property
    def sm(self) -> np.ndarray:
        """SM CEvNS counts (n_E, n_t)."""
        return self.predict()[0]

    def _grid(self, make_hook, g, M, chunk, progress):
        chunk = validation.count("chunk", chunk)
        g, M = np.broadcast_arrays(validation.finite("coupling g", g), validation.positive("mass M", M, "GeV"))
        shape = g.shape
        g, M = g.ravel(), M.ravel()
        out = np.empty((g.size,) + self.shape)
        starts = range(0, g.size, chunk)
        if progress and g.size > chunk:
            from tqdm.auto import tqdm

            starts = tqdm(starts, desc=f"{self.name} counts", unit="chunk")
        for i in starts:
            out[i : i + chunk] = self.predict(make_hook(g[i : i + chunk], M[i : i + chunk]))
        return out.reshape(shape + self.shape)

    def predict_vector(
        self,
        model: VectorModel,
        g: Real,
        M: Real,
        *,
        loop_mixing: bool = False,
        mu: float | None = None,
        chunk: int = 2048,
        progress: bool = False,
    ) -> np.ndarray:
        """CEvNS counts per (energy, time) bin for a vector mediator, eq. (2.4) of arXiv:2202.11002.

        Parameters
        ----------
        model : VectorModel
        g : float or ndarray
            Gauge couplings (>= 0).
        M : float or ndarray
            Boson masses in GeV; broadcasts with ``g`` to ``shape``.
        loop_mixing : bool
            Add the one-loop kinetic mixing (see :func:`zprime.observables.cevns.vector_hook`).
        mu : float, optional
            Scale (GeV) of a divergent loop mixing.
        chunk : int
            Parameter points evaluated at once (memory).
        progress : bool
            A tqdm bar over the chunks.

        Returns
        -------
        ndarray, shape ``(*shape, n_E, n_t)``
            Expected CEvNS events; g = 0 gives the SM prediction ``self.sm``.

        Examples
        --------
        >>> from zprime import models
        >>> from zprime.experiments import coherent
        >>> L = coherent.likelihood("CsI")
        >>> N = L.predict_vector(models.get_model("B-L"), [0.0, 1e-4], 0.01)   # SM, and g = 1e-4 at 10 MeV
        >>> N.shape, [f"{n:.1f}" for n in N.sum(axis=(1, 2))]
        ((2, 9, 11), ['315.8', '953.8'])
        """
        return self.predict_model(as_model(model), g, M, loop_mixing=loop_mixing, mu=mu, chunk=chunk, progress=progress)

    def predict_model(
        self,
        model: Mediator,
        g: ArrayLike,
        M: ArrayLike,
        *,
        loop_mixing: bool = False,
        mu: float | None = None,
        chunk: int = 2048,
        progress: bool = False,
    ) -> np.ndarray:
        """CEvNS counts for any mediator (:func:`zprime.observables.cevns.model_hook`); see :meth:`predict_vector`."""
        model = as_mediator(model)
        return self._grid(
            lambda gg, MM: model_hook(model, gg, MM, loop_mixing=loop_mixing, mu=mu), g, M, chunk, progress
        )

    def predict_scalar(self, g: ArrayLike, M: ArrayLike, *, chunk: int = 2048, progress: bool = False) -> np.ndarray:
        """CEvNS counts with the universal scalar mediator of eqs. (3.23)-(3.33) (the library's "scalar" model)."""
        return self.predict_model(universal_scalar(), g, M, chunk=chunk, progress=progress)

    # -- chi2 ---------------------------------------------------------------------------
    def _as_points(self, N):
        N = validation.finite("CEvNS counts", N)
        if N.shape[-2:] != self.shape:
            raise InputError(f"CEvNS counts must end with the {self.name} bin shape {self.shape}, got {N.shape}")
        if not np.all(np.isfinite(N)) or np.any(N < 0):
            raise InputError("CEvNS counts must be finite and non-negative")
        return N.reshape((-1,) + self.shape), N.shape[:-2]

    def _one_point(self, N_cevns, nuisances):
        """(counts, nuisances) of one point for chi2_at, with their shapes checked."""
        N = validation.nonnegative("N_cevns (CEvNS counts)", N_cevns)
        if N.shape != self.shape:
            raise InputError(f"N_cevns must have the {self.name} bin shape {self.shape}, got {N.shape}")
        eta = validation.finite("nuisances", nuisances)
        n = len(self.nuisance_names())
        if eta.shape != (n,):
            raise InputError(f"nuisances must be {n} values {self.nuisance_names()}, got shape {eta.shape}")
        return N, eta

    def chi2(
        self, N_cevns: ArrayLike, *, sigmas: dict | None = None, return_nuisances: bool = False
    ) -> np.ndarray | tuple:
        """The chi^2 of the data given CEvNS counts, profiled over the nuisances.

        Parameters
        ----------
        N_cevns : array_like, shape (..., n_E, n_t)
            Expected CEvNS events per bin (e.g. from :meth:`predict_vector`).
        sigmas : dict, optional
            Nuisance widths to override, by name (np.inf: free, 0: fixed at zero).
        return_nuisances : bool
            Also return the profiled nuisances.

        Returns
        -------
        ndarray, shape (...)
            chi^2 at each point; with ``return_nuisances`` a tuple (chi2, nuisances).

        Examples
        --------
        >>> from zprime import models
        >>> from zprime.experiments import coherent
        >>> L = coherent.likelihood("CsI")
        >>> chi2 = L.chi2(L.predict_vector(models.get_model("B-L"), [0.0, 1e-4], 0.01))
        >>> [f"{c:.2f}" for c in chi2]   # the SM, and Delta chi^2 = 35.9 at g = 1e-4
        ['104.21', '140.10']
        """
        raise NotImplementedError

    def nuisance_names(self) -> tuple[str, ...]:
        raise NotImplementedError

    def chi2_at(self, N_cevns: ArrayLike, nuisances: ArrayLike, *, sigmas: dict | None = None) -> float:
        """The chi2 of the paper at given nuisance values (one point), unprofiled."""
        raise NotImplementedError

    def profile_minuit(self, N_cevns: ArrayLike, *, sigmas: dict | None = None) -> tuple:
        """Per-point reference profile with iminuit (Minuit 2, errordef 1 for a chi2).

        Returns (chi2_min, nuisance values); slow, for checks only.
        """
        from iminuit import Minuit

        sig = self._sigmas(sigmas)
        names = self.nuisance_names()
        N = np.asarray(N_cevns, dtype=float)

        def f(x):
            return self.chi2_at(N, x, sigmas=sigmas)

        # Start the CEvNS rate nuisance where the total CEvNS count matches the data excess,
        # so that far-away points (1e10 events) start at a finite chi2.
        start = np.zeros(len(names))
        scale = float(_cevns_start(self.observed.sum(), sum(b.sum() for b in self.backgrounds.values()), N.sum()))
        if sig[0] != 0:
            start[0] = scale - 1
        m = Minuit(f, start, name=names)
        m.errors = [0.1 * scale] + [0.1] * (len(names) - 1)
        m.errordef = Minuit.LEAST_SQUARES
        for k, s in enumerate(sig):
            if s == 0:
                m.fixed[k] = True
        m.strategy = 2
        m.tol = 1e-8
        m.migrad()
        if not m.valid:
            raise RuntimeError(f"iminuit profile did not converge: {m.fmin}")
        return m.fval, np.array(m.values)

    def _sigmas(self, override):
        sig = dict(self.sigmas)
        for k, v in (override or {}).items():
            if k not in sig:
                raise InputError(f"unknown nuisance {k!r}; known: {tuple(sig)}")
            if not (v >= 0):
                raise InputError(f"nuisance width {k} must be >= 0 (inf: free), got {v}")
            sig[k] = float(v)
        return np.array(list(sig.values()))

    # -- summaries ----------------------------------------------------------------------
    def p_value(self, chi2_min: float) -> float:
        """p-value of a chi2 minimum with one degree of freedom per bin."""
        chi2_min = validation.RULES["nonnegative scalar"]("chi2_min", chi2_min)
        return float(special.chdtrc(self.observed.size, chi2_min))  # the chi^2 survival function

    def fit_normalisation(self, grid: ArrayLike | None = None) -> tuple:
        """Fit a free scale s of the SM CEvNS counts (CEvNS nuisance fixed, others profiled).

        Returns (s_best, s_lo, s_hi, chi2_min) with the 1-sigma interval from Delta chi2 = 1.
        """
        grid = _SCALE_GRID if grid is None else np.asarray(grid, dtype=float)
        chi = self.chi2(grid[:, None, None] * self.sm, sigmas={self.nuisance_names()[0]: 0.0})
        k = int(np.argmin(chi))
        inside = grid[chi <= chi[k] + 1]
        if k in (0, len(grid) - 1):
            raise RuntimeError("normalisation fit at the edge of its grid; widen it")
        return grid[k], inside.min(), inside.max(), float(chi[k])


def _inverse_variances(sig):
    """1/sigma^2 per nuisance (0 for free, sigma = inf, and for fixed, sigma = 0) and the fixed mask."""
    fixed = sig == 0
    return np.where(fixed | ~np.isfinite(sig), 0.0, 1.0 / np.where(fixed, 1.0, sig) ** 2), fixed


def _fix(A, b, fixed):
    """Freeze the ``fixed`` parameters of the batched linear systems A x = b at a zero step."""
    b[:, fixed] = 0.0
    A[:, fixed, :] = 0.0
    A[:, :, fixed] = 0.0
    A[:, fixed, fixed] = 1.0


def _safe_log_ratio(n, lam, n_safe=None):
    """n ln(n/lam) per bin, for the Poisson deviance 2 sum[lam - n + n ln(n/lam)]: 0 (or -0.0, the same in
    that sum) in a bin without events.  ``n_safe`` is n with its zeros replaced by 1 (a loop passes it once)."""
    if n_safe is None:
        n_safe = np.where(n > 0, n, 1.0)
    return n * np.log(n_safe / lam)


@dataclass(eq=False)
class PoissonLikelihood(Likelihood):
    """Eq. (2.6): Poissonian chi2 with normalisation nuisances for CEvNS and each background."""

    def nuisance_names(self) -> tuple:
        return tuple(self.sigmas)

    def _templates(self):
        return np.stack([b.ravel() for b in self.backgrounds.values()])

    def time_integrated(self) -> PoissonLikelihood:
        """The same likelihood with its time bins summed into one: energy information only.

        Sums of Poisson counts are Poisson, so data, backgrounds and the arrival-time
        fractions of each flavour group are summed; the nuisances are unchanged.  Comparing
        Delta chi^2 with and without time shows how much of a bound comes from the flavour
        composition (prompt nu_mu against delayed nu_e, nu_mubar).
        """
        return replace(
            self,
            observed=self.observed.sum(axis=1, keepdims=True),
            backgrounds={k: v.sum(axis=1, keepdims=True) for k, v in self.backgrounds.items()},
            time={k: np.atleast_1d(v.sum()) for k, v in self.time.items()},
            time_edges=self.time_edges[[0, -1]],
            meta={**self.meta, "time_integrated": True},
        )

    def chi2_at(self, N_cevns: ArrayLike, nuisances: ArrayLike, *, sigmas: dict | None = None) -> float:
        N, eta = self._one_point(N_cevns, nuisances)
        sig = self._sigmas(sigmas)
        T = np.vstack([N.ravel()[None, :], self._templates()])
        lam = (1 + eta) @ T
        n = self.observed.ravel()
        if np.any(lam <= 0):
            return np.inf
        pen = eta**2 * _inverse_variances(sig)[0]
        return float(2 * np.sum(lam - n + _safe_log_ratio(n, lam)) + np.sum(pen))

    def chi2(
        self,
        N_cevns: ArrayLike,
        *,
        sigmas: dict | None = None,
        return_nuisances: bool = False,
        tol: ArrayLike = 1e-11,
        max_iter: int = 100,
    ) -> np.ndarray | tuple:
        validation.RULES["positive scalar"]("tol", tol)
        max_iter = validation.count("max_iter", max_iter)
        N, shape = self._as_points(N_cevns)
        sig = self._sigmas(sigmas)
        inv_var, fixed = _inverse_variances(sig)
        n = self.observed.ravel()
        B = self._templates()  # (n_bkg, n_bins)
        S = N.reshape(len(N), -1)  # (p, n_bins)
        eta = np.zeros((len(N), 1 + len(B)))
        val = np.empty(len(N))
        for i in range(0, len(N), 4096):
            sl = slice(i, i + 4096)
            val[sl], eta[sl] = _newton_poisson(n, S[sl], B, inv_var, fixed, tol, max_iter)
        val = val.reshape(shape)
        return (val, eta.reshape(shape + (eta.shape[1],))) if return_nuisances else val


def _cevns_start(n_total, background_total, cevns_total):
    """Starting CEvNS factor 1 + eta: the data excess over the CEvNS total, at most 1."""
    excess = max(n_total - background_total, 1.0)
    return np.clip(excess / np.maximum(cevns_total, 1e-300), 1e-300, 1.0)


def _poisson_objective(n, S, B, a, inv_var, n_safe=None):
    """2 sum[lam - n + n ln(n/lam)] + sum (a - 1)^2/sigma^2 per point, lam = a_0 S + sum_b a_b B_b;
    inf where some lam <= 0.  a = 1 + eta are the normalisation factors; ``n_safe`` as for
    :func:`_safe_log_ratio`."""
    lam = a[:, :1] * S + a[:, 1:] @ B
    ok = np.all(lam > 0, axis=1)
    if not ok.all():
        lam = np.where(lam > 0, lam, 1.0)
    val = 2 * np.sum(lam - n + _safe_log_ratio(n, lam, n_safe), axis=1) + (a - 1) ** 2 @ inv_var
    return np.where(ok, val, np.inf), lam


def _newton_poisson(n, S, B, inv_var, fixed, tol, max_iter):
    """Profile eq. (2.6) over the normalisation nuisances by Newton steps with backtracking.

    Works with the factors a = 1 + eta, so that a CEvNS prediction many orders of magnitude
    above the data (a_0 -> 0) stays representable; a_0 starts where the CEvNS total matches
    the data excess.  The objective is convex in a, so Newton converges; a point drops out
    once its Newton decrement (the predicted chi2 gain) is below ``tol``.
    """
    p, k = len(S), 1 + len(B)
    a = np.ones((p, k))
    if not fixed[0]:
        a[:, 0] = _cevns_start(n.sum(), B.sum(), S.sum(axis=1))
    n_safe = np.where(n > 0, n, 1.0)
    val, lam = _poisson_objective(n, S, B, a, inv_var, n_safe)
    BB = (B[:, None, :] * B[None, :, :]).reshape(-1, B.shape[1]).T  # (i, nb*nb)
    active = np.arange(p)
    for _ in range(max_iter):
        if active.size == p:  # every point still active: the arrays themselves, no gathered copies
            Sa, la, aa = S, lam, a
        else:
            Sa, la, aa = S[active], lam[active], a[active]
        q = n / la
        r = 1 - q
        u = q / la
        Su = Sa * u
        grad = np.empty((len(active), k))
        grad[:, 0] = np.sum(Sa * r, axis=1)
        grad[:, 1:] = r @ B.T
        H = np.empty((len(active), k, k))
        H[:, 0, 0] = np.sum(Sa * Su, axis=1)
        H[:, 0, 1:] = Su @ B.T
        H[:, 1:, 0] = H[:, 0, 1:]
        H[:, 1:, 1:] = (u @ BB).reshape(-1, k - 1, k - 1)
        grad = 2 * grad + 2 * (aa - 1) * inv_var
        H = 2 * H + 2 * np.diag(inv_var)
        _fix(H, grad, fixed)
        step = np.linalg.solve(H, -grad[..., None])[..., 0]
        decrement = -np.einsum("pk,pk->p", grad, step)
        t = np.ones(len(active))
        for _ in range(80):  # backtracking line search
            new_val, new_lam = _poisson_objective(n, Sa, B, aa + t[:, None] * step, inv_var, n_safe)
            worse = ~(new_val <= val[active] + 1e-12 * np.abs(val[active]))
            if not worse.any():
                break
            t = np.where(worse, t / 2, t)
        a[active] = np.where(worse[:, None], aa, aa + t[:, None] * step)
        val[active] = np.where(worse, val[active], new_val)
        lam[active] = np.where(worse[:, None], la, new_lam)
        done = (decrement < tol) | worse
        active = active[~done]
        if active.size == 0:
            return val, a - 1
    raise RuntimeError(f"nuisance profiling did not converge for {active.size} points")


@dataclass(eq=False)
class GaussianLikelihood(Likelihood):
    """Eqs. (2.7)-(2.9): Gaussian chi2 with rate nuisances eta_z and shape nuisances eps_zl.

    ``shapes`` maps a shape nuisance to (component, relative shift (n_E, n_t)); component
    'CEvNS' multiplies the model prediction.  The prediction is linear in all nuisances, so
    the profile is one linear solve per point.
    """

    shapes: dict = field(default_factory=dict)
    variance: np.ndarray | None = None  # sigma_ij^2, eq. (2.8)

    def nuisance_names(self) -> tuple:
        return tuple(self.sigmas) + tuple(self.shapes)

    def _sigmas(self, override):
        sig = super()._sigmas({k: v for k, v in (override or {}).items() if k in self.sigmas})
        shape_sig = dict.fromkeys(self.shapes, 1.0)
        for k, v in (override or {}).items():
            if k in shape_sig:
                shape_sig[k] = float(v)
            elif k not in self.sigmas:
                raise InputError(f"unknown nuisance {k!r}; known: {self.nuisance_names()}")
        return np.concatenate([sig, list(shape_sig.values())])

    def _base(self, Nf: np.ndarray) -> np.ndarray:
        """The prediction at zero nuisances, (p, i), for CEvNS counts ``Nf`` (p, i): CEvNS plus every background."""
        base = Nf
        for v in self.backgrounds.values():
            base = base + v.ravel()
        return base

    def _design(self, N):
        """Base prediction (p, i) and the derivative of the prediction per nuisance (p, a, i), from :meth:`_rows`."""
        Nf = N.reshape(len(N), -1)
        cev, V = self._rows()
        return self._base(Nf), np.where(cev[None, :, None], Nf[:, None, :] * V[None], V[None])

    def chi2_at(self, N_cevns: ArrayLike, nuisances: ArrayLike, *, sigmas: dict | None = None) -> float:
        assert self.observed is not None and self.variance is not None  # set by every constructor
        N, theta = self._one_point(N_cevns, nuisances)
        sig = self._sigmas(sigmas)
        base, D = self._design(N[None])
        pred = base[0] + theta @ D[0]
        pen = theta**2 * _inverse_variances(sig)[0]
        return float(np.sum((self.observed.ravel() - pred) ** 2 / self.variance.ravel()) + np.sum(pen))

    def _rows(self) -> tuple[np.ndarray, np.ndarray]:
        """The derivative of the prediction per nuisance split into a factor common to all points and the
        CEvNS counts N: the design row a is ``N * V[a]`` where ``cevns[a]``, else ``V[a]`` (rate nuisances in
        the order of ``sigmas``, then the shape nuisances).  Returns (cevns (n_a,) bool, V (n_a, n_bins))."""
        ones = np.ones(self.observed.size)
        comps = {"CEvNS": ones, **{k: v.ravel() for k, v in self.backgrounds.items()}}
        names = list(self.sigmas) + [z for z, _ in self.shapes.values()]
        V = [comps[k] for k in self.sigmas] + [comps[z] * d.ravel() for z, d in self.shapes.values()]
        return np.array([n == "CEvNS" for n in names]), np.array(V)

    def chi2(
        self, N_cevns: ArrayLike, *, sigmas: dict | None = None, return_nuisances: bool = False
    ) -> np.ndarray | tuple:
        assert self.observed is not None and self.variance is not None  # set by every constructor
        N, shape = self._as_points(N_cevns)
        sig = self._sigmas(sigmas)
        inv_var, fixed = _inverse_variances(sig)
        w = 1.0 / self.variance.ravel()
        Nf = N.reshape(len(N), -1)  # (p, i)
        r = self.observed.ravel() - self._base(Nf)  # (p, i)
        # eq. (2.7) is quadratic in the nuisances with design rows D_a = N V_a (CEvNS) or V_a (backgrounds): the
        # normal equations A theta = b, A_ab = sum_i D_ai w_i D_bi, are assembled from matrix products over the
        # bins by the powers of N they carry (0, 1, 2) instead of from the (p, a, i) design itself
        cev, V = self._rows()
        n_a = len(V)
        WVV = w * V[:, None, :] * V[None, :, :]  # (a, b, i)
        power = cev[:, None].astype(int) + cev[None, :].astype(int)  # (a, b): how many of D_a, D_b carry N
        A = np.zeros((len(Nf), n_a, n_a))
        for k, Nk in ((1, Nf), (2, Nf**2)):
            if (power == k).any():
                A += (Nk @ np.where((power == k)[..., None], WVV, 0.0).reshape(n_a * n_a, -1).T).reshape(-1, n_a, n_a)
        A += np.where((power == 0)[..., None], WVV, 0.0).sum(axis=-1) + np.diag(inv_var)
        rw = r * w
        b = np.where(cev, (Nf * rw) @ V.T, rw @ V.T)
        _fix(A, b, fixed)
        theta = np.linalg.solve(A, b[..., None])[..., 0]
        # evaluate the chi2 at the solution directly (r^T W r - b.theta cancels badly)
        resid = r - Nf * (theta[:, cev] @ V[cev]) - theta[:, ~cev] @ V[~cev]
        val = resid**2 @ w + theta**2 @ inv_var
        val = val.reshape(shape)
        return (val, theta.reshape(shape + (len(sig),))) if return_nuisances else val
