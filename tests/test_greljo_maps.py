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
