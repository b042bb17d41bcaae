"""Recast of dark-photon searches to any vector U(1)' model (the DarkCast method).

Method of P. Ilten, Y. Soreq, M. Williams, W. Xue, "Serendipity in dark photon
searches", JHEP 06 (2018) 004, arXiv:1801.04847 (equation numbers below refer
to it); implemented here from the paper, not from its code.  A search that saw
no signal bounds the expected yield at each mass m.  The yield factorises into
production x branching fraction x probability to decay inside the fiducial
proper-time window [t0, t1], so a dark-photon limit eps(m) maps to the coupling
g of a model X through (eq. 2.2)

    (g/eps)^2 R_P(m) x BR_X(F)/BR_A'(F) x E(tau_X(g))/E(tau_A'(eps)) = 1,

    R_P = sum_k f_k(m) P_k^X(m)/P_k^A'(m),   E(tau) = exp(-t0/tau) - exp(-t1/tau).

Production factors P_k (eqs. 2.3-2.12): x_f^2 for radiation off or annihilation
of a fermion f (``e_brem``, ``e_e``, ``mu_brem``, ``u_u``, ...); (2 x_u + x_d)^2 for
proton bremsstrahlung; [Tr(T_V Q_X)]^2 for vector-meson mixing; and for meson
decays A -> B X the VMD amplitude |sum_V Tr(T_A T_B T_V) Tr(T_V Q_X) BW_V(m)|^2
with running-width Breit-Wigners normalised to 1 at m = 0.

Lifetime windows (the ``window`` of a :class:`Search`):

* ``None`` -- no lifetime dependence (invisible searches; prompt searches where
  the decay length never matters): closed form
  g = eps sqrt(BR_A'/BR_X / R_P);
* ``("prompt", t1)`` -- t0 = 0, t1(m) a maximal proper decay time;
* ``("dump", r)`` -- beam dump with decay-volume/shield length ratio r: t1 = t0 (1 + r),
  t0 fixed at each mass by equal dark-photon yields at the lower and upper edge
  of the published band (eqs. 2.22-2.24); the recast band is the pair of roots
  (App. C);
* ``("rgrid",)`` -- LHCb displaced: a grid of r = (observed limit)/(expected yield)
  in (m, eps); each node maps to the X coupling with the same lifetime
  (eq. 2.21), beyond the grid's lifetimes with the windows of eq. (C.4).

Invisible searches: ``invisible="neutrinos"`` (default) counts only Z' -> nu nubar
as invisible; a number f adds a dark-sector width f x Gamma_SM (DarkCast's own
recasts use f = 99).  Each paper's convention is a parameter of its notebook.

Units: GeV and GeV^-1 (:mod:`zprime.units`); couplings dimensionless.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import numpy as np

from zprime import constants as c
from zprime import data
from zprime.observables import decays
from zprime.models import ModelError, VectorModel, get_model
from zprime.units import m as metre, s as second

DARKCAST = "limits/darkcast/v1_2022_philten/"
#: Couplings at or above this value in a limit file are placeholders ("no limit").
G_SENTINEL = 1e5


class RecastError(ValueError):
    """A recast that cannot be done: unknown search, masses outside its range, bad input."""


# ---------------------------------------------------------------------------
# the searches
# ---------------------------------------------------------------------------
def _kloe_gamma(m, m_daughter=0.0):
    """Boost of X from phi(1020) -> X + daughter at rest: (m_phi^2 + m^2 - m_d^2)/(2 m_phi m)."""
    mphi = c.VECTOR_MESONS["phi"]["mass"]
    return (mphi**2 + m**2 - m_daughter**2) / (2.0 * mphi * m)


def _t1_kloe(m):
    return 8.0e-2 * metre / _kloe_gamma(m)


def _t1_kloe_eta(m):
    return 8.0e-2 * metre / _kloe_gamma(m, c.m_eta)


def _t1_na48(m):
    # decay within 1 m, boost 50 GeV/m (NA48/2, arXiv:1504.00607, text before eq. 9)
    return 1.0 * metre / (50.0 / m)


def _t1_lhcb(m):
    # (0.004/(m - 2 m_mu) + 0.1) ps, the LHCb prompt selection as parametrised with DarkCast
    # (Ilten et al., arXiv:1603.08926 quote 0.04; the shipped recasts use 0.004)
    return (0.004 / np.maximum(m - 2 * c.m_mu, 1e-12) + 0.1) * 1e-12 * second


def _t1_cms(m):
    # CMS dimuon scouting: no impact-parameter cut below 45 GeV, ~5 ps to 130 GeV, then linear
    m = np.asarray(m, dtype=float)
    return np.where(m < 45, np.inf, np.where(m < 130, 5e-12, -3.66e-11 + 3.12e-13 * m)) * second


@dataclass(frozen=True)
class Search:
    """One dark-photon search: its data file and what the recast needs to know.

    production : a mechanism name or a ``.prd`` fraction table (file name)
    decay      : final states searched for (``decays`` names), ``"invisible"``,
                 or ``None`` (g-2: no decay involved)
    window     : lifetime treatment, see the module docstring
    reference_states : if set, the dark-photon total width is restricted to these
    kind       : ``prompt``, ``displaced``, ``invisible`` or ``g-2`` (for reporting)
    """

    name: str
    production: str
    decay: tuple[str, ...] | str | None
    window: tuple | None = None
    reference_states: tuple[str, ...] | None = None
    kind: str = "prompt"
    label: str = ""
    reference: str = ""

    @property
    def file(self) -> str:
        return f"{DARKCAST}limits/{self.name}.lmt"

    @property
    def two_sided(self) -> bool:
        return self.window is not None and self.window[0] in ("dump", "rgrid")


def _S(name, production, decay, window=None, kind=None, **kw):
    if kind is None:
        kind = ("invisible" if decay == "invisible" else
                "displaced" if window is not None and window[0] in ("dump", "rgrid") else "prompt")
    return Search(name, production, decay, window, kind=kind, **kw)


_EE, _MM = ("e_e",), ("mu_mu",)
#: The DarkCast v1 limits that can be recast (metadata from the limit definitions
#: of arXiv:1801.04847 and its repository, transcribed).
SEARCHES: dict[str, Search] = {s.name: s for s in [
    _S("A1_Merkel2011ze", "e_brem", _EE, label="A1 2011", reference="arXiv:1101.4091"),
    _S("A1_Merkel2014avp", "e_brem", _EE, label="A1", reference="arXiv:1404.5502"),
    _S("AMMe_Bodas2021fsy_cs", "e_brem", None, kind="g-2", label="(g-2)_e Cs",
       reference="arXiv:2102.07781"),
    _S("AMMe_Bodas2021fsy_rb", "e_brem", None, kind="g-2", label="(g-2)_e Rb",
       reference="arXiv:2102.07781"),
    _S("AMMmu_Bodas2021fsy", "mu_brem", None, kind="g-2", label="(g-2)_mu 5 sigma",
       reference="arXiv:2102.07781"),
    _S("AMMmu_Bodas2021fsy_2l", "mu_brem", None, kind="g-2", label="(g-2)_mu band low",
       reference="arXiv:2102.07781"),
    _S("AMMmu_Bodas2021fsy_2u", "mu_brem", None, kind="g-2", label="(g-2)_mu band high",
       reference="arXiv:2102.07781"),
    _S("APEX_Abrahamyan2011gv", "e_brem", _EE, label="APEX", reference="arXiv:1108.2750"),
    _S("BESIII_Ablikim2017aab", "e_e", ("e_e", "mu_mu"), label="BESIII", reference="arXiv:1705.04265"),
    _S("BaBar_Lees2014xha", "e_e", ("e_e", "mu_mu"), label="BaBar", reference="arXiv:1406.2980"),
    _S("BaBar_Lees2017lec", "e_e", "invisible", label="BaBar inv.", reference="arXiv:1702.03327"),
    _S("BaBar_TheBABAR2016rlg", "e_e", _MM, label="BaBar 4mu (as e+e- -> gamma X)",
       reference="arXiv:1606.03501"),
    _S("BelleII_Adachi2019otg", "mu_brem", "invisible", label="Belle II inv.",
       reference="arXiv:1912.11276"),
    _S("CHARM_Bergsma1985qz", "eta_gamma", _EE, ("dump", 10.0 / 480.0), label="CHARM",
       reference="PLB 157 (1985) 458"),
    _S("CHARM_Tsai2019mtm", "eta_gamma", _EE, ("dump", 10.0 / 480.0), label="CHARM (Tsai et al.)",
       reference="arXiv:1908.07525"),
    _S("CMS_CMS2019kiy", "CMS_CMS2019kiy.prd", _MM, ("prompt", _t1_cms), label="CMS",
       reference="CMS-PAS-EXO-19-018"),
    _S("E137_Andreas2012mt", "e_brem", _EE, ("dump", 204.0 / 179.0), label="E137",
       reference="arXiv:1209.6083"),
    _S("E137_Bjorken2009mm", "e_brem", _EE, ("dump", 204.0 / 179.0), label="E137 (BEST)",
       reference="arXiv:0906.0580"),
    _S("E141_Riordan1987aw", "e_brem", _EE, ("dump", 35.0 / 0.12), label="E141",
       reference="PRL 59 (1987) 755"),
    _S("E774_Bross1989mp", "e_brem", _EE, ("dump", 2.0 / 0.3), label="E774",
       reference="PRL 67 (1991) 2942"),
    _S("HPS_Adrian2018scb", "e_brem", _EE, label="HPS", reference="arXiv:1807.11530"),
    _S("KEK_Konaka1986cb", "e_brem", _EE, ("dump", 2.2 / 2.4), label="KEK",
       reference="PRL 57 (1986) 659"),
    _S("KLOE_Anastasi2015qla", "e_e", _EE, ("prompt", _t1_kloe), label="KLOE ee",
       reference="arXiv:1509.00740"),
    _S("KLOE_Anastasi2016ktq", "e_e", ("pi+_pi-",), ("prompt", _t1_kloe), label="KLOE pipi",
       reference="arXiv:1603.06086"),
    _S("KLOE_Anastasi2018azp_combined", "e_e", ("mu_mu", "pi+_pi-"), ("prompt", _t1_kloe),
       label="KLOE", reference="arXiv:1807.02691"),
    _S("KLOE_Anastasi2018azp_mumu", "e_e", _MM, ("prompt", _t1_kloe), label="KLOE mumu",
       reference="arXiv:1807.02691"),
    _S("KLOE_Babusci2012cr", "phi_eta", _EE, ("prompt", _t1_kloe_eta), reference_states=("e_e", "mu_mu"),
       label="KLOE phi -> eta X", reference="arXiv:1210.3927"),
    _S("KLOE_Babusci2014sta", "e_e", _MM, ("prompt", _t1_kloe), label="KLOE mumu 2014",
       reference="arXiv:1404.7772"),
    _S("LEP_Fox2011fx", "e_e", "invisible", label="LEP inv.", reference="arXiv:1103.0240"),
    _S("LHCb_Aaij2017rft_displaced", "LHCb_Aaij2017rft.prd", _MM, ("rgrid",),
       label="LHCb displaced 2017", reference="arXiv:1710.02867"),
    _S("LHCb_Aaij2017rft_prompt", "LHCb_Aaij2017rft.prd", _MM, ("prompt", _t1_lhcb),
       label="LHCb 2017", reference="arXiv:1710.02867"),
    _S("LHCb_Aaij2019bvg_displaced", "LHCb_Aaij2017rft.prd", _MM, ("rgrid",),
       label="LHCb displaced", reference="arXiv:1910.06926"),
    _S("LHCb_Aaij2019bvg_prompt", "LHCb_Aaij2017rft.prd", _MM, ("prompt", _t1_lhcb),
       label="LHCb", reference="arXiv:1910.06926"),
    _S("NA48_Batley2015lha", "pi0_gamma", _EE, ("prompt", _t1_na48), label="NA48/2",
       reference="arXiv:1504.00607"),
    _S("NA62_CortinaGil2019nuo", "pi0_gamma", "invisible", label="NA62 inv.",
       reference="arXiv:1903.08767"),
    _S("NA64_Banerjee2016tad", "e_brem", "invisible", label="NA64 inv. 2016",
       reference="arXiv:1610.02988"),
    _S("NA64_Banerjee2017hhz", "e_brem", "invisible", label="NA64 inv. 2017",
       reference="arXiv:1710.00971"),
    _S("NA64_Banerjee2018vgk", "e_brem", _EE, ("dump", 4.0), label="NA64 vis. 2018",
       reference="arXiv:1803.07748"),
    _S("NA64_Banerjee2019hmi", "e_brem", _EE, ("dump", 4.0), label="NA64 vis.",
       reference="arXiv:1912.11389"),
    _S("NA64_NA642019imj", "e_brem", "invisible", label="NA64 inv.", reference="arXiv:1906.00176"),
    _S("NOMAD_Astier2001ck", "pi0_gamma", _EE, ("dump", 7.5 / 835.0), label="NOMAD",
       reference="hep-ex/0101041"),
    _S("NuCAL_Blumlein1990ay", "pi0_gamma", _EE, ("dump", 23.0 / 64.0), label="nu-Cal (pi0)",
       reference="Z. Phys. C51 (1991) 341"),
    _S("NuCAL_Blumlein1991xh", "p_brem", _EE, ("dump", 23.0 / 64.0), label="nu-Cal (p brem)",
       reference="IJMPA 7 (1992) 3835"),
    _S("NuCAL_Tsai2019mtm", "pi0_gamma", _EE, ("dump", 23.0 / 64.0), label="nu-Cal (Tsai et al.)",
       reference="arXiv:1908.07525"),
    _S("Orsay_Davier1989wz", "e_brem", _EE, ("dump", 2.0), label="Orsay",
       reference="PLB 229 (1989) 150"),
    _S("PS191_Bernardi1985ny", "pi0_gamma", _EE, ("dump", 7.0 / 128.0), label="PS191",
       reference="PLB 166 (1986) 479"),
]}


def get_search(name: str) -> Search:
    """A search of :data:`SEARCHES` by name (with a suggestion for typos)."""
    if isinstance(name, Search):
        return name
    try:
        return SEARCHES[name]
    except KeyError:
        close = difflib.get_close_matches(str(name), SEARCHES, n=3)
        raise RecastError(f"unknown search {name!r}" + (f"; did you mean {close}?" if close else "")
                          + f" Known: {sorted(SEARCHES)}") from None


@lru_cache(maxsize=None)
def load_search(name: str) -> tuple[np.ndarray, ...]:
    """Columns of a search's limit file (mass [GeV], eps lower [, eps upper] or eps, r).

    Rows at m = 0 (one file starts there) are dropped: a massless boson has no width.
    """
    f = get_search(name).file
    arr = np.loadtxt(data.path(f), comments="#", ndmin=2)
    if arr.shape[0] < 2 or not np.all(np.isfinite(arr)) or np.any(arr[:, 0] < 0):
        raise data.DataError(f"{f}: malformed limit table (need >= 2 finite rows, masses >= 0)")
    return tuple(arr[arr[:, 0] > 0].T)


# ---------------------------------------------------------------------------
# production
# ---------------------------------------------------------------------------
def _breit_wigner(v: str, m):
    """m_V^2/(m_V^2 - m^2 - i m_V^2 Gamma_V(m)/m), running p-wave width (eqs. A.2-A.3)."""
    mv, wv, chans = (c.VECTOR_MESONS[v][k] for k in ("mass", "width", "channels"))
    s, sv = m * m, mv * mv

    def p2(x, m1, m2):
        return np.clip((x - (m1 + m2) ** 2) * (x - (m1 - m2) ** 2), 0.0, None) / (4 * x)

    k = np.zeros_like(m)
    for br, m1, m2 in chans:
        k = k + np.where(m > m1 + m2, br * (p2(s, m1, m2) / p2(sv, m1, m2)) ** 1.5, 0.0)
    return sv / (sv - s - 1j * sv * wv * k / m)


def production_factor(mechanism: str, x: dict[str, np.ndarray], m) -> np.ndarray:
    """P_k(m) of one mechanism for charges ``x`` (from :func:`decays.decay_charges`)."""
    parts = mechanism.split("_")
    if mechanism == "p_brem":
        return (2 * x["u"] + x["d"]) ** 2
    if len(parts) == 2 and (parts[1] == "brem" or parts[0] == parts[1]) and parts[0] in x:
        return x[parts[0]] ** 2
    if mechanism in decays.VMD_NORMALISATION:  # vector-meson mixing
        return decays._trace(decays.GENERATORS[mechanism], x) ** 2
    if len(parts) == 2 and all(p in decays.GENERATORS for p in parts):  # A -> B X
        ta, tb = (decays.GENERATORS[p] for p in parts)
        amp = 0.0
        for v in decays.VMD_NORMALISATION:
            tv = decays.GENERATORS[v]
            pf = float(np.sum(ta * tb * tv))
            if pf:
                amp = amp + pf * decays._trace(tv, x) * _breit_wigner(v, m)
        return np.abs(amp) ** 2
    raise RecastError(f"unknown production mechanism {mechanism!r}")


@lru_cache(maxsize=None)
def _fractions(prd: str):
    f = data.path(f"{DARKCAST}limits/{prd}")
    with open(f) as fh:
        names = fh.readline().lstrip(" #").split()
    arr = np.loadtxt(f, comments="#", ndmin=2)
    return names[1:], arr[:, 0], arr[:, 1:]


def production_ratio(search: Search, xX, xA, m) -> np.ndarray:
    """R_P(m) = sum_k f_k P_k^X/P_k^A' (eq. 2.12); channels where P_k^A' = 0 are skipped."""
    if search.production.endswith(".prd"):
        names, mt, ft = _fractions(search.production)
        chans = [(n, np.interp(m, mt, ft[:, i])) for i, n in enumerate(names)]
    else:
        chans = [(search.production, np.ones_like(m))]
    out = np.zeros_like(m)
    for mech, frac in chans:
        pa = production_factor(mech, xA, m)
        px = production_factor(mech, xX, m)
        out = out + np.divide(frac * px, pa, out=np.zeros_like(m), where=pa != 0)
    return out


# ---------------------------------------------------------------------------
# the recast
# ---------------------------------------------------------------------------
@dataclass
class RecastBand:
    """The excluded band of g versus mass for one search and one model.

    ``lower`` (and ``upper`` for two-sided searches; +inf for one-sided ones)
    are NaN where the model is not excluded at that mass.  ``note`` says why a
    result is empty.
    """

    search: Search
    model: str
    m: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return not np.any(np.isfinite(self.lower))

    def excludes(self, m, g) -> np.ndarray:
        """True where (m, g) lies inside the band (linear interpolation in log m, log g)."""
        ok = np.isfinite(self.lower)
        if not np.any(ok):
            return np.zeros(np.broadcast(np.asarray(m), np.asarray(g)).shape, dtype=bool)
        lm = np.log(np.asarray(m, dtype=float))
        lo = np.exp(np.interp(lm, np.log(self.m[ok]), np.log(self.lower[ok]), left=np.inf, right=np.inf))
        up = self.upper[ok]
        up = np.exp(np.interp(lm, np.log(self.m[ok]), np.log(np.where(np.isfinite(up), up, 1e300))))
        inside = (lm >= np.log(self.m[ok][0])) & (lm <= np.log(self.m[ok][-1]))
        return inside & (np.asarray(g) >= lo) & (np.asarray(g) <= up)


def _log_eff(u, t0, t1):
    """ln[exp(-t0 u) - exp(-t1 u)] for decay rates u = 1/tau (t1 may be inf)."""
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        d = t1 - t0
        tail = np.where(np.isinf(d), 0.0, np.log(-np.expm1(-np.where(np.isinf(d), 1.0, d) * u)))
        return -t0 * u + tail


def _bisect(f, lo, hi, n=80):
    """Vectorised bisection for a root of f (sign change between lo and hi), in the given variable."""
    flo = f(lo)
    for _ in range(n):
        mid = 0.5 * (lo + hi)
        fm = f(mid)
        same = np.sign(fm) == np.sign(flo)
        lo = np.where(same, mid, lo)
        flo = np.where(same, fm, flo)
        hi = np.where(same, hi, mid)
    return 0.5 * (lo + hi)


def _fiducial_t0(eps_lo, eps_hi, G_A, r):
    """t0 (GeV^-1) with equal dark-photon yields at both band edges (eq. 2.24), t1 = (1 + r) t0."""
    ul, uh = eps_lo**2 * G_A, eps_hi**2 * G_A

    def D(lt):
        t = np.exp(lt)
        return (2 * np.log(eps_hi) + _log_eff(uh, t, (1 + r) * t)) - (2 * np.log(eps_lo) + _log_eff(ul, t, (1 + r) * t))

    # D > 0 for t -> 0 (yield ~ eps^4), D < 0 for t -> inf (the upper edge decays earlier)
    lo = np.log(1e-6 / uh)
    hi = np.log(1e3 / ul)
    return np.exp(_bisect(D, lo, hi, 100))


def _production_and_widths(s: Search, model: VectorModel, m, loop_mixing, dirac, mu):
    """R_P(m) and the g = 1 partial widths of the model and of the dark photon at masses m."""
    A = decays.dark_photon_reference()
    xX = decays.decay_charges(model, m, loop_mixing=loop_mixing, mu=mu)
    R_P = production_ratio(s, xX, decays.decay_charges(A, m), m)
    pwX = decays.partial_widths(model, m, dirac=dirac, loop_mixing=loop_mixing, mu=mu)
    return R_P, pwX, decays.partial_widths(A, m, dirac=False)


def _other_width(other_width, m):
    """Width (GeV, at g = 1) of decays the search neither counts nor calls invisible, on masses m."""
    if other_width is None:
        return np.zeros_like(m)
    w = other_width(m) if callable(other_width) else other_width
    w = np.broadcast_to(np.asarray(w, dtype=float), m.shape)
    if np.any(~np.isfinite(w)) or np.any(w < 0):
        raise RecastError("other_width must be finite and non-negative (GeV at g = 1)")
    return w


def recast(search, model, masses=None, *, loop_mixing: bool | VectorModel = False,
           dirac: bool | None = None, invisible: str | float = "neutrinos",
           mu: float | None = None, other_width=None) -> RecastBand:
    """Recast a dark-photon search to the coupling g of ``model`` (a VectorModel or a model name).

    ``masses`` (GeV) must lie inside the search's mass range (default: the
    masses of the limit file).  ``loop_mixing``, ``dirac`` and ``mu`` go to
    :func:`zprime.observables.decays.partial_widths`; ``invisible`` is ``"neutrinos"`` or a
    dark-sector width in units of the SM width (see the module docstring).
    ``other_width`` (a callable of m or an array, GeV at g = 1) is a width into
    final states that are neither the search's signal nor invisible -- e.g.
    Z' -> phi phi* -> 4e in Bernal-Farzan, vetoed by NA48/2 and seen by
    NA64's calorimeter: it only adds to the total width.
    """
    s = get_search(search)
    if isinstance(model, str):
        model = get_model(model)
    if not isinstance(model, VectorModel):
        raise ModelError(f"model must be a VectorModel or a model name, got {type(model).__name__}")
    if isinstance(invisible, str):
        if invisible != "neutrinos":
            raise RecastError("invisible must be 'neutrinos' or a non-negative dark-width multiple")
        dark = 0.0
    else:
        dark = float(invisible)
        if not (dark >= 0 and math.isfinite(dark)):
            raise RecastError("the dark-sector width multiple must be finite and >= 0")
    cols = load_search(s.name)
    if s.window is not None and s.window[0] == "rgrid":
        if masses is not None:
            raise RecastError(f"{s.name} is an r-value grid; it is recast at its own masses")
        return _recast_rgrid(s, model, cols, loop_mixing, dirac, dark, mu, other_width)
    m_file = cols[0]
    if masses is None:
        m = m_file
        eps = [col for col in cols[1:]]
    else:
        m = np.atleast_1d(np.asarray(masses, dtype=float))
        if np.any(~np.isfinite(m)) or np.any(m <= 0):
            raise RecastError("masses must be positive and finite (GeV)")
        if np.any(m < m_file.min()) or np.any(m > m_file.max()):
            raise RecastError(f"{s.name} covers m = {m_file.min():.4g} - {m_file.max():.4g} GeV; "
                              f"got masses {m.min():.4g} - {m.max():.4g} GeV")
        eps = [np.interp(m, m_file, col) for col in cols[1:]]
    R_P, pwX, pwA = _production_and_widths(s, model, m, loop_mixing, dirac, mu)
    # branching fractions and g = 1 total widths
    G_X = decays.sum_widths(pwX, "total", dark_width=dark)
    G_other = _other_width(other_width, m)
    diluted = np.divide(G_X, G_X + G_other, out=np.zeros_like(m), where=G_X + G_other > 0)
    G_X = G_X + G_other
    if s.decay is None:
        br = np.ones_like(m)
        G_A = decays.sum_widths(pwA, "total")
    elif s.decay == "invisible":
        # the dark-photon limits assume BR(A' -> invisible) ~ 1 (0.99 as digitised by DarkCast)
        br = decays.ratio_of_widths(pwX, "invisible", dark_width=dark) / 0.99
        G_A = 100.0 * decays.sum_widths(pwA, "visible")
    else:
        ts = s.reference_states
        brA = decays.ratio_of_widths(pwA, s.decay, total_states=ts)
        brX = decays.ratio_of_widths(pwX, s.decay, dark_width=dark)
        br = np.divide(brX, brA, out=np.zeros_like(m), where=brA > 0)
        G_A = decays.sum_widths(pwA, ts or "total")
    if s.decay is not None:
        br = br * diluted
    factor = R_P * br  # (g/eps)^2 factor * factor * E_X/E_A = 1
    lower = np.full_like(m, np.nan)
    upper = np.full_like(m, np.nan)
    eps_lo = eps[0]
    ok = (factor > 0) & (eps_lo < G_SENTINEL) & (eps_lo > 0)
    if s.two_sided:
        ok &= eps[1] < G_SENTINEL
    note = ""
    if not np.any(factor > 0):
        why = "production" if not np.any(R_P > 0) else "decay into " + str(s.decay)
        note = (f"{model.name} does not couple to the {why} channel of {s.name} "
                f"({s.production} -> {s.decay}): nothing to recast")
    if s.window is None:
        lower[ok] = eps_lo[ok] / np.sqrt(factor[ok])
        upper[ok] = np.inf
    elif s.window[0] == "prompt":
        t1 = np.broadcast_to(s.window[1](m), m.shape)
        lf = np.log(np.where(ok, factor, 1.0))
        uA = eps_lo**2 * G_A

        def F(lg):
            g = np.exp(lg)
            return 2 * (lg - np.log(eps_lo)) + lf + _log_eff(g * g * G_X, 0.0, t1) - _log_eff(uA, 0.0, t1)

        lo_b = np.full_like(m, np.log(1e-15))
        hi_b = np.full_like(m, np.log(G_SENTINEL))
        with np.errstate(divide="ignore", invalid="ignore"):
            good = ok & (F(hi_b) > 0)
            root = _bisect(F, lo_b, hi_b)
        lower[good] = np.exp(root[good])
        upper[good] = np.inf
    else:  # beam dump
        r = s.window[1]
        with np.errstate(divide="ignore", invalid="ignore"):
            t0 = _fiducial_t0(eps_lo, eps[1], G_A, r)
            t1 = (1 + r) * t0
            uA = eps_lo**2 * G_A
            lhs_ref = 2 * np.log(eps_lo) + _log_eff(uA, t0, t1) - np.log(np.where(ok, factor, 1.0))

            def F(lu):  # in u = g^2 Gamma_X: ln(g^2) + ln E - reference
                u = np.exp(lu)
                return lu - np.log(G_X) + _log_eff(u, t0, t1) - lhs_ref

            # maximum of u E(u): 1/u - t0 + d/(e^{d u} - 1) = 0, decreasing in u
            d = t1 - t0

            def dF(lu):
                u = np.exp(lu)
                return 1.0 / u - t0 + d / np.expm1(np.minimum(d * u, 700.0))

            lo_u = np.log(1e-30 / t1)
            hi_u = np.log(1e4 / t0)
            lu_star = _bisect(dF, lo_u, hi_u, 120)
            good = ok & (F(lu_star) > 0)
            lu_lo = _bisect(F, lo_u, lu_star, 120)
            lu_hi = _bisect(F, lu_star, np.log(1e6 / t0))
        lower[good] = np.sqrt(np.exp(lu_lo[good]) / G_X[good])
        upper[good] = np.sqrt(np.exp(lu_hi[good]) / G_X[good])
    if not note and not np.any(np.isfinite(lower)):
        note = f"{model.name} is not excluded by {s.name} for g < {G_SENTINEL:g}"
    return RecastBand(s, model.name, m, lower, upper, note)


def _recast_rgrid(s, model, cols, loop_mixing, dirac, dark, mu, other_width=None):
    """LHCb-style r-value grids (eq. 2.21 with the out-of-grid windows of eq. C.4)."""
    mg, eg, rg = cols
    masses = np.unique(mg)
    R_P, pwX, pwA = _production_and_widths(s, model, masses, loop_mixing, dirac, mu)
    brA = decays.ratio_of_widths(pwA, s.decay)
    G_A = decays.sum_widths(pwA, "total")
    G_X = decays.sum_widths(pwX, "total", dark_width=dark)
    G_other = _other_width(other_width, masses)
    brX = decays.sum_widths(pwX, s.decay, dark_width=dark) / (G_X + G_other)
    G_X = G_X + G_other
    lower = np.full_like(masses, np.nan)
    upper = np.full_like(masses, np.nan)
    idx = np.searchsorted(masses, mg)
    for j in range(masses.size):
        if not (R_P[j] > 0 and brX[j] > 0 and brA[j] > 0):
            continue
        sel = idx == j
        e, r = eg[sel], rg[sel]
        tau = 1.0 / (e * e * G_A[j])          # dark-photon lifetime at each node
        g = e * math.sqrt(G_A[j] / G_X[j])    # X coupling with the same lifetime
        rX = r * brA[j] / brX[j] / ((g / e) ** 2 * R_P[j])
        exc = rX < 1
        if not np.any(exc):
            continue
        il = np.flatnonzero(exc)[np.argmin(g[exc])]
        iu = np.flatnonzero(exc)[np.argmax(g[exc])]
        gl, gu = g[il], g[iu]
        # beyond the grid: windows [0, tau_max] (longer lifetimes) and [tau_min, inf) (shorter)
        if tau[il] == tau.max():
            tl, rl = tau[il], rX[il]
            f = lambda lg: 2 * (lg - math.log(gl)) + _log_eff(np.exp(2 * lg) * G_X[j], 0.0, tl) \
                - _log_eff(1.0 / tl, 0.0, tl) - math.log(rl)
            gl = float(np.exp(_bisect(f, np.array(math.log(gl) - 30), np.array(math.log(gl)))))
        if tau[iu] == tau.min():
            tu, ru = tau[iu], rX[iu]
            f = lambda lg: -(2 * (lg - math.log(gu)) + _log_eff(np.exp(2 * lg) * G_X[j], tu, np.inf)
                             - _log_eff(1.0 / tu, tu, np.inf) - math.log(ru))
            gu = float(np.exp(_bisect(f, np.array(math.log(gu)), np.array(math.log(gu) + 10))))
        lower[j], upper[j] = gl, gu
    note = "" if np.any(np.isfinite(lower)) else f"{model.name} is not excluded by {s.name}"
    return RecastBand(s, model.name, masses, lower, upper, note)


# ---------------------------------------------------------------------------
# DarkCast's own recasts (reference curves) and drawing
# ---------------------------------------------------------------------------
def darkcast_models() -> dict[str, tuple[VectorModel, dict]]:
    """The seven models of DarkCast's shipped recasts, as (model, recast options).

    Charges as defined with DarkCast (arXiv:1801.04847, Sect. 4 of the data
    README): left-handed neutrinos; the L_alpha - L_beta models couple to e or
    mu/tau and quarks only through the one-loop mixing, for which the shipped
    files use the mu-tau loop in all three models (reproduced here with
    ``loop_mixing = L_mu - L_tau``).
    """
    ee = c.e_em
    dp = decays.dark_photon_reference()
    lmt = get_model("L_mu-L_tau", nu_R=False)
    leptons = ("e", "mu", "tau")
    nus = ("nu_e", "nu_mu", "nu_tau")

    def vm(name, q, l, nu):
        ch = {"u": q[0], "d": q[1], "s": q[1], "c": q[0], "b": q[1], "t": q[0]}
        ch.update(dict(zip(leptons, l)))
        ch.update(dict(zip(nus, nu)))
        return VectorModel(name, ch, nu_R=False)

    kB = -ee**2 / (4 * math.pi) ** 2
    return {
        "dark_photon": (dp, {}),
        "B-L_boson": (vm("B-L", (1 / 3, 1 / 3), (-1, -1, -1), (-1, -1, -1)), {}),
        "B_boson": (vm("B", (1 / 3, 1 / 3), (kB, kB, kB), (0, 0, 0)), {}),
        "protophobic": (vm("protophobic", (-1 / 3, 2 / 3), (-1, -1, -1), (0, 0, 0)), {}),
        "Lmu-Ltau_boson": (vm("L_mu-L_tau", (0, 0), (0, 1, -1), (0, 1, -1)), {"loop_mixing": lmt}),
        "Le-Lmu_boson": (vm("L_e-L_mu", (0, 0), (1, -1, 0), (1, -1, 0)), {"loop_mixing": lmt}),
        "Le-Ltau_boson": (vm("L_e-L_tau", (0, 0), (1, 0, -1), (1, 0, -1)), {"loop_mixing": lmt}),
    }


def darkcast_recast_curve(search: str, darkcast_model: str) -> tuple[np.ndarray, ...]:
    """DarkCast's shipped recast of ``search`` to ``darkcast_model`` (mass, lower [, upper])."""
    s = get_search(search)
    if darkcast_model not in darkcast_models():
        raise RecastError(f"unknown DarkCast model {darkcast_model!r}; known: {sorted(darkcast_models())}")
    f = data.path(f"{DARKCAST}recast/limits/{darkcast_model}/{s.name}.lmt")
    with open(f) as fh:
        rows = [line.split() for line in fh if line.strip() and not line.lstrip().startswith("#")]
    ncol = 4 if s.window == ("rgrid",) else (3 if s.two_sided else 2)
    arr = np.array(rows, dtype=float).reshape(-1, ncol if not rows else len(rows[0]))
    return tuple(arr.T)  # an empty table means DarkCast found no limit for that model


