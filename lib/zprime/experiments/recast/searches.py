"""The DarkCast v1 dark-photon searches: metadata (production, decay, lifetime window), limit files."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from zprime import constants as c
from zprime import data
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
