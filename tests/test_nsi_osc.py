"""App. A of Greljo et al. 2022: the Gaussian NSI chi^2 and its loss."""

import numpy as np
import pytest

from zprime.observables import nsi_osc as N

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


def test_loss_is_eq_A15_from_the_closed_forms():
    # lambda = sum (bound - published)^2 / (10 % of it)^2 + sum over given minima (min - published)^2 / 2^2,
    # with the bound (A.13) and minimum (A.14) from the vectorised public methods
    expected = 0.0
    for t, chi2_min, bound in N.TABLE2:
        expected += ((float(CH.bound(t)) - bound) / (0.1 * bound)) ** 2
        if chi2_min is not None:
            expected += ((float(CH.minimum(t)[1]) - chi2_min) / 2.0) ** 2
    assert N.loss(CH) == pytest.approx(expected, rel=1e-13)
    # a row with a = 0 (theta = (1, -2, -1, 0) at Y_n = 1: v = 0) has an infinite bound
    flat = N.ApproxChi2(CH.E0, CH.sigma, CH.rho, 1.0)
    assert N.loss(flat) == np.inf


def test_bound_ratios_against_the_table():
    # a table built from CH itself: every ratio 1; scaling its bounds by 2 halves them
    th = [(1, -3, 0, 0), (0, 1, -1, 0), (1, 0, 1, 1)]
    table = tuple((t, float(CH.minimum(t)[1]), float(CH.bound(t))) for t in th)
    assert CH.bound_ratios(table) == pytest.approx(np.ones(3), rel=1e-12)
    doubled = tuple((t, m, 2 * b) for t, m, b in table)
    assert CH.bound_ratios(doubled) == pytest.approx(np.full(3, 0.5), rel=1e-12)
    assert len(CH.bound_ratios()) == len(N.TABLE2)


def test_precision_form_equals_covariance_form():
    P = np.linalg.inv(CH.covariance)
    pc = N.PrecisionChi2(tuple(map(tuple, P)), tuple(P @ np.array(CH.E0)), CH.Y_n)
    th = np.array([t for t, _, _ in N.TABLE2], dtype=float)
    for x, y in zip(pc.quadratic(th), CH.quadratic(th)):
        assert np.allclose(x, y, rtol=1e-12)
    assert N.loss(pc) == pytest.approx(N.loss(CH), rel=1e-12)
    back = pc.to_approx(ridge=0.0)
    assert np.allclose(back.E0, CH.E0) and np.allclose(back.sigma, CH.sigma) and np.allclose(back.rho, CH.rho)


def test_fit_vector_loss_matches_loss():
    f = N._FitLoss()
    with N._quiet():
        for xi in N.starting_points(5, seed=7):
            assert f(xi) == pytest.approx(N.loss(N.PrecisionChi2.from_cholesky(xi)), rel=1e-12)
        # M = 0: a = 0 in every row, the bounds are infinite; the minimisers see a wall
        x0 = np.r_[np.zeros(6), 1.0, 0.0, 0.0, 1.05]
        assert f(x0) == 1e12 and N.loss(N.PrecisionChi2.from_cholesky(x0)) == np.inf


def test_fit_reaches_the_global_minimum():
    """16 Migrad starts (default seed) reach the lowest minimum, loss 1.08490 at Y_n = 1.0346
    (paper: 1.43 at Y_n = 1.04); regression values to 1e-5."""
    res = N.fit(16, seed=1, progress=False)
    assert [r.loss for r in res] == sorted(r.loss for r in res)
    assert res[0].loss == pytest.approx(1.084902, abs=1e-5)
    assert res[0].Y_n == pytest.approx(1.034636, abs=1e-5)
    # the best minimum sits where C is singular (P has a zero eigenvalue, all rho -> 1)
    assert res[0].chi2.condition < 1e-8
    groups = N.distinct_minima(res)
    assert groups[0][0].loss == res[0].loss and sum(n for _, n in groups) == len(res)


def test_bad_input():
    with pytest.raises(ValueError):
        N.ApproxChi2((0, 0, 0), (1, -1, 1), (0, 0, 0), 1.0)
    with pytest.raises(ValueError):
        CH.delta_chi2(-1.0, (1, 0, 0, 0))
    with pytest.raises(ValueError):
        CH.direction((1, 2, 3))
    with pytest.raises(ValueError):
        N.PrecisionChi2(((1, 0, 0), (0, -1, 0), (0, 0, 1)), (0, 0, 0), 1.0)
    with pytest.raises(ValueError):
        N.starting_points(0)
    singular = N.ApproxChi2((0, 0, 0), (1, 1, 1), (1.0, 1.0, 1.0), 1.0)
    with pytest.raises(ValueError):
        singular.bound((1, 0, 1, 1))


@pytest.mark.slow
def test_stored_global_minimum_is_the_fit():
    # lib/zprime/tables/nsi_osc_minimum.toml caches fit_global(seed=1, popsize=20), the lower of its two
    # Y_n regions.  Refit the region it lies in: each region runs alone with the same seed, so this is the
    # same fit at half the cost.  That the other region's minimum is higher is checked on the Greljo
    # notebook's record, the best of both regions and of 200 Migrad starts (test_nsi_fit_loss_and_bounds).
    stored = N.global_minimum()
    (region,) = [r for r in N.Y_N_REGIONS if r[0] < stored.Y_n < r[1]]
    (best,) = N.fit_global(seed=1, popsize=20, regions=[region])
    assert N.loss(stored) == pytest.approx(best.loss, abs=1e-9)
    assert stored.Y_n == pytest.approx(best.Y_n, abs=1e-6)
    # the bounds it implies, which the constraint layer uses, agree with the fresh fit's
    th = np.array([t for t, *_ in N.TABLE2])
    assert stored.bound(th) == pytest.approx(best.chi2.bound(th), rel=1e-6)
