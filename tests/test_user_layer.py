"""The layer users touch, checked like the physics: bound sets say what their numbers are (open
edges, preferred bands, C.L. and provenance on every row), sums never count data twice, models
make sense, and bounds(), BoundSet and the command line refuse bad input with a clear message."""

import csv
import io
import json
import math
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import zprime
from zprime import paths, plotting, report
from zprime.__main__ import main as cli
from zprime.constraints import PROVENANCE, Constraint, ConstraintError, Sum, Union, catalogue, get
from zprime.constraints.base import _points
from zprime.constraints.bounds import G_WIDEN_MIN, BoundSet
from zprime.errors import ParameterError, ZprimeError
from zprime.models import ModelError, VectorModel

ZERO = dict.fromkeys(("u", "d", "e", "mu", "tau", "nu_e", "nu_mu", "nu_tau"), 0.0)
G2_2021 = "(g-2)_mu 2021"
UNION = "dark-photon searches (recast)"
BBN = "BBN (thermalised below 10 MeV)"


class Everywhere(Constraint):
    """A toy curve excluding every coupling at every mass (the scan can never find its lower edge)."""

    name = "everywhere"
    kind = "curve"
    provenance = "own criterion"

    def excluded(self, model, g, m, *, loop_mixing=False):
        g, m = _points(g, m)
        return np.ones(g.shape, dtype=bool)


class Above(Constraint):
    """A toy curve excluding g > g0 at every mass."""

    kind = "curve"
    provenance = "own criterion"

    def __init__(self, g0, name="above"):
        self.g0, self.name = g0, name

    def excluded(self, model, g, m, *, loop_mixing=False):
        g, m = _points(g, m)
        return g > self.g0


@pytest.fixture(scope="module")
def bl():
    return zprime.bounds("B-L", [0.001, 0.01, 1.0], [UNION, G2_2021, BBN, "COHERENT CsI 2021"])


# -- intervals that say what they are ---------------------------------------------------------
def test_no_edge_at_the_scan_floor_is_reported_as_a_bound(bl):
    floor = bl.g_range[0]
    for name in (UNION, BBN):
        b = bl[name]
        g, j = b.lowest()
        # the scan followed the exclusion below its floor (1e-8) and found the edge
        assert g < floor and not b.open_below[j], name
    # BBN's edge, Gamma(g) = H(T = m), is where g^2 Gamma(g = 1) = H: check it on the closed form
    con = get(BBN)
    g_bbn = bl[BBN].intervals[0][0][0]
    assert con.excluded("B-L", g_bbn * 1.001, 0.001) and not con.excluded("B-L", g_bbn / 1.001, 0.001)
    assert "1e-08" not in bl.table()


def test_a_floor_above_the_edge_is_not_reported_as_the_edge():
    full = zprime.bounds("B-L", [0.01], ["Borexino 7Be"])["Borexino 7Be"].intervals[0][0][0]
    high = zprime.bounds("B-L", [0.01], ["Borexino 7Be"], g_range=(1e-3, 1.0, 30))
    lo = high["Borexino 7Be"].intervals[0][0][0]
    assert lo == pytest.approx(full, rel=1e-6) and lo < 1e-3
    assert not high["Borexino 7Be"].open_below[0]


def test_an_edge_beyond_the_widened_scan_is_open():
    bs = zprime.bounds("B-L", [0.01, 0.1], [Everywhere()])
    b = bs["everywhere"]
    assert b.open_below == [True, True] and b.open_above == [True, True]
    assert b.intervals[0] == [(G_WIDEN_MIN, 1.0)]
    assert "<= 1e-14" in bs.table()
    doc = bs.as_dict()["constraints"]["everywhere"]
    assert doc["open_below"] == [True, True] and doc["open_above"] == [True, True]
    row = bs.rows()[0]
    assert row["open_below"] is True and row["status"] == "excluded"


def test_an_anomaly_is_a_preferred_band_everywhere(bl):
    b = bl[G2_2021]
    assert b.sm_excluded and b.result == "preferred"
    for band, iv in zip(b.preferred(), b.intervals):
        ((lo, hi),) = band
        # the band is the gap between the two excluded intervals
        assert iv[0][1] == lo and iv[1][0] == hi and lo < hi
    assert 3e-4 < b.preferred()[0][0][0] < b.preferred()[0][0][1] < 6e-4  # at 1 MeV: Delta a_mu = 2.5e-9
    line = next(ln for ln in bl.table().splitlines() if ln.startswith(G2_2021))
    assert "preferred" in line and "95.45 %" in line and "measurement" in line
    doc = bl.as_dict()["constraints"][G2_2021]
    assert doc["result"] == "preferred" and doc["preferred"][0] == [list(b.preferred()[0][0])]
    rows = [r for r in bl.rows() if r["constraint"] == G2_2021]
    assert {r["status"] for r in rows} == {"preferred"} and len(rows) == 3
    # a limit has no preferred band in the JSON
    assert bl.as_dict()["constraints"]["COHERENT CsI 2021"]["preferred"] is None


