"""NSI from a light vector boson against eqs. (5)-(7) of Farzan 2015 and (A.2)-(A.5) of Greljo et al."""

import math

import numpy as np
import pytest

from zprime import constants as c
from zprime import models
from zprime.models import ModelError
from zprime.observables import nsi
from zprime.units import MeV

F = models.farzan2015()


@pytest.mark.parametrize("g,m", [(7e-5, 10 * MeV), (1e-4, 30 * MeV), (3e-5, 5 * MeV)])
def test_farzan_eq5_eq6(g, m):
    # eq. (5)/(6): eps^{u,d}_mumu = eps^{u,d}_tautau = g^2/m^2 Y_L (Y_Q1 + Y_{u1,d1})/(2 sqrt2 G_F),
    # with Y_L = 1, Y_Q1 = Y_u1 = Y_d1 = 1/3 (eqs. (9)-(10)).
    expect = g**2 / m**2 * 1 * (1 / 3 + 1 / 3) / (2 * math.sqrt(2) * c.G_F)
    for f in ("u", "d"):
        for a in ("mu", "tau"):
            assert nsi.epsilon(F, g, m, f, a) == pytest.approx(expect, rel=1e-12)
        assert nsi.epsilon(F, g, m, f, "e") == 0.0  # first-generation leptons are neutral


def test_farzan_eq7():
    # eq. (7): eps^{u,d}_mumu ~ 1  <=>  g' ~ 7e-5 (m_Z'/10 MeV); quoted to one significant figure.
    g = nsi.g_for_epsilon(1.0, 10 * MeV, charge_product=1 / 3)
    assert round(g / 1e-5) == 7
    assert nsi.epsilon(F, g, 10 * MeV, "u", "mu") == pytest.approx(1.0, rel=1e-12)
    # linear in m_Z' at fixed eps
    assert nsi.g_for_epsilon(1.0, 30 * MeV, 1 / 3) == pytest.approx(3 * g, rel=1e-12)


def test_greljo_A2_A3():
    # eps^f_alpha = x_f x_alpha eps_0, eps_0 = g^2/(sqrt2 G_F m^2), f in (e, p, n)
    M = models.get_model("B-2L_e-L_mu")
    g, m = 2e-4, 50 * MeV
    e0 = g**2 / (math.sqrt(2) * c.G_F * m**2)
    assert nsi.eps0(g, m) == pytest.approx(e0, rel=1e-14)
    assert nsi.epsilon(M, g, m, "e", "e") == pytest.approx((-2) * (-2) * e0)
    assert nsi.epsilon(M, g, m, "p", "mu") == pytest.approx(1 * (-1) * e0)
    assert nsi.epsilon(M, g, m, "n", "tau") == 0.0


def test_proton_neutron_from_quarks():
    M = models.get_model("B-L")
    g, m = 1e-4, 20 * MeV
    eu, ed = nsi.epsilon(M, g, m, "u", "mu"), nsi.epsilon(M, g, m, "d", "mu")
    assert nsi.epsilon(M, g, m, "p", "mu") == pytest.approx(2 * eu + ed)
    assert nsi.epsilon(M, g, m, "n", "mu") == pytest.approx(eu + 2 * ed)


def test_off_diagonal_vanishes():
    assert nsi.epsilon(F, 7e-5, 10 * MeV, "u", "mu", "tau") == 0.0


def test_matter_average_eqA5_and_kinetic_mixing_cancels():
    # E_alpha = (x_e + (1 + Y_n) x_B) x_alpha eps_0 for quark-universal models, eq. (A.5)
    M = models.get_model("B-3L_mu")
    g, m, Yn = 1e-4, 30 * MeV, 1.05
    expect = (0 + (1 + Yn) * 1) * (-3) * nsi.eps0(g, m)
    assert nsi.epsilon_matter(M, g, m, "mu", Yn) == pytest.approx(expect, rel=1e-12)
    # kinetic mixing: eps^e and eps^p move, their sum in neutral matter does not
    Mk = M.with_eps(3e-5)
    de = nsi.epsilon(Mk, g, m, "e", "mu") - nsi.epsilon(M, g, m, "e", "mu")
    dp = nsi.epsilon(Mk, g, m, "p", "mu") - nsi.epsilon(M, g, m, "p", "mu")
    assert de != 0 and de == pytest.approx(-dp, rel=1e-12)
    assert nsi.epsilon_matter(Mk, g, m, "mu", Yn) == pytest.approx(expect, rel=1e-12)


def test_vectorised():
    g = np.array([1e-5, 1e-4])
    m = np.array([[0.01], [0.02]])
    out = nsi.epsilon(F, g, m, "u", "mu")
    assert out.shape == (2, 2)
    assert out[1, 1] == pytest.approx(nsi.epsilon(F, 1e-4, 0.02, "u", "mu"))


def test_bad_input():
    with pytest.raises(ValueError, match="m_zp"):
        nsi.epsilon(F, 1e-4, -0.01, "u", "mu")
    with pytest.raises(ValueError, match="finite"):
        nsi.eps0(np.nan, 0.01)
    with pytest.raises(ModelError, match="flavour"):
        nsi.epsilon(F, 1e-4, 0.01, "u", "muon")
    with pytest.raises(ModelError, match="target"):
        nsi.epsilon(F, 1e-4, 0.01, "s", "mu")
    with pytest.raises(ValueError, match="Y_n"):
        nsi.epsilon_matter(F, 1e-4, 0.01, "mu", -1.0)
    with pytest.raises(ValueError, match="sign"):
        nsi.g_for_epsilon(-1.0, 0.01, 1 / 3)


