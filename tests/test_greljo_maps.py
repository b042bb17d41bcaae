"""The (m_X, g_X) maps of Greljo et al. (arXiv:2203.13731 Figs. 3, 5, 6) agree with the constraint layer."""

import numpy as np
import pytest

from zprime import constants as c
from zprime import constraints, models
from zprime.constraints import greljo2022 as gm
from zprime.observables import nue, trident


def test_chiral_maps_equal_the_constraints_of_the_chiral_model():
    """Sect. 5's couplings of L~_mu-tau by hand (the notebook's chiral(g, r)) against the library's chiral model."""
    r = c.e_em / 10

    def chiral(g, r):
        return g * (6.5 - r), g * 0.5, g * 7.0, g * (-1 - r), g * (1 - r), [-g, 7.0 * g, -6.0 * g]

    L = models.greljo2022_chiral(0.1)
    m, g = np.array([0.05, 2.0]), np.array([1e-4, 1e-3])
    M, G, out = gm.exclusion_maps(lambda r: L, lambda g: g / 10, m, g, chiral=chiral)
    assert np.allclose(out["amu"], constraints.get("(g-2)_mu 2021").delta_a(L, G, M), rtol=1e-13)
    bx = constraints.get("Borexino 7Be").delta_chi2(L, G, M) + nue.borexino_chi2(1.0)
    assert np.allclose(out["borexino"], bx, rtol=1e-12)
    sm = float(trident.chi2(0.0, 0.0, 0.0, trident.EFT_MIN_MASS))
    ccfr = constraints.get("CCFR trident").delta_chi2(L, G[1], M[1]) + sm
    assert np.allclose(out["ccfr"][1], ccfr, rtol=1e-12) and np.all(np.isnan(out["ccfr"][0]))
    assert r == pytest.approx(0.1 * c.e_em)


def test_chiral_couplings_are_eq_5_1_with_the_mixing():
    from zprime.constraints.greljo2022 import chiral_couplings, chiral_stand_in

    g, r = np.array([1e-3, 2e-3]), 0.1
    q_V, q_A, g_numu, g_eL, g_eR, g_nu = chiral_couplings(g, r)
    # muon: x_L2 = 7, x_E2 = 6 -> vector (6 + 7)/2 - r, axial magnitude (7 - 6)/2; electron x_L1 = -1, x_E1 = 1
    np.testing.assert_allclose(q_V, g * (6.5 - r))
    np.testing.assert_allclose(q_A, g * 0.5)
    np.testing.assert_allclose([g_numu, g_eL, g_eR], [7 * g, (-1 - r) * g, (1 - r) * g])
    np.testing.assert_allclose(g_nu, [-g, 7 * g, -6 * g])
    m = chiral_stand_in(r)
    assert m.x("u") == pytest.approx(2 * r / 3) and m.x("d") == pytest.approx(-r / 3)  # quarks: the mixing alone


def test_fig2_axis_and_table1_text():
    from zprime import published
    from zprime.papers import greljo2022 as figs

    np.testing.assert_allclose(figs.r_axis([0.5, 1.0, 10.0, 100.0]), [0.5, 1.0, 2.0, 3.0])
    table1 = published.greljo2022_table1()

    class Fit:  # the fields of a global_fit minimum that the table prints
        def __init__(self, charges, r, g, dchi2):
            self.charges, self.r, self.g, self.dchi2 = charges, r, g, dchi2
            self.components = dict(amu=0.0, borexino=0.0, nsi=0.0, coherent=0.0)

    t, r, g, d = table1[2]
    text = figs.table1_text([Fit(t, r, g, d)], table1)
    assert str(tuple(t)) in text and "viable here, not in the paper: none" in text
    assert f"{d:6.2f}" in text.splitlines()[1]
