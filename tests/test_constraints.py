"""The constraint layer: protocol, combination, bounds() against the notebooks, CLI, JSON schema."""

import json
import math

import numpy as np
import pytest

from zprime import constants as c
from zprime import models, report
from zprime.__main__ import main as cli
from zprime.__main__ import parse_charges
from zprime.constraints import ConstraintError, Sum, Union, bounds, catalogue, get
from zprime.constraints.base import two_sigma_level
from zprime.constraints.catalogue import DarkPhotonSearch, coupling
from zprime.errors import ZprimeError
from zprime.observables import nsi_osc
from zprime.statistics import LimitCurve, excluded_intervals

ATZORI = report.read_results("atzori_corona2022_coherent")
GRELJO = report.read_results("greljo2022_gm2_u1x")

#: Models on which every constraint is exercised: between them each one is reached somewhere.
MODELS = {
    "B-L": models.get_model("B-L"),
    "L_mu-L_tau": models.get_model("L_mu-L_tau"),
    "B-3L_mu": models.get_model("B-3L_mu"),
    "B-3L_e eps": models.get_model("B-3L_e").with_eps(1e-4),
}
MASSES = np.array([3e-4, 5e-3, 0.05, 0.5, 2.0])


def _reached(con, model, loop=False):
    return MASSES[con.reasons(model, MASSES, loop_mixing=loop) == ""]


# --- the protocol ----------------------------------------------------------------------------
def test_catalogue_covers_every_bound():
    names = set(catalogue())
    assert {
        "COHERENT CsI 2017",
        "COHERENT CsI 2021",
        "COHERENT Ar 2020",
        "COHERENT CsI 2021 + Ar 2020",
        "dark-photon searches (recast)",
        "(g-2)_mu 2021",
        "(g-2)_mu 2025",
        "(g-2)_e Cs 2018",
        "(g-2)_e Rb 2020",
        "Borexino 7Be",
        "TEXONO",
        "CHARM-II",
        "CCFR trident",
        "NSI oscillations",
        "APV (Cs)",
        "EW T parameter",
        "BBN (thermalised below 10 MeV)",
    } <= names
    searches = [n for n, x in catalogue().items() if isinstance(x, DarkPhotonSearch)]
    assert len(searches) >= 35
    for con in catalogue().values():
        assert con.name and con.reference and con.kind in ("chi2", "curve")
        assert (con.convention is not None) == (con.kind == "chi2")


@pytest.mark.parametrize("name", [n for n, x in catalogue().items() if x.kind == "chi2"])
def test_sm_limit_of_every_chi2_constraint(name):
    # Delta chi2 = 0 at g = 0 without kinetic mixing; with tree-level mixing only (the T parameter), as eps -> 0
    con = get(name)
    checked = 0
    for label, model in MODELS.items():
        if model.eps and name != "EW T parameter":
            continue
        if name == "EW T parameter":
            model = model.with_eps(1e-12)  # T depends on eps only: its SM limit is eps -> 0
        m = _reached(con, model)
        if m.size == 0:
            continue
        d = con.delta_chi2(model, np.zeros_like(m), m)
        assert np.allclose(d, 0.0, atol=1e-9), (label, d)
        checked += 1
    assert checked or name == "APV (Cs)"


@pytest.mark.parametrize("name", [n for n, x in catalogue().items() if x.kind == "curve"])
def test_curves_do_not_exclude_tiny_couplings(name):
    con = get(name)
    for model in MODELS.values():
        if model.eps:
            continue  # with tree-level mixing g -> 0 is a dark photon, not the SM (next test)
        m = _reached(con, model, loop=model.name == "L_mu-L_tau")
        if m.size:
            assert not np.any(con.excluded(model, np.full(m.shape, 1e-13), m, loop_mixing=model.name == "L_mu-L_tau"))


