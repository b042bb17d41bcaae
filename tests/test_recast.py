"""Hadronic widths (VMD), branching ratios, lifetimes, and the recast of dark-photon searches."""

import math
from dataclasses import replace

import numpy as np
import pytest

from zprime import constants as c
from zprime import models
from zprime.experiments import recast
from zprime.models import ModelError
from zprime.observables import decays
from zprime.units import s as second

DP = decays.dark_photon_reference()
BL = models.get_model("B-L", nu_R=False)
LMT = models.get_model("L_mu-L_tau", nu_R=False)
M = np.array([0.005, 0.05, 0.3, 0.78, 1.02, 1.5, 3.0, 6.0, 20.0])


# --- widths and branching ratios --------------------------------------------------
def test_branching_ratios_sum_to_one_and_dark_width():
    for mod in (DP, BL, models.get_model("B-3L_mu"), models.universal()):
        brs = [decays.branching_ratio(mod, s, M, above_table="hold") for s in decays.ALL_STATES]
        assert np.allclose(np.sum(brs, axis=0), 1.0, rtol=1e-12)
    # a dark width f x Gamma_SM: BR(invisible) = (Gamma_nu + f Gamma_SM)/((1 + f) Gamma_SM)
    br_nu = decays.branching_ratio(BL, "invisible", M, above_table="hold")
    br = decays.branching_ratio(BL, "invisible", M, dark_width=99.0, above_table="hold")
    assert np.allclose(br, (br_nu + 99.0) / 100.0, rtol=1e-12)


def test_dark_photon_reproduces_the_r_ratio_by_construction():
    # c_V Tr(T_V Q_gamma) = +-1: Gamma(A' -> F)/Gamma(A' -> mu mu, massless) = sum of the R components,
    # with the omega-phi interference entering with the sign (+1)(-1)
    x = decays.decay_charges(DP, M)
    amp = {
        v: decays.VMD_NORMALISATION[v] * decays._trace(decays.GENERATORS[v], x) / c.e_em
        for v in ("rho0", "omega", "phi")
    }
    assert np.allclose(amp["rho0"], 1) and np.allclose(amp["omega"], 1) and np.allclose(amp["phi"], -1)
    w = decays.partial_widths(DP, M, above_table="hold")
    ref = c.e_em**2 * M / (12 * math.pi)
    for state, comps in decays.HADRONIC_STATES.items():
        R = sum((1 if len(v) == 1 else -2) * np.interp(M, *decays.r_ratio_component(state, v)) for v in comps)
        assert np.allclose(w[state] / ref, R, rtol=1e-12, atol=1e-15)


def test_isospin_structure_of_vmd():
    # x_u = x_d (B-L): no isovector rho component -> no pi+ pi- and no 4 pi; at the omega peak the
    # 3 pi width relative to the dark photon's is (c_omega Tr(T_omega Q_BL))^2/e^2 = (6 * 1/3)^2/e^2 = 4/e^2
    w = decays.partial_widths(BL, M, above_table="hold")
    assert np.all(w["pi+_pi-"] == 0) and np.all(w["pi+_pi-_pi+_pi-"] == 0)
    m = np.array([0.7826])
    ratio = decays.width(BL, "pi+_pi-_pi0", m) / decays.width(DP, "pi+_pi-_pi0", m)
    assert ratio[0] == pytest.approx(4.0 / c.e_em**2, rel=0.05)  # phi tail and interference: few %


