"""zprime.observables.lfv: loop functions and l -> l' gamma of Farzan-Heeck, arXiv:1607.07616, eqs. (16)-(22)."""

import math

import numpy as np
import pytest

from zprime import constants as c
from zprime.observables import lfv


def G_gamma(x):
    """Heavy-neutrino dipole function (Alonso et al., arXiv:1209.2679, eq. (2.13)), written independently."""
    return -(2 * x**3 + 5 * x**2 - x) / (4 * (1 - x) ** 3) - 3 * x**3 * np.log(x) / (2 * (1 - x) ** 4)


def test_limits_of_the_loop_functions():
    assert lfv.f_W(0.0) == pytest.approx(5 / 6)
    assert lfv.f_H(0.0) == pytest.approx(1 / 12)
    assert lfv.f_W(1e7) == pytest.approx(1 / 3, rel=1e-4)  # 4x^4/(12 x^4)
    assert lfv.f_H(1e6) * 1e6 == pytest.approx(1 / 6, rel=1e-4)  # 2x^3/(12 x^4), corrections 3 ln(x)/x
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


# ---- l_a -> l_b Z' (eqs. (23)-(26)) ----------------------------------------------------------


def _eq24_leading(x):
    """(x^2 - 1 - 2x ln x)/(x - 1)^3, eq. (24); 1 at x = 0, 1/3 at x = 1."""
    return (x * x - 1 - 2 * x * math.log(x)) / (x - 1) ** 3


@pytest.mark.parametrize("M_psi", [0.5, 10.0, 150.0, 1000.0])
def test_zprime_dipole_form_factor_is_eq_24(M_psi):
    M_H, m = 400.0, c.m_tau
    x = M_psi**2 / M_H**2
    _, FM = lfv.form_factors_l_to_l_zprime("tau", 1e-6, M_psi, M_H)
    # |F_M| = g y y/(64 pi^2) (m/M_H)^2 [...]; the integrals keep m_tau^2/M_H^2 ~ 2e-5 corrections
    assert abs(FM) == pytest.approx((m / M_H) ** 2 / (64 * math.pi**2) * _eq24_leading(x), rel=1e-4)
    # its O(M_Z'^2) term, the second line of eq. (24) (an expansion in M_Z'^2/M_Psi^2 too: keep M_Z' << M_Psi)
    M_zp = 0.05
    _, FM2 = lfv.form_factors_l_to_l_zprime("tau", M_zp, M_psi, M_H)
    second = (1 + x) * (3 - 3 * x * x + (1 + 4 * x + x * x) * math.log(x)) / (3 * (x - 1) ** 5)
    slope = (abs(FM2) - abs(FM)) / ((M_zp / M_H) ** 2 * (m / M_H) ** 2 / (64 * math.pi**2))
    assert slope == pytest.approx(second, rel=2e-3)


@pytest.mark.parametrize("M_psi", [0.5, 10.0, 150.0, 1000.0])
def test_zprime_charge_form_factor_is_eq_25(M_psi):
    M_H, M_zp = 400.0, 0.1
    x = M_psi**2 / M_H**2
    FC, _ = lfv.form_factors_l_to_l_zprime("tau", M_zp, M_psi, M_H)
    eq25 = -((M_zp / M_H) ** 2) / (96 * math.pi**2) * (3 - 3 * x + (2 + x) * math.log(x)) / (x - 1) ** 2
    assert FC == pytest.approx(eq25, rel=2e-3)


def test_zprime_charge_form_factor_vanishes_at_zero_momentum():
    # Ward identity used to subtract F_C(0): check it on the unsubtracted integrals, m_a != 0
    m, M, H = 1.7, 3.0, 20.0
    s, ws = lfv._scale_nodes(M**2 / H**2)
    t, wt = (lfv._GL_INNER[0] + 1) / 2, lfv._GL_INNER[1] / 2
    s, ws = s[:, None], ws[:, None]
    z, x = s, (1 - s) * t
    da = (1 - z) * M**2 + z * H**2 - x * z * m**2
    a = np.sum(ws * (1 - s) * wt * (np.log(da) - M**2 / da))
    u, v = 1 - s, s * t
    db = u * M**2 + (1 - u) * H**2 - u * v * m**2
    b = np.sum(ws * s * wt * (np.log(db) - u * v * m**2 / db))
    assert 0.5 + a - b == pytest.approx(0.0, abs=1e-9)