def test_searches_with_mixing_reduce_to_the_dark_photon():
    # at g -> 0 a model with tree-level eps is a dark photon of coupling eps
    model, dp = MODELS["B-3L_e eps"], models.dark_photon()
    m = np.geomspace(2e-3, 0.5, 12)
    for name in ("CHARM (Tsai et al.)", "E137", "BaBar", "NA64 inv."):
        con = get(name)
        mm = m[con.reasons(dp, m) == ""]
        assert np.array_equal(
            con.excluded(model, np.full(mm.shape, 1e-13), mm), con.excluded(dp, np.full(mm.shape, model.eps), mm)
        ), name


def test_unreached_points_raise_with_the_reason():
    with pytest.raises(ConstraintError, match="does not couple to nu_mu"):
        get("CCFR trident").delta_chi2(models.get_model("B-3L_e"), 1e-3, 2.0)
    with pytest.raises(ConstraintError, match="contact form"):
        get("CCFR trident").delta_chi2(models.get_model("B-L"), 1e-3, 0.1)
    with pytest.raises(ConstraintError, match="axial electron coupling"):
        get("APV (Cs)").delta_chi2(models.get_model("B-L"), 1e-3, 0.1)
    with pytest.raises(ZprimeError, match="mass m must be positive"):
        get("COHERENT CsI 2021").delta_chi2(models.get_model("B-L"), 1e-3, -1.0)
    with pytest.raises(ZprimeError, match="coupling g must be finite"):
        get("Borexino 7Be").delta_chi2(models.get_model("B-L"), np.nan, 0.1)
    with pytest.raises(ConstraintError, match="unknown constraint"):
        get("COHERENT CsI 2022")


def test_sum_is_associative_and_adds_its_parts():
    a, b, cc = get("COHERENT CsI 2021"), get("Borexino 7Be"), get("(g-2)_mu 2021")
    with pytest.raises(ConstraintError, match="different conventions"):
        a + b
    s1 = (b + cc) + get("CCFR trident")
    s2 = b + (cc + get("CCFR trident"))
    assert isinstance(s1, Sum) and s1 == s2 and len(s1.parts()) == 3
    model = MODELS["B-L"]
    g = np.array([1e-5, 3e-4, 2e-3])
    m = np.array([1.5, 2.0, 5.0])
    parts = sum(p.delta_chi2(model, g, m) for p in s1.parts())
    assert s1.delta_chi2(model, g, m) == pytest.approx(parts, rel=1e-12)
    coh = a + get("COHERENT Ar 2020")
    assert coh.delta_chi2(model, g, m) == pytest.approx(
        a.delta_chi2(model, g, m) + get("COHERENT Ar 2020").delta_chi2(model, g, m), rel=1e-12
    )
    # the reference minimum is the sum's, not the sum of the parts' minima
    assert coh.minimum(model) >= a.minimum(model) + get("COHERENT Ar 2020").minimum(model) - 1e-9


def test_union_is_associative_and_is_any():
    x, y, z = get("TEXONO"), get("CHARM-II"), get("Borexino 7Be")
    u1, u2 = (x + y) + z, x + (y + z)
    assert isinstance(u1, Union) and u1 == u2 and len(u1.members) == 3
    model = MODELS["B-L"]
    g = np.geomspace(1e-7, 1e-3, 9)
    m = np.full(g.shape, 0.01)
    any_ = x.excluded(model, g, m) | y.excluded(model, g, m) | z.excluded(model, g, m)
    assert np.array_equal(u1.excluded(model, g, m), any_)
    assert any_.any() and not any_.all()


def test_two_sigma_levels():
    assert two_sigma_level(1) == pytest.approx(4.0, rel=1e-3)
    assert two_sigma_level(2) == pytest.approx(6.18, rel=1e-3)