def test_every_row_carries_cl_convention_and_provenance(bl, tmp_path):
    for b in catalogue().values():
        assert set(b.provenance.split("; ")) <= set(PROVENANCE), b.name
    path = bl.to_csv(tmp_path / "b.csv")
    with path.open() as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(BoundSet.FIELDS)
    for r in rows:
        assert r["cl"] and r["provenance"] in PROVENANCE and r["kind"] in ("chi2", "curve")
        assert r["convention"] or r["kind"] == "curve"
    # every constraint x mass has at least one row, reached or not, excluded or not
    assert {(r["constraint"], float(r["m_GeV"])) for r in rows} == {(n, m) for n in bl.names() for m in bl.masses}
    bbn_1gev = [r for r in rows if r["constraint"] == BBN and float(r["m_GeV"]) == 1.0]
    assert bbn_1gev[0]["status"] == "not reached" and "mass range" in bbn_1gev[0]["note"]
    # the JSON holds the same fields
    doc = bl.as_dict()["constraints"]["COHERENT CsI 2021"]
    assert {"cl", "provenance", "convention", "kind", "reference", "datasets", "open_below", "open_above"} <= set(doc)


def test_csv_row_when_nothing_is_excluded():
    bs = zprime.bounds("B-L", [0.01], [Above(10.0)])  # above the scan's top: nothing excluded
    (row,) = bs.rows()
    assert row["status"] == "none excluded" and row["g_lo"] == ""
    assert "nothing excluded" in bs.table()


# -- no double counting -------------------------------------------------------------------------
def test_sums_refuse_shared_data():
    cat = catalogue()
    with pytest.raises(ConstraintError, match="share data .*CsI exposure 2015-16"):
        cat["COHERENT CsI 2017"] + cat["COHERENT CsI 2021"]
    c = cat["COHERENT Ar 2020"]
    with pytest.raises(ConstraintError, match="appears twice"):
        c + c
    with pytest.raises(ConstraintError, match="two determinations of Delta a_mu"):
        cat["(g-2)_mu 2021"] + cat["(g-2)_mu 2025"]
    with pytest.raises(ConstraintError, match="two determinations"):
        Sum([cat["(g-2)_mu 2021"], cat["(g-2)_mu 2025"]], allow_overlap=True)
    with pytest.raises(ConstraintError, match="share data"):
        cat["Borexino 7Be"] + cat["NSI oscillations"]  # the global fit holds Borexino's solar data
    both = Sum([cat["COHERENT CsI 2017"], cat["COHERENT CsI 2021"]], allow_overlap=True)
    assert both.datasets == cat["COHERENT CsI 2021"].datasets
    with pytest.raises(ZprimeError, match="allow_overlap"):
        Sum([cat["COHERENT CsI 2017"], cat["COHERENT Ar 2020"]], allow_overlap="yes")
    # independent data add, and a union may overlap (it is not a sum)
    assert (cat["COHERENT CsI 2021"] + cat["COHERENT Ar 2020"]).name == "COHERENT CsI 2021 + COHERENT Ar 2020"
    assert isinstance(cat["NA64 inv."] + cat["NA64 inv. 2022"], Union)


# -- models that make sense ----------------------------------------------------------------------
@pytest.mark.parametrize("eps", [1.0, -1.0, 3.0])
def test_kinetic_mixing_must_be_below_one(eps):
    with pytest.raises(ModelError, match=r"\|eps\| < 1"):
        VectorModel("x", {**ZERO, "e": 1.0}, eps=eps)


def test_g_plays_no_role_without_charges():
    model = VectorModel("pure eps", ZERO, eps=1e-4)
    bs = zprime.bounds(model, [0.01], ["COHERENT CsI 2021", "(g-2)_e Cs 2018", BBN])
    for b in bs.bounds.values():
        assert b.intervals == [[]] and "only through its kinetic mixing" in b.reasons[0]


