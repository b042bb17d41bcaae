"""Delta chi2 levels, crossings and global minimum on closed-form chi2 surfaces."""

import numpy as np
import pytest

from zprime import models
from zprime.statistics import exclusion as X


def test_two_sigma_levels():
    assert X.DCHI2_2SIGMA[1] == pytest.approx(4.0, abs=1e-9)
    assert X.DCHI2_2SIGMA[2] == pytest.approx(6.1801, abs=1e-4)  # -2 ln(1 - 0.9545)


def toy(g, M):
    # chi2 with an allowed strip: (u^2 - 1)^2 u^2 in u = g/g0(M), g0 = 1e-3 max(1, M/0.1)
    u = np.asarray(g) / (1e-3 * np.maximum(1.0, np.asarray(M) / 0.1))
    return 100.0 * u**2 * (u**2 - 1.0) ** 2


def test_crossings_find_every_boundary():
    level = 1.0
    x = X.crossings(toy, 1.0, level, 1e-6, 1e-1) / 1e-2  # in u at M = 1 (g0 = 1e-2)
    assert x.size == 3
    for r in x:
        assert 100 * r**2 * (r**2 - 1) ** 2 == pytest.approx(level, rel=1e-8)
    assert X.upper_bound(toy, 1.0, level - X.DCHI2_2SIGMA[2], g_lo=1e-6, g_hi=1e-1) == pytest.approx(x[0] * 1e-2)
    with pytest.raises(ValueError, match="no 2-sigma crossing"):
        X.upper_bound(toy, 1.0, 0.0, g_lo=1e-9, g_hi=1e-6)
    with pytest.raises(ValueError):
        X.crossings(toy, 1.0, level, 1e-2, 1e-3)


def test_global_minimum_and_sm():
    def f(g, M):
        return toy(g, M) + 3.0 + (np.log10(np.asarray(M)) + 1) ** 2

    f.sm = 1.0
    M = np.geomspace(1e-3, 1, 7)
    g = np.geomspace(1e-6, 1e-1, 50)
    assert X.global_minimum(f, M, g)["M"] is None  # SM below every grid point
    f.sm = 10.0
    gm = X.global_minimum(f, M, g)
    assert gm["chi2_min"] == pytest.approx(3.0, abs=0.05) and gm["M"] == pytest.approx(0.1)


def test_coherent_chi2_wrapper():
    f = X.coherent_chi2(models.get_model("B-L"), "CsI")
    assert f.datasets == ("CsI",)
    assert float(f(np.array([1e-7]), np.array([0.01]))[0]) == pytest.approx(f.sm, abs=1e-6)
    with pytest.raises(ValueError, match="scalar"):
        X.coherent_chi2("vector", "CsI")