# --- one implementation of intervals and curves -----------------------------------------------
def test_excluded_intervals_find_strips_and_islands():
    # excluded for g in [1e-5, 2e-5] and g >= 1e-3 at m = 1; nothing at m = 2
    F = lambda g, m: np.where(m < 1.5, np.maximum((g - 1e-5) * (2e-5 - g), g - 1e-3), -1.0)
    out = excluded_intervals(F, [1.0, 2.0], np.geomspace(1e-8, 1, 200))
    assert len(out[0]) == 2 and out[1] == []
    (a, b), (cc, d) = out[0]
    assert a == pytest.approx(1e-5, rel=1e-8) and b == pytest.approx(2e-5, rel=1e-8)
    assert cc == pytest.approx(1e-3, rel=1e-8) and d == 1.0
    # booleans work, and without bisection a boundary sits between its grid neighbours
    grid = np.geomspace(1e-8, 1, 200)
    out = excluded_intervals(lambda g, m: g > 3e-4, [1.0], grid, n_bisect=0)
    k = np.searchsorted(grid, 3e-4)
    assert grid[k - 1] < out[0][0][0] < grid[k]


def test_boundaries_from_values_are_as_precise_as_bisection_in_fewer_calls():
    """A real-valued F is refined on its values (Chandrupatla): the boundary to the precision
    n_bisect bisections give (the final bracket at most 2^-n_bisect of a grid step), in a few
    calls; the same F read as booleans is bisected, n_bisect + 1 calls."""
    from scipy.optimize import brentq

    calls = []

    def F(g, m):  # one rising boundary per mass, increasing and curved in log g
        calls.append(np.size(g))
        x = np.log(g / (1e-4 * m))
        return 5 * x**3 + 2 * x + 0.3 * np.sin(0.5 * np.log(g)) - 0.1

    m, grid, n = np.geomspace(1e-3, 1, 7), np.geomspace(1e-8, 1, 200), 36
    step = np.log(grid[1] / grid[0])
    out = excluded_intervals(F, m, grid, n_bisect=n)
    n_values, calls[:] = len(calls), []
    out_bool = excluded_intervals(lambda g, mm: F(g, mm) > 0, m, grid, n_bisect=n)
    assert n_values <= 12 and len(calls) == n + 1
    for j, mj in enumerate(m):
        exact = brentq(
            lambda lg: F(np.exp(lg), mj), math.log(out[j][0][0]) - 0.1, math.log(out[j][0][0]) + 0.1, xtol=1e-15
        )
        for o in (out, out_bool):
            assert len(o[j]) == 1 and o[j][0][1] == 1.0
            assert abs(math.log(o[j][0][0]) - exact) <= step * 2.0**-n
    # several sign changes inside one grid step: a boundary is still found inside that step
    wiggle = lambda g, mm: np.sin(2e3 * np.log(g / 1e-4)) + 0.2 * np.log(g / 1e-4)
    k = np.searchsorted(grid, 1e-4)
    edges = [lo for lo, _ in excluded_intervals(wiggle, [1.0], grid)[0]]
    assert any(grid[k - 2] <= e <= grid[k + 1] for e in edges)


def test_limit_curve_interpolates_in_log_and_never_extrapolates():
    curve = LimitCurve([1e-3, 1e-1, 1e-2], [1e-4, 1e-2, 1e-3])  # unsorted input, g = m / 10
    assert curve(np.array([3e-3, 0.05])) == pytest.approx([3e-4, 5e-3], rel=1e-12)
    with pytest.raises(ValueError, match="outside the limit curve"):
        curve(0.5)
    with pytest.raises(ValueError, match="couplings g must be positive, got -1.0"):
        LimitCurve([1, 2], [1, -1])


def test_g2_band_is_the_closed_form():
    con = get("(g-2)_mu 2021")
    model = MODELS["L_mu-L_tau"]
    m = np.array([0.01, 0.2, 1.0])
    lo, hi = con.band(model, m)
    # at the band edges Delta a = value -+ 2 sigma exactly
    assert con.delta_a(model, lo, m) == pytest.approx(c.DELTA_A_MU_2021.value - 2 * c.DELTA_A_MU_2021.sigma, rel=1e-9)
    assert con.delta_a(model, hi, m) == pytest.approx(c.DELTA_A_MU_2021.value + 2 * c.DELTA_A_MU_2021.sigma, rel=1e-9)
    # and bounds() excludes exactly the outside of the band (the 1-dof minimum is 0: the band is reached)
    bs = bounds(model, m, ["(g-2)_mu 2021"], loop_mixing=False)
    for j, iv in enumerate(bs["(g-2)_mu 2021"].intervals):
        assert iv[0][1] == pytest.approx(lo[j], rel=1e-7) and iv[1][0] == pytest.approx(hi[j], rel=1e-7)
    assert bs["(g-2)_mu 2021"].sm_excluded