def _dirac_rate_sum(FC, FM, m, M):
    """sum |M|^2 for ubar'[F_C gamma^mu P_L + (F_M/m) i sigma q P_R]u eps*, by explicit 4x4 matrices."""
    s = [np.array(a, complex) for a in ([[0, 1], [1, 0]], [[0, -1j], [1j, 0]], [[1, 0], [0, -1]])]
    Z, I = np.zeros((2, 2)), np.eye(2)
    gam = [np.block([[Z, I], [I, Z]]).astype(complex)] + [np.block([[Z, si], [-si, Z]]) for si in s]
    g5 = 1j * gam[0] @ gam[1] @ gam[2] @ gam[3]
    PL, PR = (np.eye(4) - g5) / 2, (np.eye(4) + g5) / 2
    eta = np.diag([1.0, -1, -1, -1])
    E = (m * m - M * M) / (2 * m)
    p, pp = np.array([m, 0, 0, 0.0]), np.array([E, 0.3 * E, 0, math.sqrt(0.91) * E])
    q_low = eta @ (p - pp)
    slash = lambda k: sum(eta[i, i] * k[i] * gam[i] for i in range(4))  # noqa: E731
    sig = lambda i, j: 0.5j * (gam[i] @ gam[j] - gam[j] @ gam[i])  # noqa: E731
    V = [FC * gam[i] @ PL + FM / m * 1j * sum(sig(i, r) * q_low[r] for r in range(4)) @ PR for i in range(4)]
    tot = 0.0
    for i in range(4):
        for j in range(4):
            pol = -eta[i, j] + q_low[i] * q_low[j] / M**2
            bar = gam[0] @ V[j].conj().T @ gam[0]
            tot += pol * np.trace(slash(pp) @ V[i] @ (slash(p) + m * np.eye(4)) @ bar).real
    return tot


@pytest.mark.parametrize("M_zp", [0.05, 0.6, 1.5])
def test_zprime_rate_formula_against_dirac_traces(M_zp):
    m = c.m_tau
    FC, FM = 2e-9, -3e-8
    gamma = lfv.width_from_form_factors("tau", M_zp, FC, FM)
    p_out = (m * m - M_zp**2) / (2 * m)
    assert gamma == pytest.approx(0.5 * _dirac_rate_sum(FC, FM, m, M_zp) * p_out / (8 * math.pi * m * m), rel=1e-10)


def test_light_zprime_limit_eq_26_and_the_quoted_bounds():
    M_H = 400.0
    for a in ("mu", "tau"):
        assert lfv.width_l_to_l_zprime(a, 1e-5, 0.02, M_H) == pytest.approx(
            lfv.width_l_to_l_zprime_light(a, 0.02, M_H), rel=1e-4
        )
    # sect. 2.2: Br(mu -> e Z') ~ 8.6e-5 |g y y|^2 (400 GeV/M_H-)^4 for a light Z' (and light Psi)
    assert lfv.branching_ratio_l_to_l_zprime("mu", 0.0, 0.01, M_H) == pytest.approx(8.6e-5, rel=0.01)
    # |g y_e y_tau| < 13 and |g y_mu y_tau| < 18 from Br(tau -> l + light boson) < 2.7e-3, 5e-3
    br = lfv.branching_ratio_l_to_l_zprime("tau", 0.0, 0.01, M_H)
    assert math.sqrt(2.7e-3 / br) == pytest.approx(13, rel=0.05)
    assert math.sqrt(5e-3 / br) == pytest.approx(18, rel=0.05)
    # the width is the rate formula applied to the form factors
    assert lfv.width_l_to_l_zprime("tau", 0.7, 1.0, M_H, 0.5) == pytest.approx(
        lfv.width_from_form_factors("tau", 0.7, *lfv.form_factors_l_to_l_zprime("tau", 0.7, 1.0, M_H, 0.5)), rel=1e-12
    )
    # quadratic in the coupling
    assert lfv.width_l_to_l_zprime("tau", 0.3, 1.0, M_H, 2.0) == pytest.approx(
        4 * lfv.width_l_to_l_zprime("tau", 0.3, 1.0, M_H), rel=1e-12
    )


def test_zprime_bad_input():
    for args in (
        ("tau", -0.1, 1.0, 400.0),
        ("tau", 1.8, 1.0, 400.0),
        ("tau", 0.5, 0.2, 400.0),
        ("tau", 0.1, 0.0, 400.0),
        ("tau", 0.1, 1.0, float("nan")),
        ("muon", 0.01, 1.0, 400.0),
    ):
        with pytest.raises(ValueError):
            lfv.width_l_to_l_zprime(*args)
    with pytest.raises(ValueError):
        lfv.branching_ratio_l_to_l_zprime("e", 0.0, 1.0, 400.0)
    with pytest.raises(ValueError):
        lfv.width_from_form_factors("tau", 1.8, 1e-9, 1e-8)


def test_charged_scalar_magnetic_moment_eq_34():
    # closed form for a light Psi: -m^2 |y|^2/(96 pi^2 M_H^2)
    assert lfv.delta_a_charged_scalar("mu", 0.1, 300.0) == pytest.approx(
        -((c.m_mu * 0.1 / 300.0) ** 2) / (96 * math.pi**2), rel=1e-12
    )
    # eq. (34): |delta a_mu| ~ 1e-12 (order of magnitude) for y = 0.1, M_H- = 300 GeV
    assert 0.5e-12 < abs(lfv.delta_a_charged_scalar("mu", 0.1, 300.0)) < 2e-12
    # the electron scales with m_e^2
    assert lfv.delta_a_charged_scalar("e", 0.1, 300.0) / lfv.delta_a_charged_scalar("mu", 0.1, 300.0) == pytest.approx(
        (c.m_e / c.m_mu) ** 2
    )


def test_charged_scalar_branching_ratios_eq_35():
    y = np.array([0.3, 0.1, 0.02])
    w = lfv.width_H_to_l_psi(y, 400.0, 1.0)
    assert w[0] / w[1] == pytest.approx(9.0)
    with pytest.raises(ValueError):
        lfv.width_H_to_l_psi(0.1, 1.0, 2.0)
