"""App. A of Greljo et al. 2022: the Gaussian NSI chi^2 and its loss."""

import numpy as np
import pytest

from zprime import nsi_osc as N

CH = N.ApproxChi2((-1.0, 2.0, 1.5), (3.0, 4.0, 5.0), (0.3, -0.2, 0.5), 1.05)


def test_closed_forms_match_brute_force():
    th = (1, -3, 0, 0)
    e = np.linspace(0, 5, 200001)
    d = CH.delta_chi2(e, th)
    e_min, d_min = CH.minimum(th)
    assert d_min == pytest.approx(min(0.0, d.min()), abs=1e-6)
    b = CH.bound(th)
    assert CH.delta_chi2(b, th) == pytest.approx(4.0)
    # eq. (A.12) by hand
    E = CH.direction(th) * 0.7
    Ci = np.linalg.inv(CH.covariance)
    E0 = np.array(CH.E0)
    assert CH.delta_chi2(0.7, th) == pytest.approx((E - E0) @ Ci @ (E - E0) - E0 @ Ci @ E0)


def test_direction_eq_A5():
    # (x_e + (1 + Y_n) x_B) x_alpha
    assert np.allclose(CH.direction((1, -2, -1, 0)), (-2 + 2.05) * np.array([-2, -1, 0]))


def test_eps0_eq_A3():
    from zprime import constants as c
    assert N.eps0(1e-3, 0.1) == pytest.approx(1e-6 / (2**0.5 * c.G_F * 0.01))


def test_loss_zero_for_a_chi2_built_to_match():
    # a table generated from CH itself has zero loss
    th = [(1, -3, 0, 0), (0, 1, -1, 0), (1, 0, 1, 1)]
    table = tuple((t, float(CH.minimum(t)[1]), float(CH.bound(t))) for t in th)
    assert N.loss(CH, table) == pytest.approx(0, abs=1e-20)


def test_fit_finds_low_loss_and_reports_limits():
    res = N.fit(6, seed=3, progress=False)
    assert res[0].loss <= res[-1].loss
    assert all(isinstance(r.at_limit, tuple) for r in res)
    assert all(r.chi2.is_positive_definite or r.chi2.at_correlation_limit for r in res)


def test_bad_input():
    with pytest.raises(ValueError):
        N.ApproxChi2((0, 0, 0), (1, -1, 1), (0, 0, 0), 1.0)
    with pytest.raises(ValueError):
        CH.delta_chi2(-1.0, (1, 0, 0, 0))
    with pytest.raises(ValueError):
        CH.direction((1, 2, 3))
    singular = N.ApproxChi2((0, 0, 0), (1, 1, 1), (1.0, 1.0, 1.0), 1.0)
    with pytest.raises(ValueError):
        singular.bound((1, 0, 1, 1))