def test_coupling_with_mixing():
    m = models.get_model("B-L").with_eps(2e-4)
    g = np.array([1e-4, 1e-3])
    assert coupling(m, "e", g) == pytest.approx(g * -1 - 2e-4 * c.e_em, rel=1e-12)
    assert coupling(m, "nu_mu", g) == pytest.approx(-g, rel=1e-12)
    assert coupling(m, "u", g) == pytest.approx(g / 3 + 2e-4 * c.e_em * 2 / 3, rel=1e-12)


# --- bounds() against the values the notebooks print -----------------------------------------
@pytest.mark.parametrize(
    "model, dataset, k",
    [
        ("B-L", "CsI+Ar", 0),
        ("L_mu-L_tau", "CsI+Ar", 0),
        ("universal", "CsI+Ar", 0),
        ("B-L", "CsI", 0),
        ("B-L", "Ar", 1),
    ],
)
def test_coherent_bounds_equal_table2(model, dataset, k):
    # Table 2 of arXiv:2202.11002 as our notebook computes it: same likelihoods, same convention
    # (Delta chi2 = 6.18 from the plane's minimum), same minimum grid; the crossing is found by
    # another grid + bisection, so agreement is to the bisection's precision
    name = {"CsI+Ar": "COHERENT CsI 2021 + Ar 2020", "CsI": "COHERENT CsI 2021", "Ar": "COHERENT Ar 2020"}[dataset]
    m = (1e-4, 10.0)[k]
    bs = bounds(model, [m], [name])
    ours = bs[name].intervals[0][0][0] / (1.0 if m < 1 else m)
    assert ours == pytest.approx(ATZORI["table2"][model][dataset][k], rel=1e-6)


def test_nsi_bound_equals_app_a():
    # B - 3 L_mu is Table 2's theta = (1, 0, -3, 0); its eps_0 bound with the global minimum
    model, m = models.get_model("B-3L_mu"), 0.2
    bs = bounds(model, [m], ["NSI oscillations"])
    g = bs["NSI oscillations"].intervals[0][0][0]
    eps0 = float(nsi_osc.eps0(g, m))
    # the stored ratio keeps 5 digits (results_precision.toml: the App. A fit); one unit in the last one
    assert eps0 == pytest.approx(0.0128 * GRELJO["nsi_fit"]["bounds_over_table2"][1], rel=1e-4)


def test_speed_and_reach_for_one_model():
    import time

    from threadpoolctl import threadpool_limits

    # CPU time of this process with one BLAS thread (bounds() without an executor runs here; idle BLAS
    # threads spin and would count): the tests run on all cores beside each other, so the wall time says
    # more about the neighbours than about bounds().  About 19 s on the 2-core test machine.
    with threadpool_limits(1):
        t = time.process_time()
        bs = bounds("B-L", np.geomspace(1e-4, 10, 41))
        seconds = time.process_time() - t
    reached = [n for n, b in bs.bounds.items() if b.lowest() is not None]
    assert len(reached) >= 10
    assert seconds < 60  # full set, 41 masses; the speed targets are in benchmarks/


