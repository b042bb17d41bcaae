"""App. B global Delta chi^2 (Greljo et al. 2022): components, resonance thresholds, minimiser."""

import numpy as np
import pytest

from zprime.errors import ZprimeError
from zprime.experiments import recast
from zprime.observables import nsi_osc
from zprime.statistics import global_fit as GF

NSI = nsi_osc.ApproxChi2((-1.0, 2.0, 1.5), (3.0, 4.0, 5.0), (0.3, -0.2, 0.5), 1.05)


def test_sm_limit_of_components():
    X = GF.GlobalChi2((3, -6, 3, -6), nsi=NSI)
    comp = X.components(1e-12, 0.0)
    assert comp["amu"] == pytest.approx((251 / 59) ** 2, rel=1e-6)
    assert comp["borexino"] == pytest.approx(0.444, abs=1e-3)
    assert comp["nsi"] == pytest.approx(0, abs=1e-9)
    assert comp["coherent"] == pytest.approx(0, abs=1e-6)
    assert comp["resonance"] == 0


@pytest.mark.parametrize("r", [-6.5, -2.0, 0.0, 3.0])
@pytest.mark.parametrize("ch", [(3, -6, 3, -6), (0, 0, 1, -1), (3, -7, -1, -1)])
def test_resonance_thresholds_equal_full_recast(r, ch):
    # one constant per search and mass (calibrated on another model) serves every model
    th = GF.resonance_thresholds(ch, 0.2, np.array([r]))
    for s in GF.RESONANCE_SEARCHES:
        band = recast.recast(s, GF.effective_model(ch, r), masses=np.array([0.2]))
        expected = band.lower[0] if np.isfinite(band.lower[0]) else np.inf  # NaN: not excluded
        assert th[s][0] == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("m_X", [0.02, 0.2, 0.9, 1.8])
def test_width_forms_give_every_models_widths(m_X):
    # the resonance thresholds take each model's widths from quadratic forms in (c_B, c_e, c_mu, c_tau, r)
    # fixed by 15 models per mass; against the widths of random models themselves (summed as the searches
    # and the branching ratios sum them)
    from zprime.observables import decays

    rng = np.random.default_rng(7)
    for _ in range(6):
        z = np.append(rng.uniform(-7, 7, 4), rng.uniform(-10, 10))
        pw = decays.partial_widths(GF.effective_model(z[:4], z[4]), np.array([m_X]), dirac=False)
        for states in (("e_e", "mu_mu"), "invisible", "hadrons", "total"):
            want = float(decays.sum_widths(pw, states)[0])
            assert z @ GF._width_form(m_X, states) @ z == pytest.approx(want, rel=1e-12)


def test_scan_remembers_minima():
    kw = dict(include=("amu",), progress=False, minimise_kw=dict(n_g=21, n_r=21, zooms=1))
    first = GF.scan([(0, 0, 1, -1), (3, -6, 4, -7)], **kw)
    again = GF.scan([(3, -6, 4, -7), (0, 0, 1, -1), (3, -6, 4, -7)], **kw)
    assert again == [first[1], first[0], first[1]]
    fresh = GF.minimise(GF.GlobalChi2((3, -6, 4, -7), include=("amu",)), n_g=21, n_r=21, zooms=1)
    assert fresh == first[1]  # what the memo returns is what a refit gives


def test_minimiser_finds_lmu_ltau_point():
    # L_mu - L_tau with only (g-2): the minimum is Delta chi^2 = 0 on the line g (1 - r) = const
    X = GF.GlobalChi2((0, 0, 1, -1), include=("amu",))
    m = GF.minimise(X)
    assert m.dchi2 < 1e-3


def test_bad_input():
    with pytest.raises(ZprimeError):
        GF.GlobalChi2((1, 0, 0, 0), nsi=NSI)  # anomalous
    with pytest.raises(ValueError):
        GF.GlobalChi2((0, 0, 1, -1))  # NSI term without the fitted chi^2
    with pytest.raises(ValueError):
        GF.GlobalChi2((0, 0, 1, -1), include=("amu", "lhc"))
    with pytest.raises(ValueError):
        GF.GlobalChi2((0, 0, 1, -1), m_X=-0.2, include=("amu",))
    X = GF.GlobalChi2((0, 0, 1, -1), include=("amu",))
    for bad in (dict(zooms=0), dict(n_best=0), dict(n_g=2), dict(zooms=True), dict(r_range=(1.0, -1.0))):
        with pytest.raises(ValueError, match=next(iter(bad))):
            GF.minimise(X, **bad)