def test_a_chi2_reached_only_through_eps_says_so():
    model = VectorModel("nu_e + eps", {**ZERO, "nu_e": 1.0}, eps=1e-4)
    bs = zprime.bounds(model, [0.01], ["(g-2)_e Cs 2018", "COHERENT CsI 2021"])
    assert "no dependence on g" in bs["(g-2)_e Cs 2018"].reasons[0]
    assert bs["COHERENT CsI 2021"].intervals[0]  # g x_nu times the proton's eps e: depends on g


def test_a_union_says_not_reached_where_no_member_reaches():
    u = Union([get("NA64 inv."), get("BaBar")], name="two searches")
    lo = min(get("NA64 inv.").mass_range("B-L")[0], get("BaBar").mass_range("B-L")[0])
    why = u.reasons("B-L", [lo / 10])
    assert "none of the 2 members" in why[0]
    with pytest.raises(ConstraintError, match="none of the 2 members"):
        u.excluded("B-L", 1e-3, lo / 10)
    bs = zprime.bounds("B-L", [lo / 10, 0.1], [u])
    assert bs["two searches"].reasons[0] and bs["two searches"].intervals[0] == []


# -- bounds() and BoundSet -----------------------------------------------------------------------
def test_bounds_takes_any_iterable_with_or_without_an_executor():
    names = ["Borexino 7Be", "COHERENT CsI 2021"]
    ref = zprime.bounds("B-L", [0.01, 0.1], names)
    with ThreadPoolExecutor(2) as ex:
        got = zprime.bounds("B-L", (m for m in (0.01, 0.1)), (n for n in names), executor=ex, chunks=2)
    assert got.as_dict() == ref.as_dict()
    assert zprime.bounds("B-L", iter([0.01, 0.1]), iter(names)).as_dict() == ref.as_dict()


@pytest.mark.parametrize("masses", [[True], True, [0.01, False], np.array([True])])
def test_boolean_masses_are_refused(masses):
    with pytest.raises(ZprimeError, match="boolean"):
        zprime.bounds("B-L", masses, ["Borexino 7Be"])


@pytest.mark.parametrize("progress", ["no", 0, None])
def test_progress_must_be_a_bool(progress):
    with pytest.raises(ZprimeError, match="progress must be True or False"):
        zprime.bounds("B-L", [0.01], ["Borexino 7Be"], progress=progress)


def test_masses_in_any_order_give_the_same_bound_set():
    names = ["Borexino 7Be", "COHERENT CsI 2021"]
    a = zprime.bounds("B-L", [0.1, 0.01, 0.03], names)
    b = zprime.bounds("B-L", [0.01, 0.03, 0.1], names)
    assert a.as_dict() == b.as_dict() and list(a.masses) == [0.01, 0.03, 0.1]
    with pytest.raises(ConstraintError, match="must not repeat"):
        zprime.bounds("B-L", [0.1, 0.1], names)


def test_draw_one_mass_and_unknown_names():
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    bs = zprime.bounds("B-L", [0.01], ["Borexino 7Be", G2_2021])
    fig, ax = plt.subplots()
    caption = bs.draw(ax)
    assert "Borexino 7Be" in caption and len(ax.lines) >= 2  # one bar per interval
    plt.close(fig)
    for method in (bs.table, bs.caption):
        with pytest.raises(ConstraintError, match=r"no constraint \['nope'\].*have"):
            method(names=["nope"])
    with pytest.raises(KeyError, match="have"):
        bs["nope"]


def test_loop_mixing_of_a_divergent_model_takes_a_scale():
    model = VectorModel("L_mu", {**ZERO, "mu": 1.0, "nu_mu": 1.0})
    with pytest.raises(ConstraintError, match="loop_scale"):
        zprime.bounds(model, [0.01], ["Borexino 7Be"], loop_mixing=True)
    scaled = VectorModel("L_mu", {**ZERO, "mu": 1.0, "nu_mu": 1.0}, loop_scale=91.19)
    bs = zprime.bounds(scaled, [0.01], ["Borexino 7Be"], loop_mixing=True)
    assert "mu = 91.19 GeV" in bs.mixing and bs["Borexino 7Be"].intervals[0]
    # the model file and the JSON carry the scale
    assert VectorModel.from_toml(scaled.to_toml()).loop_scale == 91.19
    assert bs.as_dict()["model"]["definition"]["loop_scale"] == 91.19
    for bad in (0.0, -1.0, math.inf):
        with pytest.raises(ModelError, match="loop_scale"):
            VectorModel("L_mu", {**ZERO, "mu": 1.0}, loop_scale=bad)