def test_known_branching_ratios():
    # B-L below 2 m_mu: BR(ee) = 0.40 (left-handed nu) and 0.25 (Dirac); dark photon: BR(ee) = 1
    assert decays.branching_ratio(BL, "e_e", 0.1)[()] == pytest.approx(0.40, abs=1e-6)
    assert decays.branching_ratio(models.get_model("B-L"), "e_e", 0.1)[()] == pytest.approx(0.25, abs=1e-6)
    assert decays.branching_ratio(DP, "e_e", 0.1)[()] == pytest.approx(1.0, abs=1e-12)
    # L_mu - L_tau above 2 m_mu (no loop): BR(mu mu) = 1/2 with left-handed neutrinos
    assert decays.branching_ratio(LMT, "mu_mu", 1.0)[()] == pytest.approx(0.5, rel=1e-3)
    # heavy quark: open charm only above 2 x 1.5 GeV
    assert (
        decays.width(DP, "c_c", 2.9, above_table="hold")[()] == 0
        and decays.width(DP, "c_c", 3.1, above_table="hold")[()] > 0
    )


def test_three_photon_width_and_lifetime_scaling():
    m = np.array([1e-4, 5e-4])
    w = decays.width(DP, "gamma_gamma_gamma", m, g=1e-3)
    assert w[1] / w[0] == pytest.approx(5.0**9, rel=1e-12)
    assert decays.width(DP, "gamma_gamma_gamma", 2e-3)[()] == 0.0
    tau1 = decays.lifetime(BL, M, 1e-4, above_table="hold")
    assert np.allclose(decays.lifetime(BL, M, 2e-4, above_table="hold"), tau1 / 4)
    # dark photon, 10 MeV, eps = 1e-4: Gamma = alpha eps^2 m/3 (1 + ...): c tau ~ 0.8 mm
    tau = decays.lifetime(DP, 0.01, 1e-4) / second
    expect = (
        1
        / (c.alpha_em * 1e-8 * 0.01 / 3 * (1 + 2 * (c.m_e / 0.01) ** 2) * math.sqrt(1 - 4 * (c.m_e / 0.01) ** 2))
        / second
    )
    assert tau == pytest.approx(expect, rel=1e-9)


def test_loop_charges_and_tree_mixing():
    x = decays.decay_charges(LMT, np.array([0.01]), loop_mixing=True)
    k = c.e_em * models.loop_kinetic_mixing(LMT, 1.0, 1e-4)
    assert x["e"][0] == pytest.approx(-k, rel=1e-6) and x["u"][0] == pytest.approx(2 * k / 3, rel=1e-6)
    with pytest.raises(ModelError, match="tree-level kinetic mixing"):
        decays.decay_charges(BL.with_eps(1e-4), 0.1)
    w = decays.partial_widths(BL.with_eps(1e-4), 0.1, g=1e-4)  # g given: fine
    assert w["e_e"] > 0
    with pytest.raises(ValueError, match="unknown final state"):
        decays.width(BL, "e_mu", 0.1)
    with pytest.raises(ValueError, match="mass"):
        decays.partial_widths(BL, -0.1)


# --- the recast ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    [
        "NA48_Batley2015lha",
        "E137_Andreas2012mt",
        "NA64_NA642019imj",
        "KLOE_Anastasi2015qla",
        "LHCb_Aaij2019bvg_displaced",
        "AMMmu_Bodas2021fsy",
    ],
)
def test_recast_to_the_dark_photon_is_the_identity(name):
    band = recast.recast(name, DP, invisible=99.0 if recast.SEARCHES[name].kind == "invisible" else "neutrinos")
    cols = recast.load_search(name)
    if name.startswith("LHCb") and "displaced" in name:
        ref = recast.darkcast_recast_curve(name, "dark_photon")  # the grid's own excluded edges
        sel = (ref[1] < 1e5) & np.isfinite(band.lower)
        assert sel.sum() > 50
        assert np.allclose(band.lower[sel], ref[1][sel], rtol=1e-3)
        return
    ok = np.isfinite(band.lower)
    assert ok.mean() > 0.9
    assert np.allclose(band.lower[ok], cols[1][ok], rtol=1e-6)
    if band.search.two_sided:
        assert np.allclose(band.upper[ok], cols[2][ok], rtol=1e-6)