def _zoom_one_at_a_time(chi2, lg_range=(-6.0, -1.0), r_range=(-25.0, 25.0), n_g=101, n_r=201, zooms=3, n_best=3):
    """minimise() written out with each candidate zoomed into on its own."""
    lg = np.linspace(*lg_range, n_g)
    sp = np.array(chi2.special_r())
    fine = (sp[:, None] + np.array([-0.02, -0.005, 0.0, 0.005, 0.02])[None, :]).ravel()
    r = np.unique(np.concatenate([np.linspace(*r_range, n_r), fine]))
    dlg, dr = lg[1] - lg[0], (r_range[1] - r_range[0]) / (n_r - 1)
    best = (np.inf, np.nan, np.nan)
    for lg0, r0 in GF._grid_candidates(GF._grid_total(chi2, lg, r), lg, r, 2 * dlg, 2 * dr, n_best):
        wg, wr = 2 * dlg, 2 * dr
        for _ in range(zooms):
            lgz = np.linspace(lg0 - wg, lg0 + wg, 21)
            rz = np.unique(np.concatenate([np.linspace(r0 - wr, r0 + wr, 41), [r0]]))
            t = GF._grid_total(chi2, lgz, rz)
            i, j = np.unravel_index(np.argmin(t), t.shape)
            lg0, r0, val = lgz[i], rz[j], t[i, j]
            wg, wr = wg / 5, wr / 5
        if val < best[0]:
            best = (val, lg0, r0)
    return best


@pytest.mark.parametrize("charges", [(3, -6, 4, -7), (0, 0, 1, -1), (1.3, -0.5, 2.0, -5.4), (3, -8, 0, -1)])
def test_candidates_zoomed_side_by_side_as_one_at_a_time(charges):
    F = GF.GlobalChi2(charges, nsi=NSI, include=("amu", "borexino", "nsi", "resonance"))
    for kw in (dict(), dict(zooms=1, n_best=5), dict(n_g=21, n_r=31)):
        val, lg0, r0 = _zoom_one_at_a_time(F, **kw)
        got = GF.minimise(F, **kw)
        assert (got.dchi2, got.g, got.r) == (float(val), float(10.0**lg0), float(r0))


def _walk_full_sort(tot, lg, r, sep_lg, sep_r, n_best):
    """The candidate walk written out over a full stable sort of the grid."""
    cands = []
    for idx in np.argsort(tot, axis=None, kind="stable"):
        i, j = np.unravel_index(idx, tot.shape)
        if all(abs(lg[i] - a) > sep_lg or abs(r[j] - b) > sep_r for a, b in cands):
            cands.append((float(lg[i]), float(r[j])))
        if len(cands) >= n_best:
            break
    return cands


@pytest.mark.parametrize("case", ["random", "ties", "one_basin", "small"])
def test_grid_candidates_walk_as_over_the_full_sort(case):
    rng = np.random.default_rng(5)
    lg, r = np.linspace(-6, -1, 101), np.linspace(-25, 25, 201)
    if case == "random":
        tot = rng.normal(size=(101, 201))
    elif case == "ties":  # values on a coarse lattice: many equal values, ties at the partition's cut
        tot = rng.integers(0, 5, size=(101, 201)).astype(float)
    elif case == "one_basin":  # the lowest 256 points all lie in one basin: the walk must go past them
        tot = (lg[:, None] + 3.5) ** 2 + ((r[None, :] - 2) / 10) ** 2
        tot[0, 0] = np.inf
        tot[1, 1] = np.nan
    else:
        lg, r = lg[:5], r[:4]
        tot = rng.normal(size=(5, 4))
    sep_lg, sep_r = 2 * (lg[1] - lg[0]), 2 * (r[1] - r[0])
    for n_best in (1, 3, 8, 60):
        got = GF._grid_candidates(tot, lg, r, sep_lg, sep_r, n_best)
        assert got == _walk_full_sort(tot, lg, r, sep_lg, sep_r, n_best)
        assert len(got) == n_best or (case == "small" and len(got) < n_best)  # a 5 x 4 grid runs out
    if case == "one_basin":  # the 60th candidate lies beyond the 256 lowest points: the full sort was used
        i, j = np.flatnonzero(lg == got[-1][0])[0], np.flatnonzero(r == got[-1][1])[0]
        assert tot[i, j] > np.sort(tot, axis=None)[255]