# ---- Farzan-Heeck 2016: NSI from neutrino - Psi mixing ---------------------------------------


def test_psi_mixing_nsi_is_rank_one_and_hermitian():
    kappa = [0.04, 0.01 * np.exp(0.7j), 0.06 * np.exp(-1.2j)]
    eps = nsi.epsilon_psi_mixing(1 / 3, -0.2, kappa, 0.02)
    assert np.allclose(eps, eps.conj().T)
    for a in range(3):
        for b in range(3):
            assert abs(eps[a, b]) ** 2 == pytest.approx((eps[a, a] * eps[b, b]).real, rel=1e-12)
    assert np.linalg.matrix_rank(eps, tol=1e-9 * abs(eps).max()) == 1
    # two Psi copies: Cauchy-Schwarz |eps_ab| <= sqrt(eps_aa eps_bb)
    two = eps + nsi.epsilon_psi_mixing(1 / 3, -0.2, [0.01, 0.05, 0.02j], 0.02)
    assert abs(two[0, 1]) < math.sqrt((two[0, 0] * two[1, 1]).real)


def test_psi_mixing_nsi_normalisation():
    # vector eps^f = g_f g_Psi |kappa|^2/(sqrt2 G_F M^2): twice eq. (11) as printed (one chirality)
    g_f, g_psi, k, M = 1e-5 / 3, 1.0, math.sqrt(1e-3), 0.01
    eps = nsi.epsilon_psi_mixing(g_f, g_psi, [k, 0, 0], M)[0, 0].real
    assert eps == pytest.approx(g_f * g_psi * k**2 / (math.sqrt(2) * c.G_F * M**2), rel=1e-12)
    # eq. (33) in the paper's normalisation: |kappa_e|^2 = 1e-3, g_Psi g_B = 1e-5 at 10 MeV gives eps^u ~ 1
    assert eps / 2 == pytest.approx(1.0, rel=0.02)
    # same as a vector boson with x_nu = g_Psi |kappa|^2/g and x_u = g_f/g (eps0 of eq. (A.3))
    assert eps == pytest.approx(g_psi * k**2 * g_f * nsi.eps0(1.0, M), rel=1e-12)


def test_earth_combination_eq_32_and_groups():
    # B - L: electron and proton potentials cancel, only neutrons remain
    k = [0.0, 0.0, 0.05]
    bl = nsi.farzan_heeck2016_epsilon("B-L", 1e-5, 0.1, k, 0.03, 1.058)[2, 2].real
    n_only = 1.058 * nsi.epsilon_psi_mixing(1e-5, 0.1, k, 0.03)[2, 2].real
    assert bl == pytest.approx(n_only, rel=1e-12)
    # B: eps = 3 eps^u (1 + Y_n); with n_n = n_e this is eps^e + 3 eps^u + 3 eps^d (caption of Fig. 5)
    b = nsi.farzan_heeck2016_epsilon("B", 1e-5, 0.1, k, 0.03, 1.0)[2, 2].real
    eu = nsi.epsilon_psi_mixing(1e-5 / 3, 0.1, k, 0.03)[2, 2].real
    assert b == pytest.approx(6 * eu, rel=1e-12)
    # L: electrons only
    el = nsi.farzan_heeck2016_epsilon("L", 1e-5, 0.1, k, 0.03, 5.0)[2, 2].real
    assert el == pytest.approx(nsi.epsilon_psi_mixing(1e-5, 0.1, k, 0.03)[2, 2].real, rel=1e-12)
    # broadcasting over g
    assert nsi.farzan_heeck2016_epsilon("B", [1e-6, 2e-6], 0.1, k, 0.03, 1.0).shape == (2, 3, 3)


def test_unitarity_and_mixing_relations():
    kb = nsi.kappa_bounds()
    # eq. (14): 1e-3, 1.6e-3, 3.7e-3
    assert kb[("e", "mu")] == pytest.approx(1.0e-3, rel=0.06)
    assert kb[("mu", "tau")] == pytest.approx(1.6e-3, rel=0.03)
    assert kb[("e", "tau")] == pytest.approx(3.7e-3, rel=0.02)
    # eq. (9): cos(beta) < 4e-4 at 10 MeV for |g_Psi - g_l| = 0.1
    assert nsi.cos_beta_max(0.01, 0.1) == pytest.approx(4e-4, rel=0.03)
    assert nsi.mixing_kappa(1.0, 1e-3, 2.0) == pytest.approx(c.v_higgs * 1e-3 / (2 * math.sqrt(2)))


def test_psi_mixing_bad_input():
    with pytest.raises(ValueError):
        nsi.epsilon_psi_mixing(1.0, 1.0, [0.1, 0.1], 0.01)
    with pytest.raises(ValueError):
        nsi.epsilon_psi_mixing(1.0, 1.0, [0.1, float("nan"), 0.0], 0.01)
    with pytest.raises(ValueError):
        nsi.epsilon_psi_mixing(1.0, 1.0, [0.1, 0.0, 0.0], -0.01)
    with pytest.raises(ModelError):
        nsi.farzan_heeck2016_epsilon("B+L", 1e-5, 0.1, [0.1, 0, 0], 0.01, 1.0)
    with pytest.raises(ValueError):
        nsi.epsilon_earth(1.0, 1.0, 1.0, -1.0)
    with pytest.raises(ValueError):
        nsi.cos_beta_max(0.01, 0.1, 0.1)
    with pytest.raises(ValueError):
        nsi.mixing_kappa(1.0, 1e-3, 0.0)
