"""Every bound of the library as a :class:`~zprime.constraints.base.Constraint`.

Couplings of a model with charges x_f, coupling g and kinetic mixing: the vector coupling
to a charged fermion f is

    g_f = g x_f + (eps + eps_loop) e Q_f,        eps_loop = g k_loop,                    (1)

eps the tree-level mixing of the model, eps_loop the one-loop mixing at q^2 = 0
(:func:`zprime.models.loop_kinetic_mixing`, linear in g) when ``loop_mixing`` is on.
Neutrinos couple with g x_nu (left-handed: g (x_nu - a_nu) for a model with axial charges).
Each class states its observable, its data, its Delta chi^2 convention and what it treats
(``spins``, ``axial``, ``dark`` of :class:`~zprime.constraints.base.Constraint`): a model it
does not treat gets the reason, never a zero.  :func:`catalogue` lists them by name.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime.constants import Measurement
from zprime.constraints.base import (
    MIN_2SIGMA_1DOF,
    MIN_2SIGMA_2DOF,
    SM_2SIGMA_1DOF,
    Constraint,
    ConstraintError,
    Union,
    _points,
    model_key,
)
from zprime.experiments import recast
from zprime.models import FERMIONS, Mediator, ScalarModel, VectorModel, as_mediator, as_model, loop_kinetic_mixing
from zprime.observables import apv, decays, ewpt, gm2, nsi_osc, nue, trident
from zprime.statistics.exclusion import coherent_chi2
from zprime.validation import RULES, checks, choice, strict_bool

__all__ = [
    "coupling",
    "today_searches",
    "Coherent",
    "XenonNT8B",
    "DarkPhotonSearch",
    "LeptonG2",
    "Borexino7Be",
    "CCFRTrident",
    "NSIOscillation",
    "APV",
    "TParameter",
    "BBN",
    "LightDarkStates",
    "NuElectronCurve",
    "catalogue",
    "model_catalogue",
    "for_model",
    "get",
    "recast_searches",
]


# --- couplings ------------------------------------------------------------------------------
def _loop_unit(model: Mediator) -> float:
    """k_loop of eq. (1): the one-loop mixing per unit g at q^2 = 0."""
    return float(loop_kinetic_mixing(model, 1.0, 0.0))


@checks(g="nonnegative")
def total_mixing(model: Mediator, g: ArrayLike, loop_mixing: bool) -> np.ndarray | float:
    """eps + eps_loop of eq. (1), shape of g."""
    model = as_model(model)
    loop_mixing = strict_bool("loop_mixing", loop_mixing)
    g = np.asarray(g, dtype=float)
    return model.eps + (g * _loop_unit(model) if loop_mixing else 0.0)


@checks(g="nonnegative")
def coupling(model: Mediator, f: str, g: ArrayLike, loop_mixing: bool = False) -> np.ndarray | float:
    """Vector coupling g_f of eq. (1) to fermion f; g an array (>= 0)."""
    model = as_model(model)
    f = choice("f", f, FERMIONS)
    g = np.asarray(g, dtype=float)
    return g * model.x(f) + total_mixing(model, g, loop_mixing) * c.e_em * c.FERMION_CHARGE[f]


def _vector(model: Mediator) -> VectorModel:
    """The model as a VectorModel (the constraints whose ``spins`` are vector only get no other)."""
    if not isinstance(model, VectorModel):
        raise ConstraintError(f"model {model.name!r} is a {model.spin} mediator; a vector (spin-1) model is needed")
    return model


def _couples(model: Mediator, fermions, loop_mixing: bool) -> bool:
    """Whether any of ``fermions`` has a non-zero coupling (vector, axial or Yukawa, or kinetic mixing)."""
    if any(model.couples_to(f) for f in fermions):
        return True
    if not isinstance(model, VectorModel):
        return False
    charged = any(c.FERMION_CHARGE[f] != 0.0 for f in fermions)
    return charged and (model.eps != 0.0 or (loop_mixing and _loop_unit(model) != 0.0))


def _vector_couples(model: VectorModel, fermions, loop_mixing: bool) -> bool:
    """Whether any of ``fermions`` has a non-zero vector coupling (charge or mixing)."""
    return _couples(model.vector_part(), fermions, loop_mixing)


@checks(r="scalar")
def effective_model(model: Mediator, r: float) -> VectorModel:
    """The model with eps e / g = r folded into its charges (eps = 0): x_f + r Q_f (:meth:`VectorModel.fold_mixing`)."""
    return as_model(model).fold_mixing(r)


_NUS = ("nu_e", "nu_mu", "nu_tau")


# --- COHERENT -------------------------------------------------------------------------------
_COHERENT_META = {
    "CsI2017": ("COHERENT CsI 2017", "COHERENT, Science 357 (2017) 1123 [arXiv:1708.01294]; data Zenodo 1228631"),
    "CsI": ("COHERENT CsI 2021", "COHERENT, PRL 129 (2022) 081801 [arXiv:2110.07730]"),
    "Ar": ("COHERENT Ar 2020", "COHERENT, PRL 126 (2021) 012002 [arXiv:2003.10630]; data arXiv:2006.12659"),
}


#: The exposures behind each COHERENT release: the CsI data of 2021 contain those of 2017.
_COHERENT_DATASETS = {
    "CsI2017": ("COHERENT CsI exposure 2015-16",),
    "CsI": ("COHERENT CsI exposure 2015-16", "COHERENT CsI exposure 2017-19"),
    "Ar": ("COHERENT CENNS-10 Ar exposure 2017-18",),
}


def _cevns_reason(model: Mediator, loop_mixing: bool) -> str:
    """Why CEvNS cannot see the model ("" if it can): it needs neutrino and nucleon couplings.

    A vector boson needs left-handed neutrino charges x_nu - a_nu and vector couplings to the
    nucleons (axial quark couplings give spin-dependent scattering only,
    :func:`zprime.observables.cevns.model_hook`); a scalar needs neutrino Yukawas and y_u = y_d != 0.
    """
    if isinstance(model, ScalarModel):
        if not any(model.y(n) != 0.0 for n in _NUS):
            return "the scalar does not couple to neutrinos"
        if model.y("u") != model.y("d"):
            return "the scalar charge (3.29) of arXiv:2202.11002 needs y_u = y_d (isospin-symmetric matrix elements)"
        return "" if model.y("u") != 0.0 else "the scalar does not couple to u and d quarks"
    model = _vector(model)
    if not _vector_couples(model, _NUS, loop_mixing):
        return "the boson does not couple to left-handed neutrinos"
    if not _vector_couples(model, ("u", "d"), loop_mixing):
        return "the boson has no vector coupling to quarks or (through mixing) the proton"
    return ""


class Coherent(Constraint):
    """CEvNS at COHERENT: the binned likelihoods of :mod:`zprime.experiments.coherent`.

    Delta chi^2 = chi^2(g, m) - chi^2(SM) with the nuisances profiled (eq. (2.6) or (2.7)-(2.9)
    of arXiv:2202.11002); excluded at 2 sigma for two parameters, Delta chi^2 > 6.18 from the
    minimum over the (m, g) plane: the convention of that paper's Table 2.  Vector bosons
    (axial couplings: left-handed neutrino charge, spin-dependent quark term dropped) and
    scalars (eqs. (3.23)-(3.33)), through :func:`zprime.observables.cevns.model_hook`.
    """

    kind = "chi2"
    convention = MIN_2SIGMA_2DOF
    provenance = "data release"
    family = "CEvNS"
    spins = ("vector", "scalar")
    axial = True

    def __init__(self, dataset: str):
        if dataset not in _COHERENT_META:
            raise ConstraintError(f"unknown COHERENT data set {dataset!r}; known: {sorted(_COHERENT_META)}")
        self.dataset = dataset
        self.name, ref = _COHERENT_META[dataset]
        self.reference = ref + "; likelihood of arXiv:2202.11002"
        self.data = (f"coherent/{ {'CsI2017': 'csi2017', 'CsI': 'csi2021', 'Ar': 'ar2020'}[dataset] }/",)
        self.datasets = _COHERENT_DATASETS[dataset]
        self._chi2: dict[tuple, object] = {}

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        return _cevns_reason(model, loop_mixing)

    def _function(self, model, loop_mixing):
        key = model_key(model, loop_mixing)
        if key not in self._chi2:
            self._chi2[key] = coherent_chi2(model, (self.dataset,), loop_mixing=loop_mixing)
        return self._chi2[key]

    def delta_chi2(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        g, m = _points(g, m)
        self.check_reach(model, m, loop_mixing)
        f = self._function(model, loop_mixing)
        out = np.zeros(g.shape)
        on = g > 0
        if np.any(on):
            out[on] = f(g[on], m[on]) - f.sm
        return out


# --- XENONnT solar 8B CEvNS -------------------------------------------------------------------
class XenonNT8B(Constraint):
    """Solar 8B (+ hep) CEvNS in XENONnT SR0-SR2: the release likelihood of :mod:`zprime.experiments.xenonnt`.

    The 2026 release (SR0-SR2 events, templates and mono-energetic efficiencies; the signal of any
    model folded with them).  ``priors="official"`` (the catalogue's "XENONnT 8B"): the nuisance
    priors of the collaboration's own SR0+SR1 configuration (2024 release: AC per run, ER 100 %,
    neutrons 58 %, signal efficiency 25 %, yields unit Gaussians; SR2's AC by the same rule), see
    :class:`zprime.experiments.xenonnt.XenonLikelihood`.  ``priors="ours"`` ("XENONnT 8B (our
    priors)"): one AC scale with 5.3 %, ER and neutrons fixed, as before the 2024 configuration was
    public.  The Z' enters through the same weak-charge hook as COHERENT; all three flavours arrive
    (MSW fractions of the 8B production region).  Delta chi^2 = chi^2(g, m) - chi^2(SM), nuisances
    profiled; excluded at 2 sigma for two parameters, 6.18 above the minimum over the (m, g) plane
    (searched on a coarse grid: 13 masses 0.1 MeV - 1 GeV, 60 couplings), as for COHERENT.  Any
    spin, as :class:`Coherent`.
    """

    data = ("xenonnt/cevns_data_release/", "aux/solar_earth_matter/8B_shape_Winter_et_al.csv")
    datasets = ("XENONnT SR0", "XENONnT SR1", "XENONnT SR2")
    provenance = "data release"
    family = "XENONnT"
    kind = "chi2"
    convention = MIN_2SIGMA_2DOF
    minimum_masses = (1e-4, 1.0, 13)
    minimum_couplings = (1e-7, 1e-2, 60)
    spins = ("vector", "scalar")
    axial = True
    #: 2^-16 of the grid step (0.093 in ln g): boundaries to 1.4e-6 in ln g.  The profile itself agrees
    #: with two starts at tight tolerances to about 1e-4 in chi2, which near a boundary (d Delta chi2 /
    #: d ln g ~ 20) is 5e-6 in ln g; finer bisection only costs fits.
    bisections = 16
    #: One profile per point: the reference minimum is the smallest of the minima over parts of its grid.
    minimum_in_parts = True

    def __init__(self, priors: str = "official"):
        self.priors = choice("priors", priors, ("official", "ours"))
        self.name = "XENONnT 8B" if self.priors == "official" else "XENONnT 8B (our priors)"
        what = (
            "nuisance priors of the collaboration's SR0+SR1 configuration (Zenodo 10.5281/zenodo.14522706)"
            if self.priors == "official"
            else "our nuisance priors (AC 5.3 %, ER and neutrons fixed)"
        )
        self.reference = (
            "XENONnT, PRL 133 (2024) 191002 [arXiv:2408.02877]; arXiv:2604.06002; "
            f"data release Zenodo 10.5281/zenodo.20576156 (CC-BY-4.0), with the {what}"
        )
        self._L = None

    def _likelihood(self):
        if self._L is None:
            from zprime.experiments.xenonnt import XenonLikelihood

            self._L = XenonLikelihood(priors=self.priors)
            self._sm = float(self._L.chi2(self._L.sm_weights()[None])[0])
        return self._L

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        return _cevns_reason(model, loop_mixing)

    def _weights(self, model, g, m, loop_mixing):
        """(points shape, mask g > 0, hat weights of the signal there) for delta_chi2 and exceeds."""
        from zprime.experiments.xenonnt import model_weights

        g, m = _points(g, m)
        self.check_reach(model, m, loop_mixing)
        on = g > 0
        W = model_weights(model, g[on], m[on], loop_mixing=loop_mixing) if np.any(on) else None
        return g.shape, on, W

    def delta_chi2(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        shape, on, W = self._weights(model, g, m, loop_mixing)
        out = np.zeros(shape)
        if W is not None:
            out[on] = self._likelihood().chi2(W) - self._sm
        return out

    def exceeds(
        self, model: Mediator, g: ArrayLike, m: ArrayLike, level: float, *, loop_mixing: bool = False
    ) -> np.ndarray:
        """The sign of delta_chi2 - ``level`` (see :meth:`Constraint.exceeds`), profiling only where needed.

        The chi2 at the nuisances of the SM fit is an upper bound on the profiled chi2; where it is
        already below ``level`` the point is allowed and that bound minus ``level`` is returned.
        Where the lower bound of :meth:`~zprime.experiments.xenonnt.XenonLikelihood.chi2_lower` is
        already above it, the point is excluded and that bound minus ``level`` is returned.  Only the
        points between (those near a limit) are profiled.  The signs, hence the bounds, are those of
        :meth:`delta_chi2` - ``level``; about 85 % of the points of a coupling scan skip the profile.
        """
        level = RULES["scalar"]("level", level)
        shape, on, W = self._weights(model, g, m, loop_mixing)
        out = np.full(shape, -level)
        if W is not None:
            L = self._likelihood()
            d = L.chi2_upper(W) - self._sm - level
            need = np.flatnonzero(d > 0)
            if need.size:
                d[need] = L.chi2_lower(W[need]) - self._sm - level
                need = need[d[need] <= 0]
            if need.size:
                d[need] = L.chi2(W[need]) - self._sm - level
            out[on] = d
        return out

    def _grid_minimum(self, model, g, m, loop_mixing):
        """The smallest delta_chi2 on the points (g, m), profiling only the points whose lower bound
        (:meth:`~zprime.experiments.xenonnt.XenonLikelihood.chi2_lower`) lies below the best profile
        found so far (visited in order of their upper bound): the same minimum as profiling all."""
        _, on, W = self._weights(model, g, m, loop_mixing)
        if W is None:
            return 0.0
        L = self._likelihood()
        upper, lower = L.chi2_upper(W), L.chi2_lower(W)
        best = np.inf
        for i in np.argsort(upper, kind="stable"):
            if lower[i] < best:
                best = min(best, float(L.chi2(W[i])))
        return best - self._sm  # points with g = 0 (delta_chi2 = 0) are covered by the caller's min(0, .)


# --- dark-photon searches through the recast ------------------------------------------------
class DarkPhotonSearch(Constraint):
    """One dark-photon search of DarkCast v1, recast to the model (:mod:`zprime.experiments.recast`).

    Excluded between the recast lower and upper couplings (90 % C.L. as published).  A model
    whose rates do not all scale as g^2 (tree-level mixing eps, a dark fermion with a fixed
    g_chi) is recast point by point: at coupling g its charges are x_f + (eps e/g) Q_f with no
    mixing and x_chi = g_chi/g (:meth:`VectorModel.at_coupling`), the same physics.  A dark
    sector enters through the width into chi chibar: invisible searches gain, visible ones lose.
    Axial lepton couplings enter the lepton-initiated production (x^2 + a^2) and the widths;
    axial quark couplings are not treated (the production of an axial vector in meson decays and
    hadronic bremsstrahlung of arXiv:2206.08563 is not implemented; its hadronic decays are,
    :func:`zprime.observables.decays.width_axial_hadrons`).
    """

    kind = "curve"
    cl = "90 % (as published; DarkCast limits)"
    provenance = "recast"
    family = "beam dumps and colliders"
    axial = True

    def support_reason(self, model: Mediator) -> str:
        why = super().support_reason(model)
        if why or not isinstance(model, VectorModel):
            return why
        quarks = model.axial_quarks
        return (
            f"axial quark couplings {list(quarks)} are not treated (production of an axial vector off hadrons)"
            if quarks
            else ""
        )

    def __init__(self, search: str, invisible: str = "neutrinos") -> None:
        self.search = recast.get_search(search)
        if self.search.kind == "g-2":
            raise ConstraintError(f"{search} is a g-2 curve, not a search; use LeptonG2")
        self.name = self.search.label or self.search.name
        self.reference = self.search.reference
        self.data = (self.search.file,)
        self.datasets = (f"{self.name} search",)
        self.invisible = invisible
        self._bands: dict[tuple, object] = {}

    def mass_range(self, model: Mediator) -> tuple:
        return recast.search_mass_range(self.search.name)

    def refine(self, model: Mediator) -> bool:
        # with tree-level eps every new coupling is a new recast: boundaries to half a grid step
        return not isinstance(model, VectorModel) or model.scales_with_g

    def _band(self, model, loop_mixing, masses=None):
        """The recast band (cached); at the file's masses, or at ``masses`` (not for r-value grids)."""
        if masses is not None and self.search.window is not None and self.search.window[0] == "rgrid":
            masses = None
        key = (model_key(model, loop_mixing), None if masses is None else masses.tobytes())
        if key not in self._bands:
            self._bands[key] = recast.recast(
                self.search, model, masses, loop_mixing=loop_mixing, invisible=self.invisible
            )
        return self._bands[key]

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        if not model.scales_with_g:
            return ""
        band = self._band(model, loop_mixing)
        return band.note if band.is_empty else ""

    def excluded(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        model = _vector(model)
        g, m = _points(g, m)
        self.check_reach(model, m, loop_mixing)
        if model.scales_with_g:
            return self._band(model, loop_mixing).excludes(m, g)
        out = np.zeros(g.shape, dtype=bool)
        flat_g, flat_m, flat_out = g.ravel(), m.ravel(), out.reshape(-1)
        loop = loop_mixing and model.eps == 0.0
        if self.search.window is None or self.search.window[0] != "rgrid":
            on = flat_g > 0  # every point at once, the model written at its own coupling
            flat_out[on] = recast.excludes_points(
                self.search, model, flat_g[on], flat_m[on], loop_mixing=loop, invisible=self.invisible
            )
            return out
        gu, inv = np.unique(flat_g, return_inverse=True)  # an r-value grid: recast at its own masses, per g
        for k, gv in enumerate(gu):
            if gv > 0:
                sel = inv == k
                band = self._band(model.at_coupling(float(gv)), loop)
                flat_out[sel] = band.excludes(flat_m[sel], np.full(sel.sum(), gv))
        return out


def recast_searches() -> tuple[str, ...]:
    """Names of the DarkCast v1 searches that are searches (the g-2 curves left out)."""
    return tuple(n for n, s in recast.SEARCHES.items() if s.kind != "g-2")


def today_searches() -> tuple[str, ...]:
    """Names of the limits newer than DarkCast v1 (DarkCast 2023, NA64 2022), recast the same way."""
    return tuple(recast.TODAY_SEARCHES)


# --- lepton g-2 -----------------------------------------------------------------------------
def _gaussian_minimum(measurement: Measurement, reaches_sign: bool) -> float:
    """min over the plane of ((y - v)/sigma)^2 - (v/sigma)^2 for a shift y that is 0 at g = 0 and
    continuous in g: -(v/sigma)^2 when y reaches the sign of v somewhere (then y = v is reached),
    else 0 (the SM)."""
    v, s = measurement.value, measurement.sigma
    return -((v / s) ** 2) if (v != 0 and reaches_sign) else 0.0


class LeptonG2(Constraint):
    """(g-2) of the muon or electron, full one-loop contribution (:mod:`zprime.observables.gm2`).

    Vector and axial couplings of a spin-1 boson (Delta a_V + Delta a_A; the axial piece is
    negative), or the Yukawa of a scalar (Delta a_S > 0).  chi^2 = ((Delta a(g, m) -
    Delta a_exp)/sigma)^2; Delta chi^2 from the SM; excluded where it exceeds 4 above its
    minimum (the 2-sigma band of a one-parameter measurement): for a positive anomaly the
    couplings below and above the band, otherwise those above.
    """

    kind = "chi2"
    convention = MIN_2SIGMA_1DOF
    provenance = "measurement"
    family = "(g-2)"
    spins = ("vector", "scalar")
    axial = True
    psi_mixing = True  # charged leptons only: nu-Psi mixing plays no role

    def __init__(self, lepton: str, measurement: Measurement, label: str):
        if lepton not in ("e", "mu"):
            raise ConstraintError(f"lepton must be 'e' or 'mu', got {lepton!r}")
        self.lepton, self.measurement = lepton, measurement
        self.name = f"(g-2)_{lepton} {label}"
        self.reference = measurement.source
        self.data = (f"Delta a_{lepton} = ({measurement.value:.3g} +- {measurement.sigma:.2g})",)
        # the alpha measurements (Cs, Rb) change the SM a_e; a_e itself is one measurement
        self.datasets = (f"a_{lepton} measurement",)
        self.quantity = f"Delta a_{lepton}"

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        return "" if _couples(model, (self.lepton,), loop_mixing) else f"the boson does not couple to the {self.lepton}"

    def minimum(self, model: Mediator, *, loop_mixing: bool = False) -> float:
        """Exact: -(v/sigma)^2 if Delta a reaches the sign of the measured value at some mass, else 0.

        A vector or scalar coupling gives Delta a > 0 at every mass; with an axial coupling the
        sign is read off Delta a at g = 1 on the grid of ``minimum_masses`` (with eps != 0 it
        is the general grid search of the base class).
        """
        if isinstance(model, VectorModel) and model.a(self.lepton) != 0.0:
            if model.eps != 0.0:
                return super().minimum(model, loop_mixing=loop_mixing)
            m = np.geomspace(*self.minimum_masses)
            da = np.asarray(self.delta_a(model, 1.0, m, loop_mixing=loop_mixing))
            return _gaussian_minimum(self.measurement, bool(np.any(np.sign(da) == np.sign(self.measurement.value))))
        return _gaussian_minimum(self.measurement, self.measurement.value > 0)

    def delta_a(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray | float:
        """Delta a_l(g, m): vector + axial pieces for a spin-1 boson, the Yukawa piece for a scalar."""
        g, m = _points(g, m)
        if isinstance(model, ScalarModel):
            return gm2.delta_a_scalar(g * abs(model.y(self.lepton)), m, self.lepton)
        model = _vector(model)
        out = gm2.delta_a_vector(np.abs(coupling(model, self.lepton, g, loop_mixing)), m, self.lepton)
        if model.a(self.lepton) != 0.0:
            out = out + gm2.delta_a_axial(g * abs(model.a(self.lepton)), m, self.lepton)
        return out

    def delta_chi2(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        g, m = _points(g, m)
        self.check_reach(model, m, loop_mixing)
        v, s = self.measurement.value, self.measurement.sigma
        return np.asarray(((self.delta_a(model, g, m, loop_mixing=loop_mixing) - v) / s) ** 2 - (v / s) ** 2)

    def band(self, model: Mediator, m: ArrayLike, n_sigma: float = 2.0, *, loop_mixing: bool = False) -> tuple:
        """(g_lo, g_hi): couplings with Delta a inside value +- n_sigma sigma (tree mixing 0).

        The one place the library computes the (g-2) band, through :func:`zprime.observables.gm2.coupling_band`
        with Delta a(g, m) = g^2 Delta a(1, m) (every coupling scales with g when eps = 0).
        g_lo = 0 where the interval reaches Delta a <= 0; NaN where it lies entirely below 0
        or where the model gives Delta a <= 0 (an axial coupling that dominates).
        """
        if isinstance(model, VectorModel) and model.eps != 0.0:
            raise ConstraintError("the closed-form band needs eps = 0 (the coupling then scales the charge)")
        self.check_reach(model, m, loop_mixing)
        m = np.asarray(m, dtype=float)
        if self.measurement.band(n_sigma)[1] <= 0:
            return np.full_like(m, np.nan), np.full_like(m, np.nan)
        if isinstance(model, VectorModel) and model.a(self.lepton) == 0.0:
            q = float(coupling(model, self.lepton, 1.0, loop_mixing))
            return gm2.coupling_band(self.measurement, m, q, n_sigma, self.lepton)
        unit = np.asarray(self.delta_a(model, 1.0, m, loop_mixing=loop_mixing), dtype=float)
        lo, hi = gm2.coupling_band(
            self.measurement, m, 1.0, n_sigma, self.lepton, delta_a_unit=np.where(unit > 0, unit, 1.0)
        )
        bad = unit <= 0
        return np.where(bad, np.nan, lo), np.where(bad, np.nan, hi)


# --- neutrino-electron scattering -----------------------------------------------------------
class Borexino7Be(Constraint):
    """Borexino 7Be rate, R_Be = 1.06 +- 0.09 (App. B of arXiv:2203.13731, :mod:`zprime.observables.nue`).

    Axial couplings enter through the chiral couplings the rate is written with: g (x_e -+ a_e)
    (plus mixing) to e_L and e_R, g (x_nu - a_nu) to the left-handed neutrinos.  A scalar adds its
    helicity-flipping rate incoherently (couplings g y_nu, g y_e; :func:`zprime.observables.nue.R_Be`).
    """

    kind = "chi2"
    convention = MIN_2SIGMA_1DOF
    spins = ("vector", "scalar")
    axial = True
    name = "Borexino 7Be"
    reference = "Borexino, PRL 107 (2011) 141302; chi2 of arXiv:2203.13731 App. B"
    data = ("R_Be = 1.06 +- 0.09", "solar/be7 flavour fractions (B16-GS98, NuFIT 5.2)")
    datasets = ("Borexino Phase-I solar data",)
    provenance = "measurement"
    family = "nu-e scattering"

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        if isinstance(model, ScalarModel):
            if not any(model.y(n) != 0.0 for n in _NUS):
                return "the scalar does not couple to neutrinos"
            return "" if model.y("e") != 0.0 else "the scalar does not couple to electrons"
        model = _vector(model)
        if not any(model.x_L(n) != 0.0 for n in _NUS):
            return "the boson does not couple to left-handed neutrinos"
        return "" if _couples(model, ("e",), loop_mixing) else "the boson does not couple to electrons"

    def delta_chi2(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        g, m = _points(g, m)
        self.check_reach(model, m, loop_mixing)
        out = np.empty(g.shape)
        sm = float(nue.borexino_chi2(1.0))
        for mv in np.unique(m):
            sel = m == mv
            gs = g[sel]
            if isinstance(model, ScalarModel):
                zero = np.zeros(gs.shape)
                scalar = (tuple(gs * model.y(n) for n in _NUS), gs * model.y("e"))
                R = nue.R_Be((zero, zero, zero), zero, zero, float(mv), scalar=scalar)
            else:
                vm = _vector(model)
                ge = coupling(vm, "e", gs, loop_mixing)
                ga = gs * vm.a("e")
                R = nue.R_Be(tuple(gs * vm.x_L(n) for n in _NUS), ge - ga, ge + ga, float(mv))
            out[sel] = nue.borexino_chi2(R) - sm
        return out


class NuElectronCurve(Constraint):
    """A nu-e scattering limit on g_B-L (arXiv:1803.05466 Fig. 13), scaled to the model.

    At fixed m the rate shift goes with the product of the neutrino and electron couplings,
    so a B-L limit g_BL(m) (x_nu = x_e = -1) excludes g_nu g_e >= g_BL^2, with g_nu the
    flux-weighted neutrino coupling of the experiment.  This rescaling ignores the sign of the
    interference with the SM (as DarkCast does for these curves).
    """

    kind = "curve"
    cl = "90 % (as published)"
    provenance = "digitised curve"
    family = "nu-e scattering"

    def __init__(self, name: str, file: str, weights: dict[str, float], reference: str):
        self.name, self.reference = name, reference
        self.data = (file,)
        self.datasets = (f"{name} nu-e scattering",)
        self.weights = weights
        self._curve = None

    def _load(self):
        if self._curve is None:
            from zprime import data
            from zprime.statistics import LimitCurve

            m, g = data.load_curve(self.data[0])
            self._curve = LimitCurve(m, g)
        return self._curve

    def mass_range(self, model: Mediator) -> tuple:
        return self._load().mass_range

    def support_reason(self, model: Mediator) -> str:
        if model.spin == "scalar":
            return (
                f"scalar mediators are not treated: {self.name}'s limit is a published curve for a B - L vector, and "
                "a scalar's nu-e cross section has another recoil spectrum and no interference with the SM, so the "
                "curve does not rescale to it (no data release to refit is at hand)"
            )
        return super().support_reason(model)

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        model = _vector(model)
        if not any(model.x(n) != 0 for n, w in self.weights.items() if w):
            return "the boson does not couple to the neutrinos of this beam"
        return "" if _couples(model, ("e",), loop_mixing) else "the boson does not couple to electrons"

    def excluded(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        model = _vector(model)
        g, m = _points(g, m)
        self.check_reach(model, m, loop_mixing)
        x_nu = sum(w * model.x(n) for n, w in self.weights.items())
        prod = np.abs(g * x_nu * coupling(model, "e", g, loop_mixing))
        return prod >= self._load()(m) ** 2


# --- trident, NSI in oscillations ------------------------------------------------------------
class CCFRTrident(Constraint):
    """CCFR neutrino trident, sigma/sigma_SM = 0.82 +- 0.28, in the contact form eq. (3.21) of arXiv:2203.13731.

    Eq. (3.23) writes the muon coupling g (q_V - q_A gamma_5): q_V is the vector coupling of eq. (1),
    q_A = -a_mu, and the nu_mu coupling is that of the left-handed neutrino, x_nu - a_nu.
    """

    kind = "chi2"
    convention = MIN_2SIGMA_1DOF
    name = "CCFR trident"
    reference = "CCFR, PRL 66 (1991) 3117; eq. (3.21) of arXiv:2203.13731"
    data = ("sigma/sigma_SM = 0.82 +- 0.28",)
    datasets = ("CCFR trident",)
    provenance = "measurement"
    family = "neutrino trident"
    axial = True

    def mass_range(self, model: Mediator) -> tuple:
        return (trident.EFT_MIN_MASS, math.inf)

    def reasons(self, model: Mediator, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        out = super().reasons(model, m, loop_mixing=loop_mixing)
        if self.model_reason(model, loop_mixing):
            return out
        m = np.atleast_1d(np.asarray(m, float))
        out[(out != "") & (m < trident.EFT_MIN_MASS)] = (
            "below 1 GeV the contact form (3.21) does not hold; the full calculation of arXiv:1406.2332 "
            "is not implemented"
        )
        return out

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        model = _vector(model)
        if model.x_L("nu_mu") == 0.0:
            return "the boson does not couple to nu_mu (its left-handed charge x - a is 0)"
        return "" if _couples(model, ("mu",), loop_mixing) else "the boson does not couple to muons"

    def delta_chi2(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        model = _vector(model)
        g, m = _points(g, m)
        self.check_reach(model, m, loop_mixing)
        sm = float(trident.chi2(0.0, 0.0, 0.0, trident.EFT_MIN_MASS))
        g_A = -g * model.a("mu")  # q_A of eq. (3.23)
        return trident.chi2(g * model.x_L("nu_mu"), coupling(model, "mu", g, loop_mixing), g_A, m) - sm


class NSIOscillation(Constraint):
    """NSI in neutrino oscillations: the approximate chi^2 of App. A of arXiv:2203.13731.

    Delta chi^2 = a eps_0^2 - 2 b eps_0 at the global minimum of the App. A loss
    (:func:`zprime.observables.nsi_osc.global_minimum`), eps_0 = g^2/(sqrt2 G_F m^2); the bound is
    Delta chi^2 = 4 from the SM, as in App. A.  Matter is neutral: kinetic mixing drops out.
    """

    kind = "chi2"
    convention = SM_2SIGMA_1DOF
    name = "NSI oscillations"
    reference = "arXiv:2203.13731 App. A (fit to arXiv:2009.14220)"
    data = ("lib/zprime/tables/nsi_osc_minimum.toml",)
    # the global fit's solar sector includes Borexino's Phase-I spectra (arXiv:2009.14220 sect. 3)
    datasets = ("global oscillation data 2020", "Borexino Phase-I solar data")
    provenance = "published fit"
    family = "oscillations"
    #: The contact form needs ranges far below the Earth's radius, 1/R_Earth = 3e-14 GeV.
    M_MIN = 1e-10

    def mass_range(self, model: Mediator) -> tuple:
        return (self.M_MIN, math.inf)

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        model = _vector(model)
        if model.x("u") != model.x("d"):
            return "App. A writes matter charges with x_B: needs x_u = x_d"
        if any(model.x(l) != model.x("nu_" + l) for l in ("e", "mu", "tau")):
            return "App. A takes each neutrino's charge equal to its charged lepton's (SU(2)_L doublets)"
        nus = [model.x(n) for n in _NUS]
        if max(nus) == min(nus):
            return "flavour-universal neutrino charges: oscillations see no NSI"
        return ""

    def theta(self, model: Mediator) -> tuple[float, float, float, float]:
        """(x_B, x_e, x_mu, x_tau) of App. A."""
        model = _vector(model)
        return (3 * model.x("u"), model.x("nu_e"), model.x("nu_mu"), model.x("nu_tau"))

    def delta_chi2(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        g, m = _points(g, m)
        self.check_reach(model, m, loop_mixing)
        return nsi_osc.global_minimum().delta_chi2(nsi_osc.eps0(g, m), self.theta(model))


# --- parity violation, electroweak precision, cosmology -------------------------------------
class APV(Constraint):
    """Atomic parity violation in 133Cs from an axial electron coupling times vector quark couplings.

    Sect. 5.1 of arXiv:2203.13731, generalised from kinetic mixing to any vector quark
    couplings (:func:`zprime.observables.apv.delta_Q_weak_couplings`):
    Delta Q_W = 2 sqrt2/(G_F m^2) g a_e (Z g_p + N g_n), g_p = 2 g_u + g_d, g_n = g_u + 2 g_d (the
    vector couplings of eq. (1), mixing included).  chi^2 = ((Delta Q_W - 0.65)/0.43)^2; excluded
    at 2 sigma (1 dof) from the minimum, i.e. outside 0.65 +- 2 x 0.43, as eq. (5.4).  The contact
    form needs m far above atomic momenta; below :data:`M_MIN` it is not used.
    """

    kind = "chi2"
    convention = MIN_2SIGMA_1DOF
    name = "APV (Cs)"
    reference = "arXiv:2203.13731 sect. 5.1, ref. [126]"
    data = ("Q_W(Cs) exp - SM = 0.65 +- 0.43",)
    datasets = ("Cs APV",)
    provenance = "measurement"
    family = "atomic parity violation"
    axial = True
    #: Lowest mass (GeV) where the contact interaction (5.2) is used: 10 MeV, several times the
    #: momenta ~ Z alpha m_e ... 1/R_nucleus that dominate the Cs matrix element (the finite-range
    #: correction of Bouchiat and Fayet, hep-ph/0410260, is not implemented).
    M_MIN = 0.01

    def mass_range(self, model: Mediator) -> tuple:
        return (self.M_MIN, math.inf)

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        model = _vector(model)
        if model.a("e") == 0.0:
            return "no axial electron coupling: Delta Q_W = 0 (APV needs an axial electron coupling, sect. 5.1)"
        if not _vector_couples(model, ("u", "d"), loop_mixing):
            return "no vector coupling to quarks or (through mixing) the proton: Delta Q_W = 0"
        return ""

    def delta_Q_weak(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        """Delta Q_W(Cs) at (g, m), broadcast shape."""
        model = _vector(model)
        g, m = _points(g, m)
        gu, gd = coupling(model, "u", g, loop_mixing), coupling(model, "d", g, loop_mixing)
        return apv.delta_Q_weak_couplings(g * model.a("e"), 2 * gu + gd, gu + 2 * gd, m)

    def minimum(self, model: Mediator, *, loop_mixing: bool = False) -> float:
        """Exact for eps = 0 (Delta Q_W = g^2 Delta Q_W(1), its sign fixed); the grid search otherwise."""
        model = _vector(model)
        if model.eps != 0.0:
            return super().minimum(model, loop_mixing=loop_mixing)
        dq = float(self.delta_Q_weak(model, 1.0, 1.0, loop_mixing=loop_mixing))
        return _gaussian_minimum(apv.CS_QW, np.sign(dq) == np.sign(apv.CS_QW.value))

    def delta_chi2(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        g, m = _points(g, m)
        self.check_reach(model, m, loop_mixing)
        v, s = apv.CS_QW.value, apv.CS_QW.sigma
        return ((self.delta_Q_weak(model, g, m, loop_mixing=loop_mixing) - v) / s) ** 2 - (v / s) ** 2


class TParameter(Constraint):
    """The electroweak T parameter from hypercharge mixing eps_Y (eqs. (3.10)-(3.12) of arXiv:2203.13731).

    eps_Y = eps / c_W (eq. (3.19)); T does not depend on g, so at a mass either every
    coupling is excluded or none.
    """

    kind = "chi2"
    convention = MIN_2SIGMA_1DOF
    name = "EW T parameter"
    axial = True  # T depends on eps only
    reference = "arXiv:2203.13731 eq. (3.12)"
    data = ("T = 0.03 +- 0.12",)
    datasets = ("electroweak precision fit",)
    provenance = "measurement"
    family = "electroweak precision"

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        model = _vector(model)
        return "" if model.eps != 0.0 else "no tree-level kinetic mixing: T = 0"

    def delta_chi2(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        model = _vector(model)
        g, m = _points(g, m)
        self.check_reach(model, m, loop_mixing)
        eps_Y = model.eps / math.sqrt(1 - c.sin2_thetaW_MZ)
        T = ewpt.T_parameter(np.full(g.shape, eps_Y), m)
        v, s = ewpt.T_FIT.value, ewpt.T_FIT.sigma
        return ((T - v) / s) ** 2 - (v / s) ** 2


#: The final states that connect the boson to the SM plasma (every state but a dark sector's).
SM_STATES = ("visible", "neutrinos")


class BBN(Constraint):
    """Big-bang nucleosynthesis: a boson lighter than about 10 MeV that reaches equilibrium.

    arXiv:2203.13731 sect. 2.5 (after arXiv:1901.02010): m_Z' >~ 10 MeV for couplings that
    thermalise.  Our criterion for thermalisation (an order-of-magnitude one, ours): decays and
    inverse decays with the SM plasma faster than the expansion at T = m_Z',
    Gamma(Z' -> SM states) > H(T = m) = sqrt(8 pi^3 g_*/90) m^2 / M_Pl with g_* = 10.75.
    The width into a dark sector does not count: chi chibar does not connect the boson to the SM
    bath (for a model without one, the SM width is the total width).
    """

    kind = "curve"
    name = "BBN (thermalised below 10 MeV)"
    reference = "arXiv:2203.13731 sect. 2.5; arXiv:1901.02010"
    data = ("m_Z' > 10 MeV; equilibrium criterion Gamma > H(T = m)",)
    cl = "approximate (no C.L.)"
    provenance = "own criterion"
    family = "cosmology"
    spins = ("vector", "scalar")
    axial = True

    def mass_range(self, model: Mediator) -> tuple:
        return (0.0, c.M_ZP_BBN_MIN)

    def excluded(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        g, m = _points(g, m)
        self.check_reach(model, m, loop_mixing)
        return _in_equilibrium(model, g, m, loop_mixing, SM_STATES)[0]


def _in_equilibrium(model: Mediator, g: np.ndarray, m: np.ndarray, loop_mixing: bool, *groups) -> list[np.ndarray]:
    """For each group of final states, Gamma(boson -> states) > H(T = m): decays and inverse decays into them
    faster than the expansion when T = m (the criterion of :class:`BBN`), at the points (g, m) (checked
    arrays, GeV).  One evaluation of the partial widths serves every group."""
    H = math.sqrt(8 * math.pi**3 * c.G_STAR_MEV / 90) * m**2 / c.M_PLANCK
    if model.scales_with_g:
        mu, inv = np.unique(m, return_inverse=True)
        pw = decays.partial_widths(model, mu, 1.0, loop_mixing=loop_mixing)
        return [g**2 * np.asarray(decays.sum_widths(pw, s)).reshape(-1)[inv].reshape(m.shape) > H for s in groups]
    # eps or a fixed g_chi: the widths at each point's own g (the charges x_f + eps e Q_f/g)
    outs = [np.zeros(g.shape, dtype=bool) for _ in groups]
    flat_g, flat_m, flat_H = g.ravel(), m.ravel(), H.ravel()
    loop = loop_mixing and getattr(model, "eps", 0.0) == 0.0
    on = flat_g > 0
    if np.any(on):
        pw = decays.partial_widths(model, flat_m[on], flat_g[on], loop_mixing=loop)
        for out, s in zip(outs, groups):
            out.reshape(-1)[on] = np.asarray(decays.sum_widths(pw, s)).reshape(-1) > flat_H[on]
    return outs


class LightDarkStates(Constraint):
    """N_eff from a light dark fermion that the boson thermalises: chi lighter than
    :data:`zprime.constants.M_THERMAL_SPECIES_MIN_2020` (3.7 MeV, BBN + Planck at 2 sigma for a species in
    equilibrium with the SM, arXiv:1910.01649) is excluded where the boson holds chi and the SM plasma in
    equilibrium at T = m_Z': Gamma(Z' -> SM states) > H and Gamma(Z' -> chi chibar) > H (the criterion of
    :class:`BBN`, m_Z' > 2 m_chi).  Below the muon mass chi then leaves equilibrium when g_*s = 10.75, as the
    neutrinos do, or stays in it: decoupled while relativistic it has the neutrinos' temperature, and a Dirac
    fermion (4 states against a neutrino's 2) adds Delta N_eff = 2; still coupled it is the thermal species
    of arXiv:1910.01649.
    Our criterion (an order-of-magnitude one, like :class:`BBN`'s); no C.L.  Off-shell thermalisation
    (m_Z' < 2 m_chi) and m_Z' above m_mu (where chi could decouple before the muons annihilate) are not
    treated.
    """

    kind = "curve"
    name = "N_eff (thermal chi below 3.7 MeV)"
    reference = (
        "Sabti, Alvey, Escudero, Fairbairn, Blas, JCAP 01 (2020) 004 [arXiv:1910.01649]; equilibrium criterion "
        "of arXiv:2203.13731 sect. 2.5"
    )
    data = ("m_chi > 3.7 MeV for a thermalised species (BBN + Planck, 2 sigma)", "Gamma > H(T = m)")
    cl = "approximate (no C.L.)"
    provenance = "own criterion"
    family = "cosmology"
    spins = ("vector", "scalar")
    axial = True

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        d = model.dark
        if d is None:
            return "the model has no dark sector"
        if d.m_chi is None:
            return "a fixed invisible branching ratio has no dark-fermion mass"
        if d.m_chi >= c.M_THERMAL_SPECIES_MIN_2020:
            return f"m_chi = {d.m_chi * 1e3:g} MeV is above the 3.7 MeV bound on a thermalised species"
        return ""

    def mass_range(self, model: Mediator) -> tuple:
        d = model.dark
        if d is None or d.m_chi is None:
            return (0.0, math.inf)
        return (2 * d.m_chi, c.m_mu)

    def excluded(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        g, m = _points(g, m)
        self.check_reach(model, m, loop_mixing)
        sm, dark = _in_equilibrium(model, g, m, loop_mixing, SM_STATES, ("chi_chi",))
        return sm & dark


# --- the catalogue --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def catalogue() -> dict[str, Constraint]:
    """Every constraint by name (built once; constraints cache per model)."""
    out: list[Constraint] = [Coherent("CsI2017"), Coherent("CsI"), Coherent("Ar")]
    out.append(out[1] + out[2])
    out[-1].name = "COHERENT CsI 2021 + Ar 2020"
    searches = [DarkPhotonSearch(n) for n in recast_searches()]
    out += searches
    union = Union(searches, name="dark-photon searches (recast)")
    out.append(union)
    newer = [DarkPhotonSearch(n) for n in today_searches()]
    out += newer
    out.append(Union(searches + newer, name="dark-photon searches today (recast)"))
    out += [
        LeptonG2("mu", c.DELTA_A_MU_2021, "2021"),
        LeptonG2("mu", c.DELTA_A_MU_2025, "2025"),
        LeptonG2("e", c.DELTA_A_E_CS_2018, "Cs 2018"),
        LeptonG2("e", c.DELTA_A_E_RB_2020, "Rb 2020"),
        Borexino7Be(),
        NuElectronCurve(
            "TEXONO",
            "limits/darkcast/v2_2023_vendored/limits/Texono_Bauer2018onh.lmt",
            {"nu_e": 1.0},
            "TEXONO, PRD 81 (2010) 072001; curve of arXiv:1803.05466 Fig. 13",
        ),
        NuElectronCurve(
            "CHARM-II",
            "limits/darkcast/v2_2023_vendored/limits/CHARMII_Bauer2018onh.lmt",
            {"nu_mu": 1.0},
            "CHARM-II, PLB 335 (1994) 246; curve of arXiv:1803.05466 Fig. 13",
        ),
        CCFRTrident(),
        NSIOscillation(),
        APV(),
        TParameter(),
        BBN(),
        LightDarkStates(),
        XenonNT8B(),
    ]
    names = [x.name for x in out]
    dup = {n for n in names if names.count(n) > 1}
    if dup or any("," in n for n in names):
        raise RuntimeError(f"constraint names must be unique and free of commas (the CLI splits on them): {names}")
    return {x.name: x for x in out}


@lru_cache(maxsize=1)
def model_catalogue() -> dict[str, Constraint]:
    """The constraints of particular models, by name: those of the neutrinophilic models of Farzan and
    Heeck (:mod:`zprime.constraints.neutrinophilic`), which no other model reaches."""
    from zprime.constraints import neutrinophilic

    out = {x.name: x for x in neutrinophilic.constraints()}
    if set(out) & set(catalogue()) or any("," in n for n in out):
        raise RuntimeError(f"model constraint names must be new and free of commas: {sorted(out)}")
    return out


def for_model(model: Mediator) -> list[Constraint]:
    """Every constraint of :func:`catalogue`, and those of :func:`model_catalogue` that treat ``model``
    (what ``bounds(model, masses)`` runs by default)."""
    model = as_mediator(model)
    return list(catalogue().values()) + [x for x in model_catalogue().values() if not x.support_reason(model)]


def get(name: str) -> Constraint:
    """A constraint of the catalogue by name.

    Parameters
    ----------
    name : str
        A key of :func:`catalogue` (``python -m zprime bounds --list`` prints them); a typo
        raises with the closest names.

    Returns
    -------
    Constraint

    Examples
    --------
    >>> from zprime import constraints
    >>> c = constraints.get("COHERENT CsI 2021")
    >>> c.kind, c.convention.reference, round(c.convention.level, 2)
    ('chi2', 'minimum', 6.18)
    """
    import difflib

    cat = {**catalogue(), **model_catalogue()}
    if not isinstance(name, str):
        raise ConstraintError(f"name must be a constraint name (str), got {name!r}")
    if name not in cat:
        close = difflib.get_close_matches(name, cat, n=3)
        raise ConstraintError(f"unknown constraint {name!r}" + (f"; did you mean {close}?" if close else ""))
    return cat[name]
