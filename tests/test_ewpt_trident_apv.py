"""Closed forms of Greljo et al. 2022: T (3.11)-(3.15), trident (3.21)-(3.22), APV (5.3)-(5.4), (g-2) (2.5), (5.6)."""

import math

import pytest

from zprime import constants as c
from zprime.observables import apv, ewpt, gm2, trident


def test_T_small_mixing_eq_3_13():
    # T -> -s_w^2 eps^2/alpha ~ -30 eps^2
    assert ewpt.T_parameter(1e-3, 1e-3) / 1e-6 == pytest.approx(-c.sin2_thetaW_MZ / c.alpha_MZ, rel=1e-5)
    assert ewpt.T_parameter(1e-3, 1e-3) / 1e-6 == pytest.approx(-30, rel=0.02)


def test_rho0_and_T_consistent_eq_3_11_3_12():
    eY, m = 0.05, 20.0
    rho = ewpt.rho0(eY, m)
    # rho_0 - 1 = alpha T: exact between the tree-level (3.11) and (3.12)
    assert rho - 1 == pytest.approx(c.alpha_MZ * ewpt.T_parameter(eY, m), rel=1e-12)


def test_eps_Y_bounds_eq_3_14_3_15():
    # 0.076 is the one-sided 95 % limit T > 0.03 - 1.645 x 0.12 (1.3 % off); 2 sigma gives 0.084
    assert ewpt.eps_Y_bound_light(0.03 - 1.645 * 0.12) == pytest.approx(0.076, rel=0.02)
    # eq. (3.15) as printed, at |T| = 0.27: 4.4e-3 (paper 4.7e-3; the T limit is not stated): 10 %
    assert ewpt.eps_Y_bound_degenerate(0.27) == pytest.approx(4.7e-3, rel=0.10)


def test_effective_current_light_limit_eq_3_19():
    # m_X << m_Z: the muon sees gx + eps e Q with eps = c_w eps_Y (eq. (3.19))
    L, R, nu = ewpt.muon_couplings(1e-3, 1e-3, 1e-3, 1e-3)
    assert L == pytest.approx(1e-3 - ewpt.eps_photon(1e-3) * c.e_em, rel=1e-6)
    assert nu == pytest.approx(1e-3, rel=1e-6)


def test_delta_R_mue_vanishes_for_universal_charges():
    assert ewpt.delta_R_mue(0.01, 0.1, 1, 1, 1, 1) == 0


def test_trident_eq_3_21():
    assert trident.ratio(0.0, 0.0) == pytest.approx(1.0)
    g, m = 3e-3, 2.0
    CV, CA = trident.coefficients(g, g, 0.0, m)
    s2, v2 = c.sin2_thetaW_MZ, c.v_higgs**2
    agpy = (1 + (1 + 4 * s2 + 2 * v2 * g**2 / m**2) ** 2) / (1 + (1 + 4 * s2) ** 2)  # arXiv:1406.2332 eq. (11)
    assert trident.ratio(CV, CA, axial_weight=1.0) == pytest.approx(agpy, rel=1e-12)
    with pytest.raises(ValueError):
        trident.chi2(g, g, 0, 0.5)  # below the EFT range


def test_apv_eq_5_4():
    assert apv.g_bound(1.0, 1.0) == pytest.approx(3.4e-4, rel=0.02)
    assert apv.g_bound(1.0, -1.0) == pytest.approx(1.3e-4, rel=0.05)  # 1.25e-4
    # (5.3): Delta Q_W at the bound is the 2 sigma edge
    g = float(apv.g_bound(0.1, 0.5))
    assert apv.delta_Q_weak(0.5 * g / c.e_em, g, 0.1) == pytest.approx(0.65 + 2 * 0.43)
    with pytest.raises(ValueError):
        apv.g_bound(1.0, 0.0)


def test_gm2_limits_eq_2_5():
    m_light, m_heavy = 1e-4, 1e3
    r = c.m_mu / m_heavy
    assert gm2.delta_a_vector(1, m_heavy) * 8 * math.pi**2 == pytest.approx(2 / 3 * r**2, rel=1e-4)
    assert gm2.delta_a_axial(1, m_heavy) * 8 * math.pi**2 == pytest.approx(-10 / 3 * r**2, rel=1e-4)
    assert gm2.delta_a_vector(1, m_light) * 8 * math.pi**2 == pytest.approx(1, rel=5e-3)
    rl = c.m_mu / m_light
    assert gm2.delta_a_axial(1, m_light) * 8 * math.pi**2 == pytest.approx(-2 * rl**2, rel=1e-4)


def test_ge_bound_eq_5_6():
    # g < (m_X/m_e) sqrt(12 pi^2 Delta/5): 9.5e-3 (m_X/GeV) per sqrt(1e-12)
    assert gm2.coupling_bound(1e-12, 1.0, q_A=1.0, lepton="e") == pytest.approx(9.5e-3, rel=0.01)
    with pytest.raises(ValueError):
        gm2.coupling_bound(-1e-12, 1.0, q_A=1.0, lepton="e")


def test_bad_input():
    with pytest.raises(ValueError):
        ewpt.T_parameter(1.5, 1.0)
    with pytest.raises(ValueError):
        ewpt.rho0(0.01, -1.0)
    with pytest.raises(ValueError):
        ewpt.eps_Y_bound_light(0.1)
