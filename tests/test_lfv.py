"""zprime.lfv: loop functions and l -> l' gamma of Farzan-Heeck, arXiv:1607.07616, eqs. (16)-(22)."""

import math

import numpy as np
import pytest

from zprime import constants as c
from zprime import lfv


def G_gamma(x):
    """Heavy-neutrino dipole function (Alonso et al., arXiv:1209.2679, eq. (2.13)), written independently."""
    return -(2 * x**3 + 5 * x**2 - x) / (4 * (1 - x) ** 3) - 3 * x**3 * np.log(x) / (2 * (1 - x) ** 4)


def test_limits_of_the_loop_functions():
    assert lfv.f_W(0.0) == pytest.approx(5 / 6)
    assert lfv.f_H(0.0) == pytest.approx(1 / 12)
    assert lfv.f_W(1e7) == pytest.approx(1 / 3, rel=1e-4)         # 4x^4/(12 x^4)
    assert lfv.f_H(1e6) * 1e6 == pytest.approx(1 / 6, rel=1e-4)     # 2x^3/(12 x^4), corrections 3 ln(x)/x
    # removable singularity at x = 1: continuous, f_H(1) = 1/24
    assert lfv.f_H(1.0) == pytest.approx(1 / 24, rel=1e-4)
    for f in (lfv.f_W, lfv.f_H):
        assert f(1.0) == pytest.approx(0.5 * (f(0.99) + f(1.01)), rel=1e-4)


@pytest.mark.parametrize("x", [1e-4, 0.03, 0.5, 0.9, 1.5, 7.0, 300.0])
def test_gim_subtracted_w_function_is_the_heavy_neutrino_dipole(x):
    assert lfv.f_W(0.0) - lfv.f_W(x) == pytest.approx(G_gamma(x), rel=1e-9)


def test_gim_like_cancellation_for_light_psi():
    # F_W vanishes like x = M_Psi^2/M_W^2 when Psi is light: f_W(x) - f_W(0) = -x/4 + O(x^2)
    for M in (0.01, 0.1, 1.0):
        x = M**2 / c.m_W**2
        assert lfv.f_W(x) - lfv.f_W(0.0) == pytest.approx(-x / 4, rel=1e-3)
    # so the W form factor grows like M_Psi^2 for a light Psi
    assert lfv.form_factor_W("mu", 1e-3, 0.01) / lfv.form_factor_W("mu", 1e-3, 0.02) == pytest.approx(0.25, rel=1e-6)


def test_w_normalisation_reproduces_the_standard_rate():
    # BR(mu -> e gamma) = 3 alpha/(32 pi) |kappa kappa* G_gamma(x)|^2 relative to G_F^2 m^5/(192 pi^3)
    kk, M = 1e-3, 300.0
    x = M**2 / c.m_W**2
    gam = lfv.width_l_to_l_gamma("mu", lfv.form_factor_W("mu", kk, M))
    gam_mu = c.G_F**2 * c.m_mu**5 / (192 * math.pi**3)
    assert gam / gam_mu == pytest.approx(3 * c.alpha_em / (32 * math.pi) * (kk * G_gamma(x)) ** 2, rel=1e-10)


def test_h_rate_closed_form():
    # light Psi: BR = alpha |y y|^2 / (768 pi G_F^2 M^4) x Gamma(mu -> e nu nu)/Gamma_mu
    M = 400.0
    br = lfv.branching_ratio_l_to_l_gamma("mu", lfv.form_factor_H("mu", 1.0, 0.0, M))
    gam_mu = c.G_F**2 * c.m_mu**5 / (192 * math.pi**3)
    assert br == pytest.approx(c.alpha_em / (768 * math.pi * c.G_F**2 * M**4) * gam_mu * c.tau_mu, rel=1e-10)


def test_bounds_of_eqs_21_and_22():
    # the paper's inputs: Br(tau -> e gamma) < 3.3e-8, Br(tau -> mu gamma) < 4.4e-8, Br(mu -> e gamma) < 4.2e-13
    assert lfv.yy_bound("tau", 3.3e-8, 400.0) == pytest.approx(0.46, rel=0.10)
    assert lfv.yy_bound("tau", 4.4e-8, 400.0) == pytest.approx(0.53, rel=0.10)
    assert lfv.yy_bound("mu", 4.2e-13, 400.0) == pytest.approx(7e-4, rel=0.10)
    # scaling (M_H-/400 GeV)^2 for a light Psi
    assert lfv.yy_bound("mu", 4.2e-13, 800.0) == pytest.approx(4 * lfv.yy_bound("mu", 4.2e-13, 400.0))


def test_bad_input():
    with pytest.raises(ValueError):
        lfv.f_H(-0.1)
    with pytest.raises(ValueError):
        lfv.f_W(float("nan"))
    with pytest.raises(ValueError):
        lfv.form_factor_H("muon", 1.0, 0.0, 400.0)
    with pytest.raises(ValueError):
        lfv.form_factor_H("mu", 1.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        lfv.branching_ratio_l_to_l_gamma("e", 1e-12)
    with pytest.raises(ValueError):
        lfv.yy_bound("tau", 0.0, 400.0)