# --- command line and JSON -------------------------------------------------------------------
def test_cli_json_schema(tmp_path, capsys):
    out = tmp_path / "b.json"
    assert cli(["bounds", "B-L", "--masses", "0.0001:10:5", "--json", str(out), "--csv", str(tmp_path / "b.csv")]) == 0
    doc = json.loads(out.read_text())
    assert set(doc) >= {"model", "masses_GeV", "constraints", "g_scan"}
    assert doc["masses_GeV"][0] == pytest.approx(1e-4)
    coh = doc["constraints"]["COHERENT CsI 2021 + Ar 2020"]
    assert coh["reference"] and coh["convention"]["level"] == pytest.approx(6.18, rel=1e-3)
    assert coh["convention"]["reference"] == "minimum"
    assert len(coh["excluded"]) == 5 and all(isinstance(iv, list) for iv in coh["excluded"])
    assert coh["excluded"][0][0][0] == pytest.approx(ATZORI["table2"]["B-L"]["CsI+Ar"][0], rel=1e-6)
    n_reached = sum(any(iv for iv in c_["excluded"]) for c_ in doc["constraints"].values())
    assert n_reached >= 10
    assert "COHERENT CsI 2021" in capsys.readouterr().out
    assert (tmp_path / "b.csv").read_text().startswith("constraint,m_GeV,status,g_lo,g_hi,open_below,open_above")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["bounds", "Foo"], "unknown model"),
        (["bounds", "custom"], "needs --charges"),
        (["bounds", "custom", "--charges", "B=1,L_e=x"], "not a number"),
        (["bounds", "custom", "--charges", "B=1,Q=2"], "unknown key"),
        (["bounds", "B-L", "--masses", "1:0.1:3"], "LO <= HI"),
        (["bounds", "B-L", "--masses", "0,1"], "positive and finite"),
        (["bounds", "B-L", "--constraints", "bogus"], "unknown constraint"),
        (["bounds", "B-L", "--eps", "nan"], "finite"),
    ],
)
def test_cli_bad_input(argv, message, capsys):
    assert cli(argv) == 2
    assert message in capsys.readouterr().err


def test_cli_custom_model_with_mixing(tmp_path):
    out = tmp_path / "c.json"
    assert (
        cli(
            [
                "bounds",
                "custom",
                "--charges",
                "B=1,L_e=-3",
                "--eps",
                "1e-4",
                "--masses",
                "0.001:1:4",
                "--constraints",
                "COHERENT CsI 2021,Borexino 7Be,EW T parameter,BBN (thermalised below 10 MeV)",
                "--json",
                str(out),
            ]
        )
        == 0
    )
    doc = json.loads(out.read_text())
    assert doc["model"]["eps"] == 1e-4 and "tree-level" in doc["model"]["kinetic_mixing"]
    assert doc["model"]["charges"]["e"] == -3 and doc["model"]["charges"]["u"] == pytest.approx(1 / 3)


def test_parse_charges():
    x = parse_charges("B=1,L_mu=1,L_tau=-1,nu_tau=0")
    assert x["u"] == x["d"] == pytest.approx(1 / 3)
    assert x["mu"] == x["nu_mu"] == 1 and x["tau"] == -1 and x["nu_tau"] == 0 and x["e"] == 0


def test_limit_curve_outside_modes():
    import warnings

    from zprime.statistics import ExtrapolationWarning

    nan = LimitCurve([1.0, 4.0], [1.0, 4.0], outside="nan")
    assert np.isnan(nan(0.5)) and nan(2.0) == pytest.approx(2.0)
    hold = LimitCurve([1.0, 4.0], [1.0, 4.0], outside="hold")
    with pytest.warns(ExtrapolationWarning, match="held flat"):
        assert hold(8.0) == pytest.approx(4.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert hold(2.0) == pytest.approx(2.0)  # inside: no warning
    with pytest.raises(ValueError, match="outside must be"):
        LimitCurve([1.0, 4.0], [1.0, 4.0], outside="clip")


def test_minimum_couplings_grid_scales_with_mass_above_20_MeV():
    from zprime.constraints.base import minimum_couplings_grid

    G = minimum_couplings_grid(np.array([0.001, 0.02, 0.2]), (1e-6, 1.0, 7))
    assert G.shape == (7, 3)
    assert np.allclose(G[:, 0], np.geomspace(1e-6, 1.0, 7)) and np.array_equal(G[:, 0], G[:, 1])
    assert np.allclose(G[:, 2], 10 * G[:, 0])