def test_prompt_closed_form_b_minus_l_na48():
    # pi0 -> gamma X at low mass: R_P = (g/(eps e))^2 |BW_omega|^2/|(BW_rho + BW_omega)/2|^2 ~ 1/e^2,
    # BR_A'(ee) = 1, BR_BL(ee) = 0.4; the 1 m window matters only near the lowest masses
    band = recast.recast("NA48_Batley2015lha", BL)
    m, eps = recast.load_search("NA48_Batley2015lha")[:2]
    sel = m > 0.03
    expect = eps * c.e_em * np.sqrt(1 / 0.4)
    assert np.allclose(band.lower[sel], expect[sel], rtol=0.02)


def test_invisible_conventions_minimal_model():
    # L_mu - L_tau below 2 m_mu: BR(invisible) = 1 with neutrinos only; NA64 production through the
    # loop-induced electron charge: g = eps e / |x_e| / sqrt(1/0.99)
    m = np.array([0.01, 0.1])
    band = recast.recast("NA64_NA642019imj", LMT, m, loop_mixing=True)
    eps = np.interp(m, *recast.load_search("NA64_NA642019imj")[:2])
    xe = np.abs(decays.decay_charges(LMT, m, loop_mixing=True)["e"])
    # (the loop also opens Z' -> ee: BR(invisible) = 1 - O(k^2) = 1 - 2e-5)
    assert np.allclose(band.lower, eps * c.e_em / xe * math.sqrt(0.99), rtol=1e-4)
    # B-L: neutrinos-only invisible weakens the bound by sqrt(0.99/BR(nu nu)) relative to DarkCast's
    g_nu = recast.recast("NA64_NA642019imj", BL, [0.01]).lower[0]
    g_dark = recast.recast("NA64_NA642019imj", BL, [0.01], invisible=99.0).lower[0]
    br_nu = decays.branching_ratio(BL, "invisible", 0.01)[()]
    assert br_nu == pytest.approx(0.6, rel=1e-4)
    assert g_nu / g_dark == pytest.approx(math.sqrt((br_nu + 99.0) / 100.0 / br_nu), rel=1e-9)


@pytest.mark.parametrize(
    "model,search",
    [
        ("B-L_boson", "BaBar_Lees2014xha"),
        ("Lmu-Ltau_boson", "BaBar_Lees2014xha"),
        ("B-L_boson", "E137_Andreas2012mt"),
        ("protophobic", "NA48_Batley2015lha"),
        ("B_boson", "LHCb_Aaij2019bvg_prompt"),
        ("B_boson", "NuCAL_Blumlein1990ay"),
        ("dark_photon", "LHCb_Aaij2017rft_displaced"),
    ],
)
def test_matches_darkcast_shipped_recasts(model, search):
    # the full 7 x 46 comparison is in notebooks/recast_validation.ipynb; these cover every window type
    out = recast.compare_with_darkcast(search, model)
    assert out["n_both"] > 10
    assert out["max_rel_dev"] < 0.01


def test_band_membership():
    band = recast.recast("E137_Andreas2012mt", BL)
    i = np.flatnonzero(np.isfinite(band.lower))[10]
    m, lo, up = band.m[i], band.lower[i], band.upper[i]
    g_mid = math.sqrt(lo * up)
    assert band.excludes(m, g_mid) and not band.excludes(m, lo / 3) and not band.excludes(m, up * 3)
    assert not band.excludes(10.0, g_mid)  # outside the search's mass range


