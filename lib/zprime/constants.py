"""Physical constants and experimental inputs, in GeV units (see :mod:`zprime.units`).

Every value carries its source and year.  Particle masses and couplings are
from the Review of Particle Physics, PDG 2024 edition (S. Navas et al.,
Phys. Rev. D 110 (2024) 030001), unless stated otherwise.  Quoted
uncertainties are in the comments; the library uses central values.

A notebook that must reproduce a paper made with older inputs passes them
through its ``parameters`` cell instead of editing this module.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

from zprime.units import MeV
from zprime.units import s as _second

# --- couplings ------------------------------------------------------------
# Fine-structure constant at q^2 = 0: 1/137.035999177(21), CODATA 2022.
alpha_em = 1.0 / 137.035999177
# Elementary charge in natural (Heaviside-Lorentz) units, e = sqrt(4 pi alpha) = 0.30282.
e_em = math.sqrt(4.0 * math.pi * alpha_em)
# Fermi constant 1.1663788(6)e-5 GeV^-2, PDG 2024 (MuLan 2013).
G_F = 1.1663788e-5
# Electroweak vev v = (sqrt2 G_F)^(-1/2) = 246.22 GeV (tree level, from G_F above).
v_higgs = (math.sqrt(2.0) * G_F) ** -0.5
# sin^2 theta_W (MS-bar, at m_Z) 0.23129(4), PDG 2024 EW review, Tab. 10.2.
sin2_thetaW_MZ = 0.23129
# sin^2 theta_W (MS-bar) at Q -> 0: 0.23857(5), PDG 2024 EW review, sect. 10.2 (low-energy
# neutrino-electron scattering).
sin2_thetaW_0 = 0.23857
# MS-bar alpha(m_Z): 1/alpha^(5)(m_Z) = 127.951(9), PDG 2024 EW review.
alpha_MZ = 1.0 / 127.951

# --- masses -------------------------------------------------------------------
# Charged leptons: m_e 0.51099895069(16) MeV, m_mu 105.6583755(23) MeV (CODATA 2022
# = PDG 2024); m_tau 1776.93(9) MeV (PDG 2024).
m_e = 0.51099895069 * MeV
m_mu = 105.6583755 * MeV
m_tau = 1776.93 * MeV
# Quarks (PDG 2024): MS-bar m_u(2 GeV) 2.16 MeV, m_d(2 GeV) 4.70 MeV, m_s(2 GeV) 93.5 MeV,
# m_c(m_c) 1.2730 GeV, m_b(m_b) 4.183 GeV, pole m_t 172.57 GeV.  Used only in loops
# where a quark mass is an approximate infrared cut-off.
m_u = 2.16 * MeV
m_d = 4.70 * MeV
m_s = 93.5 * MeV
m_c = 1273.0 * MeV
m_b = 4183.0 * MeV
m_t = 172570.0 * MeV
# Nucleons: m_p 938.27208943(29) MeV, m_n 939.56542194(48) MeV, CODATA 2022.
m_p = 938.27208943 * MeV
m_n = 939.56542194 * MeV
# Gauge bosons: m_Z 91.1880(20) GeV, m_W 80.3692(133) GeV, PDG 2024.
m_Z = 91188.0 * MeV
m_W = 80369.2 * MeV
# Mesons: pi0 134.9768(5) MeV, pi+ 139.57039(18) MeV, K+ 493.677(15) MeV, PDG 2024.
m_pi0 = 134.9768 * MeV
m_pi = 139.57039 * MeV
m_K = 493.677 * MeV
# K0 497.611(13) MeV, PDG 2024: the K Kbar threshold of the strange axial current (arXiv:2206.08563).
m_K0 = 497.611 * MeV
# Phase of the interference of the light and strange axial currents in the hadronic width of an
# axial vector, c_phi = -0.66 (Baruch, Ilten, Soreq, Williams, arXiv:2206.08563, eq. (2.11); the
# value DarkCast 2023 uses).
C_PHI_AXIAL = -0.66

# Light vector mesons for vector-meson dominance (VMD) of hadronic Z' decays and
# of meson-decay production (rho0 -> pi pi etc.).  Mass, width and the decay
# channels (branching fraction, daughter masses) that set the running width of
# the Breit-Wigner, as tabulated with the DarkCast method (Ilten, Soreq,
# Williams, Xue, JHEP 06 (2018) 004, arXiv:1801.04847, App. A; PDG 2016 values).
# Keeping these exact numbers is what makes our recast comparable with theirs;
# PDG 2024 differs by < 0.1 % in the masses.  eta (547.85 MeV) enters as a
# daughter only.  omega -> 3 pi is treated as a two-body (2 pi+, pi0) channel.
m_eta = 547.85 * MeV
VECTOR_MESONS: dict[str, dict[str, Any]] = {
    "rho0": dict(mass=775.49 * MeV, width=149.10 * MeV, channels=((0.9988447, 139.57 * MeV, 139.57 * MeV),)),
    "omega": dict(
        mass=782.65 * MeV,
        width=8.49 * MeV,
        channels=(
            (0.8994773, 2 * 139.57 * MeV, 134.98 * MeV),
            (0.0834941, 134.98 * MeV, 0.0),
            (0.0154283, 139.57 * MeV, 139.57 * MeV),
        ),
    ),
    "phi": dict(
        mass=1019.46 * MeV,
        width=4.26 * MeV,
        channels=(
            (0.4893042, 493.68 * MeV, 493.68 * MeV),
            (0.3422127, 497.61 * MeV, 497.61 * MeV),
            (0.0130981, 547.85 * MeV, 0.0),
        ),
    ),
}
# Open-flavour thresholds for the perturbative Z' -> c cbar, b bbar, t tbar widths:
# 1.5, 4.8 and 171 GeV, the DarkCast choice (arXiv:1801.04847); below 2 GeV the
# hadronic width comes from the measured R ratio instead (zprime.observables.decays).
HEAVY_QUARK_THRESHOLD_MASS = {"c": 1.5, "b": 4.8, "t": 171.0}

# Lifetimes (PDG 2024): tau(pi+) 2.6033(5)e-8 s, tau(mu) 2.1969811(22)e-6 s,
# tau(tau) 290.3(5)e-15 s (in GeV^-1).
tau_pi = 2.6033e-8 * _second
tau_mu = 2.1969811e-6 * _second
tau_tau = 290.3e-15 * _second
# Avogadro constant 6.02214076e23 /mol, exact (SI 2019; CODATA 2022).
N_A = 6.02214076e23

# Atomic mass unit 931.49410372(29) MeV, CODATA 2022.
u_amu = 931.49410372 * MeV
# Atomic masses (AME 2020, M. Wang et al., Chin. Phys. C 45 (2021) 030003), in u:
# 40Ar 39.9623831237, 127I 126.904471, 133Cs 132.905451961.
atomic_mass_u = {"Ar40": 39.9623831237, "I127": 126.904471, "Cs133": 132.905451961}

# Natural xenon: (A, abundance, atomic mass in u) of the stable isotopes.  Abundances: NIST
# "Atomic Weights and Isotopic Compositions" (IUPAC 1997 representative compositions); masses:
# AME 2020 (as above).  Used for the XENONnT target.
XENON_ISOTOPES = (
    (124, 0.000952, 123.9058852),
    (126, 0.000890, 125.9042983),
    (128, 0.019102, 127.9035310),
    (129, 0.264006, 128.9047809),
    (130, 0.040710, 129.9035094),
    (131, 0.212324, 130.9050841),
    (132, 0.269086, 131.9041551),
    (134, 0.104357, 133.9053950),
    (136, 0.088573, 135.9072145),
)
atomic_mass_u.update({f"Xe{a}": mass for a, _, mass in XENON_ISOTOPES})

# Lewin-Smith Helm parameters (Astropart. Phys. 6 (1996) 87, eq. (4.11) and below):
# c = 1.23 A^(1/3) - 0.60 fm, a = 0.52 fm, s = 0.9 fm; R_0^2 = c^2 + 7/3 pi^2 a^2 - 5 s^2.
HELM_LS_C = (1.23, -0.60)  # fm
HELM_LS_A = 0.52  # fm

# Standard halo model of the XENONnT light-DM limits, as recommended by Baxter et al.,
# Eur. Phys. J. C 81 (2021) 907 [arXiv:2105.00599]: local density 0.3 GeV/cm^3, v_0 = 238 km/s,
# v_esc = 544 km/s, mean Earth speed in the galactic frame 254 km/s.
SHM_RHO_GEV_CM3 = 0.3
SHM_V0_KM_S = 238.0
SHM_VESC_KM_S = 544.0
SHM_VE_KM_S = 254.0

# Radiatively corrected CEvNS couplings used by Atzori Corona et al. 2022, eq. (3.3)
# (arXiv:2202.11002, after Erler & Su): g_V^p(nu_e), g_V^p(nu_mu), g_V^n.
gV_p = {"e": 0.0401, "mu": 0.0318, "tau": 0.0318}
gV_n = -0.5094

#: Masses of the charged fermions by name (used in loops and decays).
FERMION_MASS = {
    "e": m_e,
    "mu": m_mu,
    "tau": m_tau,
    "u": m_u,
    "d": m_d,
    "s": m_s,
    "c": m_c,
    "b": m_b,
    "t": m_t,
    "nu_e": 0.0,
    "nu_mu": 0.0,
    "nu_tau": 0.0,
}
#: Electric charges in units of e.
FERMION_CHARGE = {
    "e": -1.0,
    "mu": -1.0,
    "tau": -1.0,
    "u": 2.0 / 3.0,
    "c": 2.0 / 3.0,
    "t": 2.0 / 3.0,
    "d": -1.0 / 3.0,
    "s": -1.0 / 3.0,
    "b": -1.0 / 3.0,
    "nu_e": 0.0,
    "nu_mu": 0.0,
    "nu_tau": 0.0,
}
#: Colour multiplicities.
FERMION_COLOURS = {f: (3 if f in ("u", "d", "s", "c", "b", "t") else 1) for f in FERMION_CHARGE}


# --- the muon anomalous magnetic moment -------------------------------------------
class Measurement(NamedTuple):
    """A measured (or derived) value with its 1-sigma uncertainty and source."""

    value: float
    sigma: float
    source: str

    def band(self, n_sigma: float = 2.0) -> tuple[float, float]:
        """(value - n sigma, value + n sigma)."""
        return (self.value - n_sigma * self.sigma, self.value + n_sigma * self.sigma)


#: Delta a_mu = a_mu(exp, 2021 world average) - a_mu(SM, White Paper 2020)
#: = 116592061(41)e-11 - 116591810(43)e-11 = (251 +- 59)e-11: the value used by
#: Atzori Corona et al. 2022 (eq. B.1), Greljo et al. 2022 and Bernal-Farzan 2023.
DELTA_A_MU_2021 = Measurement(
    251e-11,
    59e-11,
    "Muon g-2 Collab., PRL 126 (2021) 141801 [arXiv:2104.03281] with "
    "T. Aoyama et al., Phys. Rept. 887 (2020) 1 [arXiv:2006.04822]",
)
#: Experimental world average after the final Fermilab result (E821 + E989 runs 1-6):
#: a_mu = 116 592 071.5(14.5)e-11, 124 ppb.
A_MU_EXP_2025 = Measurement(
    116592071.5e-11,
    14.5e-11,
    "Muon g-2 Collab., final E989 result (2025) [arXiv:2506.03069]",
)
#: Standard-Model prediction of the Theory Initiative 2025 White Paper (lattice LO HVP):
#: a_mu = 116 592 033(62)e-11, 530 ppb.
A_MU_SM_2025 = Measurement(
    116592033e-11,
    62e-11,
    "R. Aliberti et al., Theory Initiative White Paper 2025 [arXiv:2505.21476]",
)
#: Delta a_mu with the 2025 inputs: difference of the two above, uncertainties in
#: quadrature (our subtraction): (38.5 +- 63.7)e-11.
DELTA_A_MU_2025 = Measurement(
    A_MU_EXP_2025.value - A_MU_SM_2025.value,
    math.hypot(A_MU_EXP_2025.sigma, A_MU_SM_2025.sigma),
    "derived: A_MU_EXP_2025 - A_MU_SM_2025",
)


# --- the electron anomalous magnetic moment -----------------------------------------
#: Delta a_e = a_e(exp) - a_e(SM) with alpha from cesium (Parker et al., Science 360 (2018) 191)
#: and a_e(exp) of Hanneke et al. (PRL 100 (2008) 120801): (-8.8 +- 3.6)e-13, as quoted in
#: arXiv:2203.13731 sect. 5.2.
DELTA_A_E_CS_2018 = Measurement(
    -8.8e-13,
    3.6e-13,
    "arXiv:2203.13731 sect. 5.2 (alpha(Cs): Science 360 (2018) 191; a_e: PRL 100 (2008) 120801)",
)
#: The same with alpha from rubidium (Morel et al., Nature 588 (2020) 61): (4.8 +- 3.0)e-13.
DELTA_A_E_RB_2020 = Measurement(
    4.8e-13,
    3.0e-13,
    "arXiv:2203.13731 sect. 5.2 (alpha(Rb): Nature 588 (2020) 61; a_e: PRL 100 (2008) 120801)",
)


# --- cosmology ----------------------------------------------------------------------
#: Planck mass 1.220890(14)e19 GeV, PDG 2024 (physical constants table).
M_PLANCK = 1.220890e19
#: Relativistic degrees of freedom of the SM plasma between m_e and m_mu (photon, e+-, three
#: neutrinos): 2 + 7/8 (4 + 6) = 10.75.
G_STAR_MEV = 10.75
#: Lowest m_Z' allowed by BBN for a boson in equilibrium with the SM plasma, about 10 MeV
#: (arXiv:2203.13731 sect. 2.5, after Escudero et al., arXiv:1901.02010).
M_ZP_BBN_MIN = 10.0 * MeV


# --- the neutrinophilic models of Farzan and Heeck (arXiv:1607.07616) ------------------
#: Lowest M_Z' allowed by cosmology for a Z' in equilibrium with the neutrinos, 5 MeV, "under the
#: conservative assumption Delta N_eff < 0.7" (arXiv:1607.07616 sect. 3, its refs. [72, 73]).
M_ZP_NEFF_MIN_FH2016 = 5.0 * MeV
#: Upper limits on BR(l_a -> l_b gamma) quoted above eqs. (21)-(22) of arXiv:1607.07616:
#: tau -> e gamma 3.3e-8 and tau -> mu gamma 4.4e-8 (its ref. [66]), mu -> e gamma 4.2e-13 (its ref. [67]).
BR_LFV_GAMMA_LIMITS_2016 = {"tau_e": 3.3e-8, "tau_mu": 4.4e-8, "mu_e": 4.2e-13}
#: The "O(1e-8)" tau -> l l l bound that arXiv:1607.07616 applies to tau -> mu Z'(-> e e) (Fig. 6 right).
BR_TAU_LLL_LIMIT_FH2016 = 1e-8
#: Lowest mass of a light species in thermal equilibrium with the SM plasma, electrophilic or
#: neutrinophilic, allowed by BBN + Planck at 2 sigma: 3.7 MeV (Sabti, Alvey, Escudero, Fairbairn, Blas,
#: JCAP 01 (2020) 004, arXiv:1910.01649, abstract; BBN alone: 0.4 MeV).
M_THERMAL_SPECIES_MIN_2020 = 3.7 * MeV
