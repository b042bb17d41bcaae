"""The bounds of the neutrinophilic U(1)_B / U(1)_{B-L} of Farzan and Heeck (arXiv:1607.07616) on a grid."""

import math

import numpy as np
import pytest

from zprime import constants as c
from zprime.constraints import neutrinophilic as fh
from zprime.observables import nsi
from zprime.validation import InputError

K2 = nsi.KAPPA2_UNITARITY


def test_yukawa_product_is_eq_8_with_eq_9():
    M, G = np.array([[0.01]]), np.array([[1e-3]])
    for group, g_l in (("B", 0.0), ("B-L", -1.0)):
        got = fh.yukawa_product(group, ("e", "tau"), M, G, 0.1, 1.0)[0, 0]
        want = 2 * 1.0**2 * math.sqrt(K2["e"] * K2["tau"]) * (0.1 - g_l * 1e-3) ** 2 / 0.01**2
        assert got == pytest.approx(want, rel=1e-14)


def test_hatched_regions():
    M, G = np.meshgrid([0.004, 0.02, 0.5], [1e-8, 1e-3])
    kw = dict(g_psi=0.1, M_psi=1.0, m_cosmo=0.005, yy_bounds={("e", "tau"): 0.46}, M_H=400.0)
    h = fh.hatched("B", ("tau", "tau"), M, G, **kw)
    assert np.all(h[:, 0]) and not np.any(h[:, 2])  # cosmology below 5 MeV; heavy Z': small Yukawas
    # the LFV bound on |y_e y_tau| hatches where the Yukawa product exceeds it
    yy = fh.yukawa_product("B", ("e", "tau"), M, G, 0.1, 1.0)
    lfv = fh.hatched("B", ("e", "tau"), M, G, **kw)
    assert np.array_equal(lfv[:, 1:], (yy > 0.46)[:, 1:] | (math.sqrt(K2["tau"] / K2["e"]) * yy > 4 * math.pi)[:, 1:])


def test_kappa_and_flavour_checks():
    k = fh.kappa_at_unitarity(("e", "tau"))
    assert k[1] == 0.0 and k[0] == pytest.approx(math.sqrt(K2["e"]))
    with pytest.raises(InputError, match="flavours"):
        fh.kappa_at_unitarity(("e", "x"))
    with pytest.raises(InputError, match="group"):
        fh.unit_epsilon("L", ("e", "e"), [0.01], 0.1, 1.0)


def test_tau_to_l_zprime_ee_only_in_its_window():
    masses = np.array([5e-4, 0.01, 0.1, 2.0])  # below 2 m_e, inside, inside, above m_tau - m_mu
    G = np.full((2, masses.size), 1e-4)
    rate = fh.tau_to_l_zprime_ee("B-L", ("mu", "tau"), masses, G, g_psi=0.1, M_psi=1.0, M_H=400.0)
    inside = (masses > 2 * c.m_e) & (masses < c.m_tau - c.m_mu)
    assert np.all(rate[:, ~inside] == 0) and np.all(rate[:, inside] > 0)
    with pytest.raises(InputError, match="shape"):
        fh.tau_to_l_zprime_ee("B-L", ("mu", "tau"), masses, G[:, :2], g_psi=0.1, M_psi=1.0, M_H=400.0)
