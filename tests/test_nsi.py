"""NSI from a light vector boson against eqs. (5)-(7) of Farzan 2015 and (A.2)-(A.5) of Greljo et al."""

import math

import numpy as np
import pytest

from zprime import constants as c
from zprime import models, nsi
from zprime.models import ModelError
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
