"""U(1)' charge assignments: paper tables, anomalies, kinetic mixing, bad input."""

import math

import numpy as np
import pytest
from scipy import integrate

from zprime import constants as c
from zprime import models
from zprime.errors import ZprimeError
from zprime.models import ModelError, vector

# Table 1 of Atzori Corona et al. (arXiv:2202.11002): Q'_u, Q'_d, Q'_e, Q'_mu, Q'_tau.
TABLE1 = {
    "universal": (1, 1, 1, 1, 1),
    "B-L": (1 / 3, 1 / 3, -1, -1, -1),
    "B-3L_e": (1 / 3, 1 / 3, -3, 0, 0),
    "B-3L_mu": (1 / 3, 1 / 3, 0, -3, 0),
    "B-2L_e-L_mu": (1 / 3, 1 / 3, -2, -1, 0),
    "B-L_e-2L_mu": (1 / 3, 1 / 3, -1, -2, 0),
    "B_y+L_mu+L_tau": (1 / 3, 1 / 3, 0, 1, 1),
    "L_e-L_mu": (0, 0, 1, -1, 0),
    "L_e-L_tau": (0, 0, 1, 0, -1),
    "L_mu-L_tau": (0, 0, 0, 1, -1),
}


@pytest.mark.parametrize("name", list(TABLE1))
def test_table1_charges(name):
    M = models.atzori_corona_table1(name)
    xu, xd, xe, xmu, xtau = TABLE1[name]
    got = [M.x(f) for f in ("u", "d", "e", "mu", "tau")]
    assert got == pytest.approx([xu, xd, xe, xmu, xtau])
    # neutrinos carry the charge of their lepton doublet
    assert [M.x(n) for n in models.NEUTRINOS] == pytest.approx([xe, xmu, xtau])


@pytest.mark.parametrize("name", [n for n in TABLE1 if n != "universal"])
def test_table1_anomaly_free(name):
    assert models.get_model(name).is_anomaly_free()


def test_universal_is_anomalous():
    U = models.get_model("universal")
    assert U.anomalous and not U.is_anomaly_free()
    assert U.anomalies()["SU2_SU2_X"] == pytest.approx(12.0)  # 3 generations x (3*1 + 1)


@pytest.mark.parametrize("a", [-1.0, 1.5, 4.0, 0.3])
def test_farzan2015_anomaly_free_for_any_a(a):
    # eq. (8) of arXiv:1505.06906 is anomaly free for arbitrary a; charges of eqs. (9)-(10).
    F = models.farzan2015(a)
    assert F.is_anomaly_free()
    assert [F.x("u"), F.x("c"), F.x("t")] == pytest.approx([1 / 3, -a / 3, -1 + a / 3])
    assert [F.x("e"), F.x("mu"), F.x("tau"), F.x("nu_mu")] == pytest.approx([0, 1, 1, 1])


@pytest.mark.parametrize("c_", [-0.1, 2 / 3, 0.0, 1.0, -1.0])
def test_bernal_farzan_anomaly_free(c_):
    M = models.bernal_farzan2023(c_)
    assert M.is_anomaly_free()
    assert [M.x("u"), M.x("s"), M.x("b")] == pytest.approx([-c_ / 3, -c_ / 3, -2 * (1 - c_) / 3])


def test_G_B_anomaly_condition_eq3p11():
    rng = np.random.default_rng(1)
    for _ in range(20):
        ce, cmu = rng.normal(size=2)
        cB = rng.normal()
        ctau = 3 * cB - ce - cmu  # eq. (3.11)
        assert models.G_B(cB, ce, cmu, ctau).is_anomaly_free()
        assert not models.G_B(cB, ce, cmu, ctau + 0.5).is_anomaly_free()


def test_lmu_ltau_needs_no_right_handed_neutrinos():
    L = models.get_model("L_mu-L_tau")
    assert models.VectorModel("x", L.charges, nu_R=False).is_anomaly_free()
    BL = models.get_model("B-L")
    assert not models.VectorModel("x", BL.charges, nu_R=False).is_anomaly_free()


def test_kinetic_mixing_shift():
    # x_f -> x_f + eps e Q_f / g
    M = models.get_model("L_mu-L_tau", eps=1e-4)
    g = 1e-3
    assert M.x_eff("e", g) == pytest.approx(-1e-4 * c.e_em / g)
    assert M.x_eff("mu", g) == pytest.approx(1 - 1e-4 * c.e_em / g)
    assert M.x_eff("nu_mu", g) == pytest.approx(1.0)
    xp, xn = M.nucleon_charges(g)
    assert xp == pytest.approx(1e-4 * c.e_em / g) and xn == pytest.approx(0.0, abs=1e-15)
    assert M.with_eps(0.0).x_eff("e", g) == 0.0


def test_dark_photon_is_eps_times_charge():
    D = models.get_model("dark_photon")
    assert D.x("u") == pytest.approx(2 / 3 * c.e_em)
    assert D.nucleon_charges() == pytest.approx((c.e_em, 0.0), abs=1e-15)


