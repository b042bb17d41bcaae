"""The (m_X, g_X) maps of Greljo et al. (arXiv:2203.13731 Figs. 3, 5, 6) agree with the constraint layer."""

import numpy as np
import pytest

from zprime import constraints, models
from zprime.constraints import greljo2022 as gm
from zprime.observables import nue, trident


def test_chiral_maps_equal_the_constraints_of_the_chiral_model():
    """The maps of Fig. 6 from the library's chiral model (mixing folded in) are what the catalogue's
    constraints give for that model: (g-2)_mu, Borexino, CCFR and COHERENT CsI 2021."""
    L = models.greljo2022_chiral(0.1, nu_R=False)
    m, g = np.array([0.05, 2.0]), np.array([1e-4, 1e-3])
    M, G, out = gm.exclusion_maps(lambda r: L, lambda g: g / 10, m, g)
    assert np.allclose(out["amu"], constraints.get("(g-2)_mu 2021").delta_a(L, G, M), rtol=1e-13)
    bx = constraints.get("Borexino 7Be").delta_chi2(L, G, M) + nue.borexino_chi2(1.0)
    assert np.allclose(out["borexino"], bx, rtol=1e-12)
    sm = float(trident.chi2(0.0, 0.0, 0.0, trident.EFT_MIN_MASS))
    ccfr = constraints.get("CCFR trident").delta_chi2(L, G[1], M[1]) + sm
    assert np.allclose(out["ccfr"][1], ccfr, rtol=1e-12) and np.all(np.isnan(out["ccfr"][0]))
    coh = constraints.get("COHERENT CsI 2021").delta_chi2(L, G, M)
    assert np.allclose(out["coherent"], coh, rtol=1e-9, atol=1e-9)


def test_chiral_couplings_are_eq_5_1_with_the_mixing():
    """L~_mu-tau with r = eps e/g_X folded in: muon q_V = 6.5 - r and q_A = -a = 0.5 (eq. (3.23)), electron
    x_L = -1 - r, x_R = 1 - r, left-handed neutrinos (-1, 7, -6); the paper's stand-in for the searches has
    quarks through the mixing alone."""
    r = 0.1
    L = models.greljo2022_chiral().fold_mixing(r)
    assert (L.x("mu"), -L.a("mu")) == pytest.approx((6.5 - r, 0.5), rel=1e-15)
    assert (L.x_L("e"), L.x_R("e")) == pytest.approx((-1 - r, 1 - r), rel=1e-15)
    assert [L.x_L(n) for n in ("nu_e", "nu_mu", "nu_tau")] == [-1.0, 7.0, -6.0]
    m = gm.chiral_stand_in(r)
    assert m.x("u") == pytest.approx(2 * r / 3) and m.x("d") == pytest.approx(-r / 3)  # quarks: the mixing alone
    assert (m.x("nu_mu"), m.a("e")) == (6.5, 0.0)  # a vector model: (1, 13/2, -13/2) for the leptons


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
