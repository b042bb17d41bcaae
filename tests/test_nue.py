"""Neutrino-electron scattering with a light X and Borexino R_Be (Greljo et al. 2022, App. B, eqs. (5.8)-(5.10))."""

import numpy as np
import pytest

from zprime.observables import nue


def test_sm_borexino_chi2():
    assert nue.R_Be([0, 0, 0], 0, 0, 0.2) == pytest.approx(1.0)
    assert nue.borexino_chi2(1.0) == pytest.approx(0.44, abs=0.005)  # App. B


def test_flavour_fractions():
    P = nue.solar_flavour_fractions()
    assert sum(P) == pytest.approx(1.0, abs=1e-12)
    assert 0.50 < P[0] < 0.57  # 7Be: Borexino measures P_ee = 0.53 +- 0.05


def test_moments_equal_direct_integration():
    W = nue.Window(nue.E_BE7, 0.0, float(nue.T_max(nue.E_BE7)), 400)
    T, w = W.nodes()
    for fl in ("e", "mu"):
        A, BL, BR, CLL, CRR, CLR = nue.Window(nue.E_BE7, 0.0, float(nue.T_max(nue.E_BE7))).moments(fl, 0.03)
        kL, kR = 3e-7, -2e-7
        gL, gR = nue.g_sm(fl)
        direct = np.sum(
            w * nue.dsigma_dT(nue.E_BE7, T, gL + nue.delta_g(kL, 1, 0.03, T), gR + nue.delta_g(kR, 1, 0.03, T))
        )
        direct /= 2 * nue.c.G_F**2 * nue.c.m_e / np.pi
        assert A + BL * kL + BR * kR + CLL * kL**2 + CRR * kR**2 + CLR * kL * kR == pytest.approx(direct, rel=1e-8)


def test_antineutrino_swaps_couplings_eq_5_8():
    E, T = 0.02, 0.005
    assert nue.dsigma_dT(E, T, 0.3, -0.1, antineutrino=True) == pytest.approx(nue.dsigma_dT(E, T, -0.1, 0.3))


def test_bad_input():
    with pytest.raises(ValueError):
        nue.g_sm("sterile")
    with pytest.raises(ValueError):
        nue.delta_g(1, 1, -0.1, 0.0)
    with pytest.raises(ValueError):
        nue.R_Be([0, 0, 0], 0, 0, 0.2, T_window=(0.0, 1.0))
