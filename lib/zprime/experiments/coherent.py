"""COHERENT CsI[Na] 2021 and CENNS-10 (Ar) 2020: detector response, binned CEvNS counts, chi2.

Implements section 2 of Atzori Corona et al., arXiv:2202.11002: the binned prediction of
eq. (2.4) distributed in time with the pion and muon decay laws, the Poissonian chi2 of
eq. (2.6) for CsI and the Gaussian chi2 of eqs. (2.7)-(2.9) for Ar.  The inputs are the
public data releases (arXiv:2110.07730 ancillary files for CsI, arXiv:2006.12659 /
Zenodo 3903810 for Ar), read through :mod:`zprime.data`.

Everything that does not depend on the model is computed once, when a likelihood is built:
the recoil-energy nodes, the flux-folded kinematic kernels, the detector response into the
analysis bins and the timing fractions.  A model enters only through its weak charges at the
nodes (a *hook*, see :class:`zprime.observables.cevns.Nodes`), so that the counts of many parameter
points are a few matrix products and the nuisance profiling is vectorised over points.

Units: GeV = 1 inside the library; energies in the data files are in keVee / PE and times
in microseconds, converted where read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

import numpy as np
from scipy import optimize, special, stats

from zprime import constants as c
from zprime import data
from zprime.observables.cevns import (COMPONENTS, NUCLEI, SNS_EXPOSURE, E_MAX, E_NU_MU_PROMPT, Nodes,
                                      flux_kernels, flux_normalisation, nucleus, q_of_T, scalar_hook,
                                      vector_hook)
from zprime.models import VectorModel
from zprime.units import MeV, keV, m as metre, us

KG_PER_G = 1e-3

# --- timing -------------------------------------------------------------------------------


def _exgauss_cdf(t, mu, sigma, rate):
    """CDF of a Gaussian(mu, sigma) convolved with an exponential of the given rate."""
    z = (t - mu) / sigma
    tail = np.exp(-rate * (t - mu) + 0.5 * (rate * sigma) ** 2 + special.log_ndtr(z - rate * sigma))
    return special.ndtr(z) - tail


def arrival_cdf(t, t0, sigma, kind: str):
    """Fraction of pi-DAR neutrinos arriving before t (all times in microseconds).

    The proton pulse is a Gaussian (mean t0, width sigma).  Prompt nu_mu follow after one
    pion decay (tau_pi); delayed nu_e and anti-nu_mu after a pion and a muon decay, whose
    sum of exponentials has the CDF b/(b-a) F_a - a/(b-a) F_b (a = 1/tau_pi, b = 1/tau_mu).
    """
    a, b = us / c.tau_pi, us / c.tau_mu
    t = np.asarray(t, dtype=float)
    if kind == "prompt":
        return _exgauss_cdf(t, t0, sigma, a)
    if kind == "delayed":
        return b / (b - a) * _exgauss_cdf(t, t0, sigma, a) - a / (b - a) * _exgauss_cdf(t, t0, sigma, b)
    raise ValueError(f"unknown timing {kind!r}; use 'prompt' or 'delayed'")


def time_fractions(edges, t0, sigma, kind: str, efficiency=None, step=1e-3):
    """Fractions of prompt or delayed arrivals in the time bins ``edges`` (us).

    With ``efficiency`` (a function of t in us) each bin holds int pdf(t) eff(t) dt,
    integrated on a ``step``-us grid.
    """
    edges = np.asarray(edges, dtype=float)
    if efficiency is None:
        return np.diff(arrival_cdf(edges, t0, sigma, kind))
    fine = np.unique(np.concatenate([np.arange(edges[0], edges[-1], step), edges]))
    mid = 0.5 * (fine[1:] + fine[:-1])
    return _sum_into_bins(mid, np.diff(arrival_cdf(fine, t0, sigma, kind)) * efficiency(mid), edges)


def _sum_into_bins(x, weights, edges):
    """Sum the columns of ``weights`` (..., len(x)) into the bins ``edges`` by the position x."""
    idx = np.searchsorted(edges, x, side="right") - 1
    return np.stack([weights[..., idx == k].sum(axis=-1) for k in range(len(edges) - 1)], axis=-1)


def _rebin(centres, weights, width, edges):
    """Rebin a histogram of equal-width bins into ``edges``, sharing bins by overlap."""
    lo, hi = centres - width / 2, centres + width / 2
    out = np.empty(len(edges) - 1)
    for k in range(len(out)):
        overlap = np.clip(np.minimum(hi, edges[k + 1]) - np.maximum(lo, edges[k]), 0, None)
        out[k] = np.sum(weights * overlap / width)
    return out


# --- recoil-energy nodes ------------------------------------------------------------------


def recoil_nodes(nuc, n_per_piece: int = 12, order: int = 8):
    """Gauss-Legendre nodes and weights in the true recoil energy T' (GeV).

    [0, T'_max] is split at the end point of the prompt line 2 E_numu^2/M, where the
    integrand has a kink (a jump for a scalar mediator); each side gets ``n_per_piece``
    panels of ``order`` points.
    """
    x, w = np.polynomial.legendre.leggauss(order)
    T_prompt = 2 * E_NU_MU_PROMPT**2 / nuc.mass
    T_max = 2 * E_MAX**2 / nuc.mass
    breaks = np.concatenate([np.linspace(0, T_prompt, n_per_piece + 1),
                             np.linspace(T_prompt, T_max, n_per_piece + 1)[1:]])
    a, b = breaks[:-1, None], breaks[1:, None]
    T = (0.5 * (a + b) + 0.5 * (b - a) * x).ravel()
    W = (0.5 * (b - a) * w).ravel()
    return T, W


# --- detectors ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Detector:
    """Target and exposure of a COHERENT detector (section 2 of arXiv:2202.11002)."""

    name: str
    isotopes: tuple[str, ...]
    mass_kg: float          # active mass M_det
    molar_mass: float       # g/mol of the molecule
    exposure: dict          # r, N_POT, L for the flux normalisation eta

    @property
    def n_targets(self) -> float:
        """N = N_A M_det / M_molar (each isotope once per molecule)."""
        return c.N_A * self.mass_kg / (self.molar_mass * KG_PER_G)

    @property
    def eta(self) -> float:
        """Neutrinos per flavour per unit area, GeV^2."""
        return flux_normalisation(**self.exposure)


DETECTORS = {
    "CsI": Detector("CsI", ("Cs133", "I127"), 14.6, 259.8, SNS_EXPOSURE["CsI"]),
    "Ar": Detector("Ar", ("Ar40",), 24.0, 39.96, SNS_EXPOSURE["Ar"]),
}

#: CENNS-10 exposure and active mass.  "paper": section 2 of arXiv:2202.11002 (13.7e22 POT,
#: 24 kg).  "release": LArParametersAnlA.yaml of Zenodo 3903810, entries ``beamExposure``
#: (13.8 E22 POT) and ``fiducialMass`` (24.4 +- 0.61 kg); with these the release template's
#: 128 CEvNS events are recovered (see :func:`ar2020`).
AR_EXPOSURES = {
    "paper": {"n_pot": 13.7e22, "mass_kg": 24.0},
    "release": {"n_pot": 13.8e22, "mass_kg": 24.4},
}


def ar_detector(exposure: str = "release") -> Detector:
    """The CENNS-10 detector with the exposure and mass of ``exposure`` ('release' or 'paper')."""
    if exposure not in AR_EXPOSURES:
        raise ValueError(f"unknown Ar exposure setting {exposure!r}; use one of {sorted(AR_EXPOSURES)}")
    e = AR_EXPOSURES[exposure]
    base = DETECTORS["Ar"]
    return replace(base, mass_kg=e["mass_kg"], exposure={**base.exposure, "n_pot": e["n_pot"]})


def differential_rate(detector: str, T, hook=None) -> dict[str, np.ndarray]:
    """dN/dT_nr (events per GeV of nuclear recoil energy) for the full exposure, before any response.

    N_targets eta sum_isotopes G_F^2 M/pi [Q_V^2 <1 - M T/2E^2> + Q_S^2 <M T/4E^2>] for each flux
    component (eq. (2.4) without efficiency and smearing), as {nu_mu, nu_mubar, nu_e, total};
    arrays of shape (n_points, *T.shape) for a hook with a parameter axis, else T.shape.
    """
    if detector not in DETECTORS:
        raise ValueError(f"unknown COHERENT detector {detector!r}; use one of {sorted(DETECTORS)}")
    det = DETECTORS[detector]
    T = np.asarray(T, dtype=float)
    if np.any(~np.isfinite(T)) or np.any(T <= 0):
        raise ValueError("recoil energies T must be positive and finite (GeV)")
    out: dict[str, np.ndarray] = {}
    for iso in det.isotopes:
        nuc = NUCLEI[iso]
        nodes = Nodes.at(nuc, q_of_T(T, nuc))
        pref = det.n_targets * det.eta * c.G_F**2 * nuc.mass / np.pi
        for comp, (flavour, _) in COMPONENTS.items():
            dQ, QS = (None, None) if hook is None else hook(nodes, flavour)
            QV = nodes.weak_charge_sm(flavour) + (0.0 if dQ is None else dQ)
            I_V, I_S = flux_kernels(T, nuc, comp)
            rate = QV**2 * I_V + (0.0 if QS is None else QS**2 * I_S)
            out[comp] = out.get(comp, 0.0) + pref * rate
    out["total"] = out["nu_mu"] + out["nu_mubar"] + out["nu_e"]
    return out


# --- detector response: CsI[Na] 2021 ----------------------------------------------------

_CSI = "coherent/csi2021/"
_AR = "coherent/ar2020/"


def _coefficients(name: str) -> np.ndarray:
    """Rows of coefficients of a release file (comment lines start with '#')."""
    return np.loadtxt(data.path(name), comments="#", ndmin=2)


@lru_cache(maxsize=None)
def csi_quenching_coefficients() -> np.ndarray:
    """(a, b, c, d) of E_ee = a T + b T^2 + c T^3 + d T^4 (MeV), the nominal release values."""
    return _coefficients(_CSI + "scintRespCoefficients.txt")[0]


@lru_cache(maxsize=None)
def csi_efficiency_coefficients() -> np.ndarray:
    """(a, b, c, d) of eff(x) = a/(1 + exp(-b (x - c))) + d, x in PE (nominal)."""
    return _coefficients(_CSI + "effCoefficients.txt")[0]


def csi_electron_equivalent(T_nr):
    """CsI[Na] electron-equivalent energy (GeV) of a nuclear recoil T_nr (GeV), release polynomial."""
    x = np.asarray(T_nr, dtype=float) / MeV
    a, b, c_, d = csi_quenching_coefficients()
    return np.clip(x * (a + x * (b + x * (c_ + x * d))), 0, None) * MeV


def csi_efficiency(pe):
    """Energy-dependent CEvNS efficiency of the release, clipped to [0, 1]."""
    a, b, c_, d = csi_efficiency_coefficients()
    pe = np.asarray(pe, dtype=float)
    return np.clip(a / (1 + np.exp(-b * (pe - c_))) + d, 0, 1)


#: Light yield 13.35 PE/keVee and the gamma-function PE resolution of COHERENT CsI 2021
#: (arXiv:2110.07730 and its supplement, as used by public analyses of the release):
#: P(x) = (a(1+b))^(1+b)/Gamma(1+b) x^b exp(-a(1+b) x) with b = 9.56 E_ee[keVee] and
#: a = 0.0749/E_ee[keVee] = 1/(LY E_ee), i.e. mean LY E_ee.
CSI_LIGHT_YIELD = 13.35 / keV
CSI_RESOLUTION_B = 9.56 / keV


def csi_time_efficiency(t):
    """1 for t < 0.52 us, exp(-0.0494 (t - 0.52)) after (t in us), CsI 2021."""
    t = np.asarray(t, dtype=float)
    return np.where(t < 0.52, 1.0, np.exp(-0.0494 * (t - 0.52)))


def csi_pe_density(pe, E_ee):
    """Gamma density of the PE count for electron-equivalent energies E_ee (GeV), shape (n_E, n_pe).

    Shape 1 + b, mean LY E_ee (see :data:`CSI_RESOLUTION_B`); zero for E_ee = 0.
    """
    E = np.atleast_1d(np.asarray(E_ee, dtype=float))
    out = np.zeros((E.size, np.size(pe)))
    on = E > 1e-3 * keV
    shape = 1 + CSI_RESOLUTION_B * E[on]
    scale = CSI_LIGHT_YIELD * E[on] / shape
    out[on] = stats.gamma.pdf(np.asarray(pe)[None, :], shape[:, None], scale=scale[:, None])
    return out


def csi_pe_response(E_ee, pe_edges, step: float = 0.05):
    """P(PE bin | E_ee) x efficiency, shape (len(E_ee), n_bins), integrated on a ``step``-PE grid."""
    pe = np.arange(pe_edges[0] + step / 2, pe_edges[-1], step)
    return _sum_into_bins(pe, csi_pe_density(pe, E_ee) * csi_efficiency(pe) * step, pe_edges)


# --- detector response: Ar 2020 (CENNS-10 analysis A) ----------------------------------

#: QF = a + b T[keVnr], a = 0.246, b = 0.00078/keVnr (LArParametersAnlA.yaml).
AR_QF = (0.246, 0.00078)
#: sigma/E = 0.58/sqrt(E[keVee]) (LArParametersAnlA.yaml).
AR_RESOLUTION = 0.58
#: POT trace, Gaussian mean 440 ns, width 150 ns (LArParametersAnlA.yaml).
AR_BEAM = (0.44, 0.15)


def ar_electron_equivalent(T_nr):
    """Ar electron-equivalent energy (GeV), T_ee = (a + b T[keVnr]) T (eq. (2.5))."""
    T = np.asarray(T_nr, dtype=float)
    return (AR_QF[0] + AR_QF[1] * T / keV) * T


@lru_cache(maxsize=None)
def _ar_efficiency_table():
    tab = np.loadtxt(data.path(_AR + "CENNS10AnlAEfficiency.txt"))
    return tab[:, 0], tab[:, 2]


#: Upper end of the acceptance table CENNS10AnlAEfficiency.txt (last bin centre 39.75 keVee,
#: 0.5 keVee bins).
AR_EFFICIENCY_MAX_KEV = 40.0


def ar_efficiency(E_ee):
    """Acceptance of analysis A versus reconstructed E_ee (GeV), CENNS10AnlAEfficiency.txt.

    Linear between the bin centres 0.25-39.75 keVee, zero below the first.  Above the table
    (40 keVee) the acceptance is zero: the release's CEvNS template holds 0.08 events above
    40 keVee where an acceptance held at its last value (0.963) would give 0.4.
    """
    x, eff = _ar_efficiency_table()
    E = np.asarray(E_ee, dtype=float) / keV
    return np.where(E < AR_EFFICIENCY_MAX_KEV, np.interp(E, x, eff, left=0.0, right=eff[-1]), 0.0)


def ar_energy_response(E_ee, edges_keV):
    """P(E_ee bin | true E_ee) x efficiency: Gaussian resolution, efficiency at the reconstructed
    energy (integrated on a 0.1-keVee grid).  Shape (len(E_ee), n_bins)."""
    E = np.asarray(E_ee, dtype=float) / keV
    step = 0.1
    x = np.arange(edges_keV[0] + step / 2, edges_keV[-1], step)
    sig = AR_RESOLUTION * np.sqrt(np.clip(E, 1e-12, None))
    dens = stats.norm.pdf(x[None, :], E[:, None], sig[:, None]) * ar_efficiency(x * keV) * step
    return np.where(E[:, None] > 1e-6, _sum_into_bins(x, dens, edges_keV), 0.0)


# --- the likelihoods ---------------------------------------------------------------------


@dataclass(eq=False)
class Likelihood:
    """A binned COHERENT likelihood: data, backgrounds, CEvNS response and the chi2.

    Counts have shape (..., n_E, n_t); the chi2 profiles the nuisance parameters of the
    paper for every point at once.
    """

    detector: Detector
    energy_edges: np.ndarray          # PE (CsI) or keVee (Ar)
    time_edges: np.ndarray            # us
    observed: np.ndarray              # (n_E, n_t)
    backgrounds: dict                 # name -> (n_E, n_t)
    sigmas: dict                      # nuisance name -> sigma (CEvNS first)
    time: dict                        # 'prompt' / 'delayed' -> (n_t,)
    nodes: dict                       # isotope -> Nodes
    kernels: dict                     # isotope -> component -> (K_V, K_S), each (n_nodes, n_E)
    energy_label: str = ""
    meta: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.detector.name

    @property
    def shape(self) -> tuple[int, int]:
        return self.observed.shape

    # -- predictions ---------------------------------------------------------------------
    def predict(self, hook=None, *, by_component: bool = False):
        """CEvNS counts (n_points, n_E, n_t) for a hook (None: the SM, n_points = 1).

        With ``by_component`` a dict {nu_mu, nu_mubar, nu_e} of the same arrays.
        """
        spectra = {}
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
        counts = {comp: np.broadcast_to(s, (n, s.shape[-1]))[:, :, None]
                  * self.time[COMPONENTS[comp][1]] for comp, s in spectra.items()}
        if by_component:
            return counts
        return counts["nu_mu"] + counts["nu_mubar"] + counts["nu_e"]

    @cached_property
    def sm(self) -> np.ndarray:
        """SM CEvNS counts (n_E, n_t)."""
        return self.predict()[0]

    def _grid(self, make_hook, g, M, chunk, progress):
        g, M = np.broadcast_arrays(np.asarray(g, dtype=float), np.asarray(M, dtype=float))
        shape = g.shape
        g, M = g.ravel(), M.ravel()
        out = np.empty((g.size,) + self.shape)
        starts = range(0, g.size, chunk)
        if progress and g.size > chunk:
            from tqdm.auto import tqdm
            starts = tqdm(starts, desc=f"{self.name} counts", unit="chunk")
        for i in starts:
            out[i:i + chunk] = self.predict(make_hook(g[i:i + chunk], M[i:i + chunk]))
        return out.reshape(shape + self.shape)

    def predict_vector(self, model: VectorModel, g, M, *, loop_mixing: bool = False, mu=None,
                       chunk: int = 2048, progress: bool = False):
        """CEvNS counts for a vector mediator; g, M (GeV) broadcast, result shape (*shape, n_E, n_t).

        ``loop_mixing`` adds the one-loop kinetic mixing (see :func:`zprime.observables.cevns.vector_hook`).
        """
        return self._grid(lambda gg, MM: vector_hook(model, gg, MM, loop_mixing=loop_mixing, mu=mu),
                          g, M, chunk, progress)

    def predict_scalar(self, g, M, *, chunk: int = 2048, progress: bool = False):
        """CEvNS counts with the scalar mediator of eqs. (3.23)-(3.33)."""
        return self._grid(scalar_hook, g, M, chunk, progress)

    # -- chi2 ---------------------------------------------------------------------------
    def _as_points(self, N):
        N = np.asarray(N, dtype=float)
        if N.shape[-2:] != self.shape:
            raise ValueError(f"CEvNS counts must end with the {self.name} bin shape {self.shape}, "
                             f"got {N.shape}")
        if not np.all(np.isfinite(N)) or np.any(N < 0):
            raise ValueError("CEvNS counts must be finite and non-negative")
        return N.reshape((-1,) + self.shape), N.shape[:-2]

    def chi2(self, N_cevns, *, sigmas: dict | None = None, return_nuisances: bool = False):
        """Profiled chi2 for CEvNS counts of shape (..., n_E, n_t); returns shape (...).

        ``sigmas`` overrides nuisance widths by name (np.inf: free, 0: fixed at zero).
        """
        raise NotImplementedError

    def nuisance_names(self) -> tuple[str, ...]:
        raise NotImplementedError

    def chi2_at(self, N_cevns, nuisances, *, sigmas: dict | None = None) -> float:
        """The chi2 of the paper at given nuisance values (one point), unprofiled."""
        raise NotImplementedError

    def profile_minuit(self, N_cevns, *, sigmas: dict | None = None):
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
        scale = float(_cevns_start(self.observed.sum(), sum(b.sum() for b in self.backgrounds.values()),
                                   N.sum()))
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
                raise ValueError(f"unknown nuisance {k!r}; known: {tuple(sig)}")
            if not (v >= 0):
                raise ValueError(f"nuisance width {k} must be >= 0 (inf: free), got {v}")
            sig[k] = float(v)
        return np.array(list(sig.values()))

    # -- summaries ----------------------------------------------------------------------
    def p_value(self, chi2_min) -> float:
        """p-value of a chi2 minimum with one degree of freedom per bin."""
        return float(stats.chi2.sf(chi2_min, self.observed.size))

    def fit_normalisation(self, grid=np.linspace(0.0, 3.0, 3001)):
        """Fit a free scale s of the SM CEvNS counts (CEvNS nuisance fixed, others profiled).

        Returns (s_best, s_lo, s_hi, chi2_min) with the 1-sigma interval from Delta chi2 = 1.
        """
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


def _safe_log_ratio(n, lam):
    return np.where(n > 0, n * np.log(np.where(n > 0, n, 1.0) / lam), 0.0)


@dataclass(eq=False)
class PoissonLikelihood(Likelihood):
    """Eq. (2.6): Poissonian chi2 with normalisation nuisances for CEvNS and each background."""

    def nuisance_names(self):
        return tuple(self.sigmas)

    def _templates(self):
        return np.stack([b.ravel() for b in self.backgrounds.values()])

    def time_integrated(self) -> "PoissonLikelihood":
        """The same likelihood with its time bins summed into one: energy information only.

        Sums of Poisson counts are Poisson, so data, backgrounds and the arrival-time
        fractions of each flavour group are summed; the nuisances are unchanged.  Comparing
        Delta chi^2 with and without time shows how much of a bound comes from the flavour
        composition (prompt nu_mu against delayed nu_e, nu_mubar).
        """
        return replace(self, observed=self.observed.sum(axis=1, keepdims=True),
                       backgrounds={k: v.sum(axis=1, keepdims=True) for k, v in self.backgrounds.items()},
                       time={k: np.atleast_1d(v.sum()) for k, v in self.time.items()},
                       time_edges=self.time_edges[[0, -1]],
                       meta={**self.meta, "time_integrated": True})

    def chi2_at(self, N_cevns, nuisances, *, sigmas=None):
        sig = self._sigmas(sigmas)
        eta = np.asarray(nuisances, dtype=float)
        T = np.vstack([np.asarray(N_cevns, dtype=float).ravel()[None, :], self._templates()])
        lam = (1 + eta) @ T
        n = self.observed.ravel()
        if np.any(lam <= 0):
            return np.inf
        pen = eta**2 * _inverse_variances(sig)[0]
        return float(2 * np.sum(lam - n + _safe_log_ratio(n, lam)) + np.sum(pen))

    def chi2(self, N_cevns, *, sigmas=None, return_nuisances=False, tol=1e-11, max_iter=100):
        N, shape = self._as_points(N_cevns)
        sig = self._sigmas(sigmas)
        inv_var, fixed = _inverse_variances(sig)
        n = self.observed.ravel()
        B = self._templates()                                        # (n_bkg, n_bins)
        S = N.reshape(len(N), -1)                                    # (p, n_bins)
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


def _poisson_objective(n, S, B, a, inv_var):
    """2 sum[lam - n + n ln(n/lam)] + sum (a - 1)^2/sigma^2 per point, lam = a_0 S + sum_b a_b B_b;
    inf where some lam <= 0.  a = 1 + eta are the normalisation factors."""
    lam = a[:, :1] * S + a[:, 1:] @ B
    ok = np.all(lam > 0, axis=1)
    lam = np.where(lam > 0, lam, 1.0)
    val = 2 * np.sum(lam - n + _safe_log_ratio(n, lam), axis=1) + (a - 1) ** 2 @ inv_var
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
    val, lam = _poisson_objective(n, S, B, a, inv_var)
    BB = (B[:, None, :] * B[None, :, :]).reshape(-1, B.shape[1]).T       # (i, nb*nb)
    active = np.arange(p)
    for _ in range(max_iter):
        Sa, la, aa = S[active], lam[active], a[active]
        r = 1 - n / la
        u = n / la**2
        grad = np.empty((len(active), k))
        grad[:, 0] = np.sum(Sa * r, axis=1)
        grad[:, 1:] = r @ B.T
        H = np.empty((len(active), k, k))
        H[:, 0, 0] = np.sum(Sa * Sa * u, axis=1)
        H[:, 0, 1:] = (Sa * u) @ B.T
        H[:, 1:, 0] = H[:, 0, 1:]
        H[:, 1:, 1:] = (u @ BB).reshape(-1, k - 1, k - 1)
        grad = 2 * grad + 2 * (aa - 1) * inv_var
        H = 2 * H + 2 * np.diag(inv_var)
        _fix(H, grad, fixed)
        step = np.linalg.solve(H, -grad[..., None])[..., 0]
        decrement = -np.einsum("pk,pk->p", grad, step)
        t = np.ones(len(active))
        for _ in range(80):                                    # backtracking line search
            new_val, new_lam = _poisson_objective(n, Sa, B, aa + t[:, None] * step, inv_var)
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
    variance: np.ndarray | None = None                      # sigma_ij^2, eq. (2.8)

    def nuisance_names(self):
        return tuple(self.sigmas) + tuple(self.shapes)

    def _sigmas(self, override):
        sig = super()._sigmas({k: v for k, v in (override or {}).items() if k in self.sigmas})
        shape_sig = dict.fromkeys(self.shapes, 1.0)
        for k, v in (override or {}).items():
            if k in shape_sig:
                shape_sig[k] = float(v)
            elif k not in self.sigmas:
                raise ValueError(f"unknown nuisance {k!r}; known: {self.nuisance_names()}")
        return np.concatenate([sig, list(shape_sig.values())])

    def _design(self, N):
        """Base prediction (p, i) and the derivative of the prediction per nuisance (p, a, i)."""
        p = len(N)
        Nflat = N.reshape(p, -1)
        comps = {"CEvNS": Nflat}
        comps.update({k: np.broadcast_to(v.ravel(), Nflat.shape) for k, v in self.backgrounds.items()})
        base = sum(comps.values())
        rows = [comps[k] for k in self.sigmas]
        rows += [comps[z] * d.ravel() for z, d in self.shapes.values()]
        return base, np.stack(rows, axis=1)

    def chi2_at(self, N_cevns, nuisances, *, sigmas=None):
        sig = self._sigmas(sigmas)
        theta = np.asarray(nuisances, dtype=float)
        base, D = self._design(np.asarray(N_cevns, dtype=float)[None])
        pred = base[0] + theta @ D[0]
        pen = theta**2 * _inverse_variances(sig)[0]
        return float(np.sum((self.observed.ravel() - pred) ** 2 / self.variance.ravel()) + np.sum(pen))

    def chi2(self, N_cevns, *, sigmas=None, return_nuisances=False):
        N, shape = self._as_points(N_cevns)
        sig = self._sigmas(sigmas)
        inv_var, fixed = _inverse_variances(sig)
        w = 1.0 / self.variance.ravel()
        base, D = self._design(N)
        r = self.observed.ravel() - base                              # (p, i)
        A = np.einsum("pai,i,pbi->pab", D, w, D) + np.diag(inv_var)
        b = np.einsum("pai,i,pi->pa", D, w, r)
        _fix(A, b, fixed)
        theta = np.linalg.solve(A, b[..., None])[..., 0]
        # evaluate the chi2 at the solution directly (r^T W r - b.theta cancels badly)
        resid = r - np.einsum("pa,pai->pi", theta, D)
        val = resid**2 @ w + theta**2 @ inv_var
        val = val.reshape(shape)
        return (val, theta.reshape(shape + (len(sig),))) if return_nuisances else val


# --- building the likelihoods from the releases ------------------------------------------


def _kernels(det: Detector, response, n_per_piece: int):
    """Nodes and flux-folded response kernels for every isotope of ``det``.

    K[comp] = N_targets eta G_F^2 M/pi w_k I(T'_k) R(T'_k -> bin): counts per unit Q^2.
    """
    nodes, kernels = {}, {}
    for iso in det.isotopes:
        nuc = NUCLEI[iso]
        T, W = recoil_nodes(nuc, n_per_piece)
        R = response(T, nuc)                                       # (n_nodes, n_E)
        norm = det.n_targets * det.eta * c.G_F**2 * nuc.mass / math.pi
        kernels[iso] = {}
        for comp in COMPONENTS:
            I_V, I_S = flux_kernels(T, nuc, comp)
            kernels[iso][comp] = ((norm * W * I_V)[:, None] * R, (norm * W * I_S)[:, None] * R)
        nodes[iso] = Nodes.at(nuc, np.sqrt(2 * nuc.mass * T))
    return nodes, kernels


#: CsI analysis binning (arXiv:2110.07730): 9 PE bins x 11 t_rec bins.
CSI_PE_EDGES = np.array([0, 8, 12, 16, 20, 24, 32, 40, 50, 60], dtype=float)
CSI_T_EDGES = np.array([0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1, 2, 4, 6])
#: Expected BRN and NIN counts in the region of interest (PE < 60, t < 6 us), arXiv:2110.07730.
CSI_BRN_EVENTS = 18.4
CSI_NIN_EVENTS = 5.6
#: Beam-pulse width for CsI (us): the SNS POT trace width of the Ar release, 150 ns.
CSI_BEAM_SIGMA = 0.15


def _events(name):
    ev = np.loadtxt(data.path(name), comments="#")
    return ev[:, 0], ev[:, 1]


def fit_csi_beam_offset(sigma: float = CSI_BEAM_SIGMA) -> float:
    """Mean arrival time t0 (us) of the proton pulse in the CsI t_rec scale.

    The release gives no neutrino timing (its snsFlux2D.root is not public here), so t0 is
    fitted to the released NIN time distribution, which is neutrino-induced and therefore
    follows the delayed arrival law (NIN in lead is dominated by nu_e charged currents).
    """
    t, w = np.loadtxt(data.path(_CSI + "ninTrec.txt")).T
    edges = np.append(t - 0.005, t[-1] + 0.005)
    sel = (t > 0) & (t < 6)

    def cost(t0):
        model = np.diff(arrival_cdf(edges, t0, sigma, "delayed"))[sel]
        y = w[sel]
        scale = model @ y / (model @ model)
        return np.sum((y - scale * model) ** 2)

    res = optimize.minimize_scalar(cost, bounds=(0.0, 1.5), method="bounded",
                                   options={"xatol": 1e-6})
    return float(res.x)


@lru_cache(maxsize=4)
def csi2021(n_per_piece: int = 12, t0: float | None = None) -> PoissonLikelihood:
    """The COHERENT CsI 2021 likelihood of eq. (2.6) (cached)."""
    det = DETECTORS["CsI"]
    pe_c, t_c = _events(_CSI + "dataBeamOnC.txt")
    pe_ac, t_ac = _events(_CSI + "dataBeamOnAC.txt")
    observed = np.histogram2d(pe_c, t_c, bins=(CSI_PE_EDGES, CSI_T_EDGES))[0]
    ss = np.histogram2d(pe_ac, t_ac, bins=(CSI_PE_EDGES, CSI_T_EDGES))[0]

    bkg = {}
    for name, total in (("BRN", CSI_BRN_EVENTS), ("NIN", CSI_NIN_EVENTS)):
        pe, wpe = np.loadtxt(data.path(_CSI + f"{name.lower()}PE.txt")).T
        t, wt = np.loadtxt(data.path(_CSI + f"{name.lower()}Trec.txt")).T
        e_part = _rebin(pe, wpe, 1.0, CSI_PE_EDGES)
        t_part = _rebin(t, wt * csi_time_efficiency(t), 0.01, CSI_T_EDGES)
        h = np.outer(e_part, t_part)
        bkg[name] = h * total / h.sum()
    bkg["SS"] = ss

    t0 = fit_csi_beam_offset() if t0 is None else t0
    time = {k: time_fractions(CSI_T_EDGES, t0, CSI_BEAM_SIGMA, k, efficiency=csi_time_efficiency)
            for k in ("prompt", "delayed")}

    def response(T, nuc):
        return csi_pe_response(csi_electron_equivalent(T), CSI_PE_EDGES)

    nodes, kernels = _kernels(det, response, n_per_piece)
    return PoissonLikelihood(
        detector=det, energy_edges=CSI_PE_EDGES, time_edges=CSI_T_EDGES, observed=observed,
        backgrounds=bkg, sigmas={"CEvNS": 0.12, "BRN": 0.25, "NIN": 0.35, "SS": 0.021},
        time=time, nodes=nodes, kernels=kernels, energy_label="reconstructed energy [PE]",
        meta={"t0_us": t0, "beam_sigma_us": CSI_BEAM_SIGMA})


# --- CsI[Na] 2017 (first observation; Zenodo 1228631) --------------------------------------

_CSI17 = "coherent/csi2017/"
_CSI17_R = _CSI17 + "thirdparty_reformatted/"

#: 2017 analysis region: 12 energy bins of 2 PE (6-30 PE) x 12 time bins of 0.5 us (0-6 us),
#: the "12T,12E" binning of Denton and Gehrlein (arXiv:2008.06062) on the release's 2-PE x
#: 0.5-us grid (COHERENT's 2017 region of interest, arXiv:1708.01294).
CSI17_PE_EDGES = np.arange(6.0, 31.0, 2.0)
CSI17_T_EDGES = np.arange(0.0, 6.01, 0.5)
#: Protons on target for the 7.47594 GWhr of coherent_parameters.yaml: 1.76e23
#: (COHERENT, Science 357 (2017) 1123, arXiv:1708.01294).
CSI17_N_POT = 1.76e23


@lru_cache(maxsize=None)
def csi2017_parameters() -> dict:
    """Numbers of coherent_parameters.yaml (official 2017 release), parsed without a YAML library.

    Keys: exposure_GWhr, distance_m, qf, light_yield (PE/keVee), nu_per_pot, prompt_norm_sigma,
    acceptance (a, k, x0).
    """
    text = data.path(_CSI17 + "coherent_parameters.yaml").read_text()
    blocks: dict[str, dict[str, float]] = {}
    current, param = None, None
    for line in text.splitlines():
        if line and not line.startswith(" ") and line.endswith(":"):
            current, param = line[:-1], None
            blocks[current] = {}
            continue
        stripped = line.strip()
        if stripped.startswith("- name:"):
            param = stripped.split(":", 1)[1].strip()
            continue
        for key in ("value", "uncertainty"):
            if stripped.startswith(key + ":") and current is not None:
                try:
                    val = float(stripped.split(":", 1)[1])
                except ValueError:                      # e.g. "uncertainty: negligible"
                    continue
                blocks[current][key if param is None else f"{param}_{key}"] = val
    acc = blocks["acceptanceEfficiency"]
    return {"exposure_GWhr": blocks["beamExposure"]["value"],
            "distance_m": blocks["distanceToTarget"]["value"],
            "qf": blocks["csiQF"]["value"], "qf_sigma": blocks["csiQF"]["uncertainty"],
            "light_yield": blocks["csiLightYield"]["value"],
            "nu_per_pot": blocks["neutrinosPerProton"]["value"],
            "prompt_norm_sigma": blocks["promptNeutronNormalization"]["uncertainty"],
            "acceptance": (acc["a_value"], acc["k_value"], acc["x_0_value"])}


def csi2017_acceptance(pe):
    """a/(1 + exp(-k (x - x0))) H(x - 5), with H = 0 below 5 PE, 1/2 on [5, 6), 1 above (yaml)."""
    a, k, x0 = csi2017_parameters()["acceptance"]
    x = np.asarray(pe, dtype=float)
    H = np.where(x < 5, 0.0, np.where(x < 6, 0.5, 1.0))
    return a / (1 + np.exp(-k * (x - x0))) * H


def csi2017_pe_response(T_nr, pe_edges=CSI17_PE_EDGES):
    """P(PE bin | T_nr) x acceptance, shape (len(T_nr), n_bins).

    Mean PE = light yield x QF x T_nr (constant QF 0.0878, 13.348 PE/keVee); the PE count is
    smeared with Poisson statistics, taken as a gamma density of mean and variance = mean PE;
    the acceptance multiplies 1-PE bins at their centres, as the yaml prescribes.
    """
    p = csi2017_parameters()
    mu = np.atleast_1d(np.asarray(T_nr, dtype=float)) / keV * p["qf"] * p["light_yield"]
    k = np.arange(0.0, pe_edges[-1] + 1.0)
    on = mu > 1e-6
    cdf = np.zeros((mu.size, k.size))
    cdf[on] = stats.gamma.cdf(k[None, :], mu[on, None])
    per_pe = np.diff(cdf, axis=1) * csi2017_acceptance(k[:-1] + 0.5)[None, :]   # bins [k, k+1)
    return _sum_into_bins(k[:-1] + 0.5, per_pe, pe_edges)


def _csi2017_grid(name, t_edges=CSI17_T_EDGES):
    """A 2017 release file (PE centre, t centre, counts) on the analysis bins, (n_PE, n_t)."""
    pe, t, n = np.loadtxt(data.path(_CSI17_R + name), delimiter=",", comments="P").T
    return np.histogram2d(pe, t, bins=(CSI17_PE_EDGES, t_edges), weights=n)[0]


def csi2017_steady_state() -> tuple[np.ndarray, float, float]:
    """Steady-state background (n_PE, n_t), the decay rate (1/us) of its time shape and the
    number of anti-coincidence counts it is built from (6-30 PE, 0-12 us).

    The anti-coincidence counts over their whole 0-12 us window give the PE spectrum; their
    time distribution falls (405 counts in 0-6 us, 298 in 6-12 us), and is fitted with
    exp(-lambda t) (binned Poisson likelihood over the 24 bins).  Binning the AC counts like the
    data instead (about 3 counts per bin) puts their Poisson noise into the prediction, and the
    profile then prefers 1.39 x the SM CEvNS to fill bins where the AC sample fluctuated low.
    """
    fine = np.arange(0.0, 12.01, 0.5)
    ac = _csi2017_grid("data_anticoincidence_beamOn.txt", fine)
    n_t = ac.sum(axis=0)

    def shape(lam):
        w = np.exp(-lam * fine[:-1]) - np.exp(-lam * fine[1:]) if lam > 0 else np.diff(fine)
        return w / w.sum()

    def nll(lam):
        mu = n_t.sum() * shape(lam)
        return float(np.sum(mu - n_t * np.log(mu)))

    lam = float(optimize.minimize_scalar(nll, bounds=(1e-6, 2.0), method="bounded",
                                         options={"xatol": 1e-8}).x)
    t_shape = shape(lam)[: len(CSI17_T_EDGES) - 1]          # the analysis bins are the first 12
    return np.outer(ac.sum(axis=1), t_shape), lam, float(n_t.sum())


def _csi2017_time_pdf(name):
    t, w = np.loadtxt(data.path(_CSI17_R + name), delimiter=",").T
    return _sum_into_bins(t, w, CSI17_T_EDGES)


@lru_cache(maxsize=4)
def csi2017(n_per_piece: int = 12) -> PoissonLikelihood:
    """COHERENT CsI[Na] 2017 (arXiv:1708.01294; release Zenodo 1228631), eq. (2.6)-style chi2.

    12 x 12 bins (:data:`CSI17_PE_EDGES`, :data:`CSI17_T_EDGES`); backgrounds: steady state
    from the anti-coincidence beam-on counts, prompt neutrons from promptPDF.txt x exposure x
    acceptance with the prompt-neutron arrival PDF.  CEvNS timing: the released prompt and
    delayed arrival PDFs.  Nuisance widths: CEvNS 0.28 (the 28 % SM uncertainty of
    arXiv:1708.01294), BRN 0.25 (yaml), SS 1/sqrt(N_AC) (statistics of the 6-30 PE, 0-12 us
    AC sample, see :func:`csi2017_steady_state`).
    """
    par = csi2017_parameters()
    det = Detector("CsI", ("Cs133", "I127"), 14.6, 259.8,
                   {"r": par["nu_per_pot"], "n_pot": CSI17_N_POT, "L": par["distance_m"] * metre})
    observed = _csi2017_grid("data_coincidence_beamOn.txt")
    ss, ss_rate, n_ac = csi2017_steady_state()
    pe, per_gwhr = np.loadtxt(data.path(_CSI17 + "promptPDF.txt"), delimiter=",", comments="#").T
    brn_pe = _sum_into_bins(pe, per_gwhr * par["exposure_GWhr"] * csi2017_acceptance(pe), CSI17_PE_EDGES)
    brn = np.outer(brn_pe, _csi2017_time_pdf("arrivalTimePDF_promptNeutrons.txt"))
    time = {"prompt": _csi2017_time_pdf("arrivalTimePDF_promptNeutrinos.txt"),
            "delayed": _csi2017_time_pdf("arrivalTimePDF_delayedNeutrinos.txt")}

    def response(T, nuc):
        return csi2017_pe_response(T)

    nodes, kernels = _kernels(det, response, n_per_piece)
    return PoissonLikelihood(
        detector=det, energy_edges=CSI17_PE_EDGES, time_edges=CSI17_T_EDGES, observed=observed,
        backgrounds={"BRN": brn, "SS": ss},
        sigmas={"CEvNS": 0.28, "BRN": par["prompt_norm_sigma"], "SS": 1 / math.sqrt(n_ac)},
        time=time, nodes=nodes, kernels=kernels, energy_label="reconstructed energy [PE]",
        meta={"release": "Zenodo 1228631", "n_pot": CSI17_N_POT, "parameters": par,
              "ss_decay_per_us": ss_rate})


#: Ar analysis binning (Zenodo 3903810): 12 x 10 keVee bins, 10 x 0.5 us t_trig bins.
AR_E_EDGES = np.arange(0, 121, 10, dtype=float)
AR_T_EDGES = np.arange(-0.1, 5.0, 0.5)


def _ar3d(name):
    """A 3-D release file summed over F90: (12 energy, 10 time)."""
    return np.loadtxt(data.path(_AR + name))[:, 3].reshape(12, 8, 10).sum(axis=1)


#: Shape systematics of eq. (2.9): nuisance -> (component, file of the 1-sigma PDF, CV file).
AR_SHAPES = {
    "CEvNS_F90": ("CEvNS", "cevnspdf+1sigF90.txt", "cevnspdf.txt"),
    "CEvNS_t_mean": ("CEvNS", "cevnspdfCEvNSTimingMeanSyst.txt", "cevnspdf.txt"),
    "PBRN_E": ("PBRN", "brnpdf+1sigEnergy.txt", "brnpdf.txt"),
    "PBRN_t_mean": ("PBRN", "brnpdf+1sigBRNTimingMean.txt", "brnpdf.txt"),
    "PBRN_t_width": ("PBRN", "brnpdfBRNTimingWidthSyst.txt", "brnpdf.txt"),
}


#: How the CEvNS counts are distributed in t_trig.  "window": the fraction of each flavour's
#: arrival law inside each bin, so that the delayed flux after 4.9 us is lost (13 % of it).
#: "normalised": each flavour's arrival law normalised inside the window (-0.1 to 4.9 us), so
#: that no event is lost and the energy spectrum is the full-time one.  The release template is
#: built this way:
#: summed over F90 it is exactly rank one in (energy, time) (singular-value ratio 3e-7), i.e.
#: the full-time energy spectrum times one time shape, and its total is the 128 events of the
#: YAML entry ``cevnsPredictionNormalization``.
AR_TIMING = ("normalised", "window")


@lru_cache(maxsize=8)
def ar2020(n_per_piece: int = 12, exposure: str = "release", timing: str = "normalised") -> GaussianLikelihood:
    """The COHERENT Ar 2020 likelihood of eqs. (2.7)-(2.9) (cached).

    Parameters
    ----------
    n_per_piece : int
        Gauss-Legendre panels per side of the prompt end point (see :func:`recoil_nodes`).
    exposure : {'release', 'paper'}
        POT and active mass (:data:`AR_EXPOSURES`): the release's 13.8e22 POT and 24.4 kg
        (default), or the 13.7e22 POT and 24 kg quoted by arXiv:2202.11002.
    timing : {'normalised', 'window'}
        Time distribution of the CEvNS counts (:data:`AR_TIMING`); 'normalised' reproduces the
        construction of the release template.

    Notes
    -----
    Release defaults give 132.6 SM CEvNS events against the template's 128 (+3.6 %); bins
    10-40 keVee agree with the template within 4 %, the 0-10 keVee bin is 6 % above it.
    """
    if timing not in AR_TIMING:
        raise ValueError(f"unknown Ar timing {timing!r}; use one of {AR_TIMING}")
    det = ar_detector(exposure)
    observed = _ar3d("datanobkgsub.txt")
    bkg = {"SS": _ar3d("bkgpdf.txt"), "PBRN": _ar3d("brnpdf.txt"), "DBRN": _ar3d("delbrnpdf.txt")}
    shapes = {}
    for name, (comp, sys_file, cv_file) in AR_SHAPES.items():
        sys_, cv = _ar3d(sys_file), _ar3d(cv_file)
        shapes[name] = (comp, np.where(cv > 0, (sys_ - cv) / np.where(cv > 0, cv, 1.0), 0.0))
    time = {k: time_fractions(AR_T_EDGES, *AR_BEAM, k) for k in ("prompt", "delayed")}

    def response(T, nuc):
        return ar_energy_response(ar_electron_equivalent(T), AR_E_EDGES)

    nodes, kernels = _kernels(det, response, n_per_piece)
    meta = {"template_cevns": _ar3d("cevnspdf.txt"), "exposure": exposure, "timing": timing,
            "n_pot": det.exposure["n_pot"], "mass_kg": det.mass_kg}
    if timing == "normalised":
        meta["window_fraction"] = {k: float(v.sum()) for k, v in time.items()}
        time = {k: v / v.sum() for k, v in time.items()}
    return GaussianLikelihood(
        detector=det, energy_edges=AR_E_EDGES, time_edges=AR_T_EDGES, observed=observed,
        backgrounds=bkg, sigmas={"CEvNS": 0.13, "SS": 0.0079, "PBRN": 0.32, "DBRN": 1.0},
        time=time, nodes=nodes, kernels=kernels, energy_label="reconstructed energy [keVee]",
        shapes=shapes, variance=observed + bkg["SS"] / 5, meta=meta)


#: Data sets by name: 'CsI' is the 2021 full data set, 'CsI2017' the first observation.
DATASETS = ("CsI", "Ar", "CsI2017")


def likelihood(name: str) -> Likelihood:
    """The default likelihood of a data set: 'CsI' (2021), 'Ar' (2020) or 'CsI2017'."""
    if name == "CsI":
        return csi2021()
    if name == "Ar":
        return ar2020()
    if name == "CsI2017":
        return csi2017()
    raise ValueError(f"unknown COHERENT data set {name!r}; use one of {DATASETS}")


def chi2_vector(model: VectorModel, g, M, datasets=("CsI", "Ar"), *, loop_mixing: bool = False,
                mu=None, progress: bool = False):
    """Sum over ``datasets`` of the profiled chi2 for a vector mediator; shape of broadcast(g, M).

    Each data set has its own nuisances (profiled separately), so the combined chi2 is the sum.
    """
    if isinstance(datasets, str):
        datasets = (datasets,)
    total = 0.0
    for name in datasets:
        L = likelihood(name)
        total = total + L.chi2(L.predict_vector(model, g, M, loop_mixing=loop_mixing, mu=mu,
                                                progress=progress))
    return total