def draw(ax, model, searches=None, *, color="0.75", alpha=1.0, labels=False, g_top=1.0, **kw):
    """Fill the union of the excluded regions of ``searches`` (default: all visible and
    invisible searches that constrain the model) on a log-log (m, g) axis.

    Returns {search name: RecastBand}.  ``kw`` go to :func:`recast`.
    """
    names = list(searches) if searches is not None else [n for n, s in SEARCHES.items() if s.kind != "g-2"]
    bands = {}
    for name in names:
        band = recast(name, model, **kw)
        if band.is_empty:
            continue
        bands[name] = band
        ok = np.isfinite(band.lower)
        top = np.where(np.isfinite(band.upper), band.upper, g_top)
        ax.fill_between(band.m, np.where(ok, band.lower, np.nan), np.where(ok, top, np.nan),
                        color=color, alpha=alpha, lw=0, zorder=0.5)
        if labels and band.search.label:
            k = np.flatnonzero(ok)[len(np.flatnonzero(ok)) // 2]
            ax.text(band.m[k], band.lower[k] * 1.5, band.search.label, fontsize=6, color="0.3",
                    ha="center", va="bottom", clip_on=True)
    return bands


def compare_with_darkcast(search: str, darkcast_model: str, band: RecastBand | None = None) -> dict:
    """Our recast vs DarkCast's shipped one, at DarkCast's masses.

    Returns {"max_rel_dev": max |g_ours/g_DC - 1| over both edges where both have a
    limit, "n_both": masses compared, "only_ours"/"only_darkcast": masses where just one
    side finds a limit, "band": our RecastBand}.  ``max_rel_dev`` is None if no mass
    has a limit on both sides (e.g. the model does not couple to the search).
    """
    s = get_search(search)
    model, opts = darkcast_models()[darkcast_model]
    if band is None:
        band = recast(s, model, invisible=99.0 if s.kind == "invisible" else "neutrinos", **opts)
    ref = darkcast_recast_curve(s.name, darkcast_model)
    if ref[0].size == 0:
        return dict(max_rel_dev=None, n_both=0, only_ours=int(np.sum(np.isfinite(band.lower))),
                    only_darkcast=0, band=band)
    theirs = ref[1] < G_SENTINEL
    ok = np.isfinite(band.lower)
    if np.any(ok):
        # at DarkCast's masses (the file's own masses; they coincide with ours by construction)
        pos = np.clip(np.searchsorted(band.m, ref[0]), 0, band.m.size - 1)
        same = np.isclose(band.m[pos], ref[0], rtol=1e-9)
        ours = same & ok[pos]
    else:
        pos = np.zeros(ref[0].size, dtype=int)
        ours = np.zeros(ref[0].size, dtype=bool)
    both = ours & theirs
    dev = []
    if np.any(both):
        dev.append(np.abs(band.lower[pos][both] / ref[1][both] - 1))
        if len(ref) > 2:
            dev.append(np.abs(band.upper[pos][both] / ref[2][both] - 1))
    return dict(max_rel_dev=float(np.max(np.concatenate(dev))) if dev else None,
                n_both=int(np.sum(both)), only_ours=int(np.sum(ours & ~theirs)),
                only_darkcast=int(np.sum(theirs & ~ours)), band=band)