def test_from_array_and_bad_input():
    M = models.VectorModel.from_array("BL", [1 / 3, 1 / 3, -1, -1, -1, -1, -1, -1])
    assert M.is_anomaly_free()
    with pytest.raises(ModelError, match="expected 8 charges"):
        models.VectorModel.from_array("bad", [1, 2, 3])
    with pytest.raises(ModelError, match="finite"):
        models.VectorModel.from_array("bad", [np.nan, 0, 0, 0, 0, 0, 0, 0])
    with pytest.raises(ModelError, match="real number"):
        models.VectorModel("bad", {**dict.fromkeys(models.SHORT_FERMIONS, 0.0), "u": "one"})
    with pytest.raises(ModelError, match="missing"):
        models.VectorModel("bad", {"u": 1.0})
    with pytest.raises(ModelError, match="unknown fermion"):
        models.VectorModel("bad", {**dict.fromkeys(models.SHORT_FERMIONS, 0.0), "top": 1.0})
    with pytest.raises(ModelError, match="finite"):
        models.get_model("B-L", eps=np.inf)
    with pytest.raises(ModelError, match="not SU\\(2\\)"):
        models.VectorModel("bad", {**dict.fromkeys(models.SHORT_FERMIONS, 0.0), "u": 1.0}).anomalies()


def test_unknown_model_names():
    with pytest.raises(ModelError, match="Did you mean"):
        models.get_model("L_mu-Ltau")
    with pytest.raises(ModelError, match="unknown model"):
        models.get_model("B-L_boson")
    with pytest.raises(ModelError, match="not in Table 1"):
        models.atzori_corona_table1("dark_photon")
    with pytest.raises(ModelError, match="positive"):
        models.get_model("B-L").x_eff("e", -1.0)


def eq3p20(m_beta, m_alpha, q):
    """eq. (3.20) of arXiv:2202.11002 by adaptive quadrature."""
    f = lambda x: x * (1 - x) * math.log((m_beta**2 + x * (1 - x) * q**2) / (m_alpha**2 + x * (1 - x) * q**2))  # noqa: E731
    return integrate.quad(f, 0, 1, epsabs=0, epsrel=1e-12)[0]


@pytest.mark.parametrize(
    "name,beta,alpha", [("L_mu-L_tau", "tau", "mu"), ("L_e-L_mu", "mu", "e"), ("L_e-L_tau", "tau", "e")]
)
@pytest.mark.parametrize("q", [0.0, 1e-3, 0.05, 0.1])
def test_loop_mixing_eq3p20(name, beta, alpha, q):
    # Z' contribution to nu_alpha-proton scattering in eq. (3.19): g x_nu_alpha * (eps e) with
    # eps = (e g / 2 pi^2) eps_{beta alpha}(|q|).
    M = models.get_model(name)
    g = 1e-3
    eps = models.loop_kinetic_mixing(M, g, q2=-(q**2))
    expect = c.e_em * g / (2 * math.pi**2) * eq3p20(c.FERMION_MASS[beta], c.FERMION_MASS[alpha], q)
    assert M.x("nu_" + alpha) * eps == pytest.approx(expect, rel=1e-8)


def test_loop_mixing_constant_limit_and_divergence():
    # eps_{tau mu} ~ ln(m_tau^2/m_mu^2)/6 at |q| << m_mu (text below eq. (3.20))
    M = models.get_model("L_mu-L_tau")
    eps = models.loop_kinetic_mixing(M, 1.0, 0.0)
    assert eps == pytest.approx(c.e_em / (2 * math.pi**2) * math.log(c.m_tau**2 / c.m_mu**2) / 6, rel=1e-10)
    with pytest.raises(ModelError, match="divergent"):
        models.loop_kinetic_mixing(models.get_model("B-L"), 1e-4)
    val = models.loop_kinetic_mixing(models.get_model("B-L"), 1e-4, mu=100.0)
    assert np.isfinite(val)
    with pytest.raises(ZprimeError, match="q2 must be finite"):
        models.loop_kinetic_mixing(M, 1e-3, q2=np.nan)


def test_loop_integral_closed_form_against_quadrature():
    # the closed form (space-like, below and above the pair threshold) vs adaptive quadrature
    from scipy.integrate import quad

    for a in (-1e4, -30.0, -1.0, -1e-4, 1e-4, 0.5, 3.9, 4.5, 10.0, 300.0):
        pts = None
        if a > 4:
            b = math.sqrt(1 - 4 / a)
            pts = [(1 - b) / 2, (1 + b) / 2]
        ref = quad(lambda x: x * (1 - x) * math.log(abs(1 - a * x * (1 - x))), 0, 1, points=pts, limit=200)[0]
        assert vector._vacuum_polarisation_J(np.array([a]))[0] == pytest.approx(ref, rel=1e-9, abs=1e-15)


def test_timelike_loop_mixing_modulus():
    # k(m) = e^2/(2 pi^2) |int x(1-x) ln[(m_tau^2 - x(1-x)m^2)/(m_mu^2 - x(1-x)m^2)]| for L_mu - L_tau:
    # 4.37e-3 at m << m_mu, 5.5e-3 near 0.2 GeV, 3.3e-3 at 1 GeV (DarkCast's loop-induced
    # charges as quoted with the shipped recasts); Im part = -pi (b/4 - b^3/12) from the muon loop.
    M = models.get_model("L_mu-L_tau")
    k = lambda m: abs(c.e_em * models.loop_kinetic_mixing(M, 1.0, m * m, complex_valued=True))
    assert k(1e-3) == pytest.approx(4.37e-3, rel=2e-3)
    assert k(0.2) == pytest.approx(5.5e-3, rel=1e-2)
    assert k(1.0) == pytest.approx(3.3e-3, rel=2e-2)
    # below every threshold the loop is real
    assert np.imag(models.loop_kinetic_mixing(M, 1.0, 0.2**2, complex_valued=True)) == 0.0