def test_bad_input_and_empty_results():
    with pytest.raises(recast.RecastError, match="did you mean"):
        recast.recast("NA48_Batley2015", BL)
    with pytest.raises(recast.RecastError, match="covers m"):
        recast.recast("NA48_Batley2015lha", BL, [0.5])
    with pytest.raises(recast.RecastError, match="positive"):
        recast.recast("NA48_Batley2015lha", BL, [-0.05])
    with pytest.raises(recast.RecastError, match="r-value grid"):
        recast.recast("LHCb_Aaij2019bvg_displaced", BL, [0.25])
    with pytest.raises(ModelError, match="unknown model"):
        recast.recast("NA48_Batley2015lha", "B-K")
    with pytest.raises(recast.RecastError, match="invisible"):
        recast.recast("NA64_NA642019imj", BL, invisible="dark")
    with pytest.raises(recast.RecastError, match="unknown production"):
        recast.production_factor("kaon_splash", decays.decay_charges(BL, np.array([0.1])), np.array([0.1]))
    # L_mu - L_tau without its loop has no electron coupling: NA64 has nothing to recast
    band = recast.recast("NA64_NA642019imj", LMT)
    assert band.is_empty and "does not couple to the production" in band.note
    # protophobic: 2 x_u + x_d = 0, no proton bremsstrahlung
    proto = recast.darkcast_models()["protophobic"][0]
    assert recast.recast("NuCAL_Blumlein1991xh", proto).is_empty
    # B-L has no rho component: no pi+ pi- decays (KLOE 2016)
    band = recast.recast("KLOE_Anastasi2016ktq", BL)
    assert band.is_empty and "decay" in band.note


def test_hadronic_widths_above_the_tables_warn_unless_held():
    from zprime.statistics import ExtrapolationWarning

    with pytest.warns(ExtrapolationWarning, match="above 2 GeV"):
        decays.partial_widths(BL, np.array([1.0, 3.0]))
    held = decays.partial_widths(BL, np.array([1.0, 3.0]), above_table="hold")
    assert held["pi+_pi-_pi0"][1] > 0  # omega-like: B-L couples to isospin 0
    with pytest.raises(ValueError, match="above_table"):
        decays.partial_widths(BL, 1.0, above_table="clip")


# --- limits newer than DarkCast v1 (today's data) ----------------------------------------------
@pytest.mark.parametrize("search", ["FASER_Petersen2023hgm", "NA62_Dobrich2023dkm"])
@pytest.mark.parametrize("dc_model", ["B-L_boson", "Lmu-Ltau_boson", "dark_photon", "protophobic", "B_boson"])
def test_darkcast_2023_limits_match_the_release_recasts(search, dc_model):
    """Our recast of the two new DarkCast 2023 limits against the release's own recasts."""
    res = recast.compare_with_darkcast(search, dc_model)
    assert res["only_darkcast"] == 0, res
    # DarkCast 2023 drops at most the two ends of a band, where it is narrower than a factor 1.6
    # (its own dark_photon recast of FASER misses the last point of the input file, which the
    # identity recast must keep); everywhere else the edges agree
    band = res["band"]
    m_dc, lo_dc = recast.darkcast_recast_curve(search, dc_model)[:2]
    extra = [
        i
        for i, m in enumerate(band.m)
        if np.isfinite(band.lower[i]) and lo_dc[np.argmin(abs(m_dc - m))] >= recast.G_SENTINEL
    ]
    assert len(extra) <= 2 and all(band.upper[i] / band.lower[i] < 1.6 for i in extra), extra
    if res["max_rel_dev"] is not None:
        assert res["max_rel_dev"] < 2e-3, res["max_rel_dev"]


def test_faser_is_reached_and_na62_dump_is_not_for_b_minus_l():
    """DarkCast 2023 finds no NA62-dump limit on B-L (all 1e5 sentinels); neither do we."""
    m, lo, hi = recast.darkcast_recast_curve("NA62_Dobrich2023dkm", "B-L_boson")
    assert np.all(lo >= recast.G_SENTINEL)
    band = recast.recast("NA62_Dobrich2023dkm", models.get_model("B-L"))
    assert band.is_empty
    faser = recast.compare_with_darkcast("FASER_Petersen2023hgm", "B-L_boson")
    assert faser["n_both"] == 7


def test_na64_2022_curve_is_read_as_csv_with_unit_invisible_branching():
    s = recast.get_search("NA64e_2022")
    m, eps = recast.load_search("NA64e_2022")
    assert m.size == 124 and s.br_reference == 1.0
    # a dark photon decaying only invisibly is the curve itself
    dp_inv = models.get_model("dark_photon")
    band = recast.recast("NA64e_2022", dp_inv, invisible=1e9)
    np.testing.assert_allclose(band.lower, eps, rtol=1e-6)