# -- command line ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args, message",
    [
        (["custom", "--charges", "B=1,B=2"], "given twice"),
        (["custom", "--charges", "B=1,L_e=-3,L_e=1"], "given twice"),
        (["custom", "--charges", "B=1e400"], "too large"),
        (["custom", "--charges", "B=1e5"], "rescale"),
        (["custom", "--charges", "B=nan"], "not a number"),
        (["custom", "--charges", "B=inf"], "not a number"),
        (["custom", "--charges", "B=0"], "g plays no role"),
        (["custom", "--charges", "B=0", "--eps", "1e-4"], "dark_photon"),
        (["B-L", "--eps", "1"], r"\|eps\| < 1"),
        (["B-L", "--eps", "nan"], "finite"),
        (["B-L", "--masses", "0.01", "--plot", "name"], "extension"),
        (["B-L", "--masses", "0.01", "--plot", "-"], "file name"),
        (["B-L", "--masses", "0.01", "--json", "-", "--csv", "-"], "only one"),
        (["B-L", "--masses", "0.01", "--json", ""], "empty"),
        (["B-L", "--masses", "0.01", "--json", "no/such/dir/b.json"], "does not exist"),
        (["B-L", "--masses", "1e400"], "positive and finite"),
        (["B-L", "--masses", "0.01", "--loop-scale", "-1"], "loop-scale"),
        (["scalar", "--masses", "0.01", "--loop-scale", "10"], "scalar mediator"),
        (["B-L", "--masses", "0.01", "--constraints", "Borexino 7Be,"], "empty name"),
        (["B-L", "--masses", "0.01", "--constraints", "nope"], "unknown constraint"),
        (["B-L", "--masses", "0.01", "--jobs", "0"], "--jobs must be a positive integer"),
    ],
)
def test_cli_refuses_bad_input_with_one_line(args, message, capsys):
    assert cli(["bounds", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert __import__("re").search(message, err), err


def test_cli_writes_to_stdout_and_checks_plot_names(tmp_path, capsys, monkeypatch):
    assert cli(["bounds", "B-L", "--masses", "0.01,0.1", "--constraints", "Borexino 7Be", "--json", "-"]) == 0
    out, err = capsys.readouterr()
    doc = json.loads(out)  # standard output holds the JSON alone; the table went to stderr
    assert doc["model"]["name"] == "B-L" and "Borexino 7Be" in err
    assert cli(["bounds", "B-L", "--masses", "0.01", "--constraints", "Borexino 7Be", "--csv", "-"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["constraint"] == "Borexino 7Be" and rows[0]["provenance"] == "measurement"
    monkeypatch.chdir(tmp_path)
    assert not (tmp_path / "-").exists()
    assert cli(["bounds", "B-L", "--masses", "0.01", "--constraints", "Borexino 7Be", "--plot", "b.svg"]) == 0
    assert "wrote b.svg and its caption b.caption.txt" in capsys.readouterr().out
    assert (tmp_path / "b.svg").stat().st_size > 1000
    # the citations as a caption file, not as small print inside the figure
    assert "Borexino 7Be [arXiv:" in (tmp_path / "b.caption.txt").read_text()
    assert "arXiv" not in (tmp_path / "b.svg").read_text()


def test_cli_on_several_processes_equals_one(tmp_path):
    args = ["bounds", "B-L", "--masses", "0.001:1:5", "--constraints", "XENONnT 8B,Borexino 7Be,BaBar"]
    assert cli([*args, "--jobs", "1", "--json", str(tmp_path / "one.json")]) == 0
    assert cli([*args, "--jobs", "2", "--json", str(tmp_path / "two.json")]) == 0
    assert (tmp_path / "one.json").read_text() == (tmp_path / "two.json").read_text()


# -- notebook parameters: outputs stay inside the output directory -------------------------------------
@pytest.mark.parametrize("stem", ["../escape", "a/b", "", ".hidden", "/abs", "..", "x\\y"])
def test_output_names_stay_inside_the_output_root(stem, tmp_path, monkeypatch):
    monkeypatch.setenv(paths.OUTPUT_ENV, str(tmp_path))
    with pytest.raises(ParameterError, match="plain name"):
        paths.figure_dir(stem)
    with pytest.raises(ParameterError, match="plain name"):
        report.write_results(stem, {"a": 1.0})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import matplotlib.pyplot as plt

        fig = plt.figure()
        with pytest.raises(ParameterError, match="plain name"):
            plotting.savefig(fig, tmp_path, stem, show=False)
        plt.close(fig)
    assert list(tmp_path.iterdir()) == []


# -- the examples of the issue, end to end from the shell ------------------------------------------
@pytest.mark.parametrize("model", ["B-L", "L_mu-L_tau"])
def test_cli_bound_sets_say_what_their_numbers_are(model, tmp_path, capsys):
    csv_path = tmp_path / "b.csv"
    assert cli(["bounds", model, "--masses", "0.001:1:9", "--json", "-", "--csv", str(csv_path)]) == 0
    out, table = capsys.readouterr()
    doc = json.loads(out)
    floor = doc["g_scan"]["min"]
    for name, c in doc["constraints"].items():
        assert c["cl"] and c["provenance"] in PROVENANCE and "convention" in c, name
        for j, iv in enumerate(c["excluded"]):
            if iv and iv[0][0] == floor:
                # the scan's floor itself is an edge only for an anomaly (the SM excluded); anything else
                # excluded there was followed down (a bisected edge, or open below 1e-14)
                assert c["result"] == "preferred", name
            if iv and c["open_below"][j] and c["result"] == "excluded":
                assert iv[0][0] == G_WIDEN_MIN, name
    g2 = doc["constraints"][G2_2021]
    assert g2["result"] == "preferred" and all(len(p) == 1 for p in g2["preferred"])
    line = next(ln for ln in table.splitlines() if ln.startswith(G2_2021))
    assert "preferred" in line and "lowest" not in line
    assert "1e-08" not in table
    for ln in table.splitlines()[2:-1]:  # the last line: "wrote b.csv"
        assert "--" in ln or ("%" in ln or "none" in ln), ln  # every reached row shows its C.L.
    with csv_path.open() as fh:
        rows = list(csv.DictReader(fh))
    assert len({(r["constraint"], r["m_GeV"]) for r in rows}) == len(doc["constraints"]) * 9
    assert all(r["cl"] and r["provenance"] for r in rows)
    assert {r["status"] for r in rows if r["constraint"] == G2_2021} == {"preferred"}


# -- publication-grade plots: regions, families, labels ------------------------------------------------
def test_interval_regions_follow_the_intervals_exactly_at_the_masses():
    from zprime import plotting

    m = np.geomspace(1e-3, 1.0, 6)
    ivals = [[(1e-5, 1.0)], [(2e-5, 1.0)], [(3e-5, 1e-2), (1e-1, 1.0)], [(4e-5, 1e-2)], [], [(1e-4, 1.0)]]
    regions = plotting.interval_regions(m, ivals, fine=5)
    # every interval is an edge pair of some region at its mass (the edges pass through the nodes)
    for j, iv in enumerate(ivals):
        for lo, hi in iv:
            assert any(
                np.any(np.isclose(mm, m[j], rtol=1e-12) & np.isclose(a, lo, rtol=1e-9) & np.isclose(b, hi, rtol=1e-9))
                for mm, a, b in regions
            ), (j, lo, hi)
    # a region never spans a mass without intervals (index 4) and PCHIP never overshoots the nodes
    for mm, a, b in regions:
        assert not np.any((mm > m[3] * 1.0001) & (mm < m[5] / 1.0001))
        assert np.all(a <= b) and a.min() >= 1e-5 * (1 - 1e-9) and b.max() <= 1.0 * (1 + 1e-9)
    # constant intervals: one band, constant edges
    ((mm, a, b),) = plotting.interval_regions(m, [[(1e-4, 1e-2)]] * 6, fine=5)
    assert np.allclose(a, 1e-4, rtol=1e-12) and np.allclose(b, 1e-2, rtol=1e-12) and len(mm) == 5 * 5 + 1


def test_family_colours_and_tints():
    from zprime import plotting

    cols = plotting.family_colours(["CEvNS", "XENONnT", "CEvNS"])
    assert cols == [plotting.FAMILIES["CEvNS"][0], plotting.FAMILIES["XENONnT"][0], plotting.FAMILIES["CEvNS"][1]]
    with pytest.raises(ValueError, match="family"):
        plotting.family_colours(["astrology"])
    assert plotting.tint("#000000", 1.0) == (0.0, 0.0, 0.0) and plotting.tint("#000000", 0.0) == (1.0, 1.0, 1.0)
    with pytest.raises(ValueError, match="strength"):
        plotting.tint("k", 1.5)
    # every catalogue constraint has a family with colours
    from zprime.constraints import catalogue

    for c in catalogue().values():
        assert c.family in plotting.FAMILIES, c.name


def test_draw_paper_labels_inside_the_axes_and_summary_legend():
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    bs = zprime.bounds("B-L", np.geomspace(1e-3, 1, 12), ["Borexino 7Be", "TEXONO", G2_2021])
    fig, ax = plt.subplots(figsize=(6.4, 4.4), layout="constrained")
    caption = bs.draw(ax, style="paper")
    fig.canvas.draw()
    labels = [t for t in ax.texts if t.get_text() in ("Borexino 7Be", "TEXONO")]
    assert labels, "no region was labelled"
    frame = ax.get_window_extent()
    for t in labels:
        box = t.get_window_extent()
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, t.get_text()
    assert "TEXONO [arXiv:1803.05466]" in caption
    plt.close(fig)
    fig, ax = plt.subplots()
    bs.draw(ax, style="summary")
    assert not ax.texts and len(ax.get_legend().get_texts()) == 3
    with pytest.raises(ConstraintError, match="style"):
        bs.draw(ax, style="poster")
    plt.close(fig)


def _chromium():
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_to_html_writes_one_offline_file_and_checks_its_arguments(tmp_path):
    bs = zprime.bounds("B-L", np.geomspace(1e-3, 1, 8), ["Borexino 7Be", "TEXONO", G2_2021])
    out = bs.to_html(tmp_path / "b-l.html")
    html = out.read_text()
    assert out.stat().st_size > 1_000_000  # plotly.js inside: nothing else is needed to open it
    import re

    assert not re.search(r"<script[^>]*src=", html)  # no script loaded from anywhere else
    assert "Borexino 7Be" in html and "arXiv:1803.05466" in html
    # deterministic: the same file twice
    assert bs.to_html(tmp_path / "again.html").read_text() == html
    with pytest.raises(ConstraintError, match=r"\.html"):
        bs.to_html(tmp_path / "b-l.png")
    with pytest.raises(ConstraintError, match="directory"):
        bs.to_html(tmp_path / "no" / "b-l.html")
    with pytest.raises(ConstraintError, match="plotlyjs"):
        bs.to_html(tmp_path / "c.html", plotlyjs="cdn")


@pytest.mark.skipif(_chromium() is None, reason="Debian's chromium is not installed (apt-get install chromium)")
def test_to_html_hover_shows_the_constraint_and_legend_toggles(tmp_path):
    """Opens the file with the network blocked, moves the mouse onto a region's edge and reads the
    tooltip; a click on a legend entry hides that constraint."""
    import re

    sync_api = pytest.importorskip("playwright.sync_api")
    bs = zprime.bounds("B-L", np.geomspace(1e-3, 1, 8), ["Borexino 7Be", "TEXONO"])
    out = bs.to_html(tmp_path / "b-l.html")
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), args=flags)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 700})
            remote: list[str] = []
            page.route(re.compile(r"^https?://"), lambda route: (remote.append(route.request.url), route.abort()))
            page.goto(out.as_uri())
            page.wait_for_selector(".js-plotly-plot .scatterlayer")
            # the pixel of a vertex on the lower edge of the first region, from plotly's own axes
            x, y, name = page.evaluate(
                """() => {
                  const gd = document.getElementById('zprime-bound-set');
                  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, tr = gd._fullData[0];
                  const i = Math.floor(tr.x.length / 4), r = gd.getBoundingClientRect();
                  return [r.left + xa._offset + xa.d2p(tr.x[i]), r.top + ya._offset + ya.d2p(tr.y[i]), tr.name];
                }"""
            )
            page.mouse.move(x, y)
            page.wait_for_selector(".hoverlayer .hovertext", timeout=5000)
            tip = page.evaluate("() => document.querySelector('.hoverlayer .hovertext').textContent")
            assert name in tip and "C.L." in tip and "GeV" in tip and "excluded" in tip, tip
            box = page.locator(".legend .traces", has_text=name).first.bounding_box()
            page.mouse.click(box["x"] + 10, box["y"] + box["height"] / 2)
            # plotly waits out its double-click delay before it toggles
            page.wait_for_function(
                "() => document.getElementById('zprime-bound-set')._fullData[0].visible === 'legendonly'", timeout=5000
            )
            assert remote == [], remote
        finally:
            browser.close()