@pytest.mark.parametrize(
    "search", ["BaBar_Lees2014xha", "E137_Andreas2012mt", "NA48_Batley2015lha", "NA64_Banerjee2017hhz"]
)
def test_points_recast_equals_the_model_written_at_each_coupling(search):
    """excludes_points (one vectorised recast, charges x_f + eps e Q_f/g and x_chi = g_chi/g per point)
    gives the answer of recasting model.at_coupling(g) at each point's own coupling and mass."""
    from zprime.experiments.recast import excludes_points, get_search, load_search
    from zprime.models import DarkSector

    m_file = load_search(get_search(search).name)[0]
    rng = np.random.default_rng(1)
    m = np.exp(rng.uniform(np.log(m_file.min()), np.log(m_file.max()), 40))
    g = np.exp(rng.uniform(np.log(1e-9), np.log(1e-2), 40))
    base = models.get_model("B-L")
    for model in (replace(base, eps=3e-5), base.with_dark(DarkSector(m_chi=1e-3, g_chi=1e-3))):
        got = excludes_points(search, model, g, m)
        want = [bool(recast.recast(search, model.at_coupling(gk), [mk]).excludes(mk, gk)) for gk, mk in zip(g, m)]
        assert got.tolist() == want
        assert 0 < got.sum() < got.size or search.startswith("NA48")  # both sides sampled


def test_points_recast_checks_its_input():
    from zprime.experiments.recast import RecastError, excludes_points

    model = replace(models.get_model("B-L"), eps=3e-5)
    with pytest.raises(RecastError, match="one shape"):
        excludes_points("BaBar_Lees2014xha", model, [1e-4, 1e-3], [0.1])
    with pytest.raises(RecastError, match="g_points needs the masses"):
        recast.recast("BaBar_Lees2014xha", model, g_points=[1e-4])
    with pytest.raises(RecastError, match="r-value grid"):
        excludes_points("LHCb_Aaij2017rft_displaced", model, [1e-4], [0.3])


def test_bisection_stops_only_where_further_steps_change_nothing():
    from zprime.experiments.recast.lifetime import _bisect

    def full(f, lo, hi, n):  # every halving, without the early stop
        flo = f(lo)
        for _ in range(n):
            mid = 0.5 * (lo + hi)
            fm = f(mid)
            same = np.sign(fm) == np.sign(flo)
            lo, flo, hi = np.where(same, mid, lo), np.where(same, fm, flo), np.where(same, hi, mid)
        return 0.5 * (lo + hi)

    rng = np.random.default_rng(2)
    roots = rng.uniform(-30, 30, 500)
    f = lambda x: np.tanh(x - roots) + np.where(roots > 25, np.nan, 0.0)  # some entries NaN throughout
    lo, hi = np.full(500, -40.0), np.full(500, 40.0) + rng.uniform(0, 5, 500)
    for n in (5, 80, 200):
        assert np.array_equal(_bisect(f, lo, hi, n), full(f, lo, hi, n), equal_nan=True)
    assert np.allclose(_bisect(f, lo, hi)[roots <= 25], roots[roots <= 25], rtol=0, atol=1e-12)


def test_r_value_grid_nodes_grouped_by_mass_in_file_order():
    from zprime.experiments.recast.band import _rgrid_nodes

    name = "LHCb_Aaij2017rft_displaced"
    mg, eg, rg = recast.load_search(name)
    masses, nodes = _rgrid_nodes(name)
    assert np.array_equal(masses, np.unique(mg)) and len(nodes) == masses.size
    for m, (e, r) in zip(masses, nodes):
        assert np.array_equal(e, eg[mg == m]) and np.array_equal(r, rg[mg == m])
    with pytest.raises(ValueError):
        masses[0] = 1.0  # the cached grid is read-only
