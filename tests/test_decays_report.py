"""Leptonic widths (closed forms) and the results/table helpers."""

import json
import math

import numpy as np
import pytest

from zprime import constants as c
from zprime import models, report
from zprime.observables import decays


def test_width_ll_closed_form_and_threshold():
    g, m = 1e-3, 0.5
    r = 4 * c.m_mu**2 / m**2
    expect = g**2 * m / (12 * math.pi) * (1 + r / 2) * math.sqrt(1 - r)
    assert decays.width_ll(g, m, 1.0, c.m_mu) == pytest.approx(expect, rel=1e-14)
    assert decays.width_ll(g, 0.2, 1.0, c.m_mu) == 0.0  # below 2 m_mu
    # far above threshold: g^2 x^2 m / (12 pi)
    assert decays.width_ll(g, 1e3, 2.0, c.m_e) == pytest.approx(4 * g**2 * 1e3 / (12 * math.pi), rel=1e-9)


def test_width_nunu_conventions():
    g, m = 1e-4, 0.01
    assert decays.width_nunu(g, m, 1.0) == pytest.approx(g**2 * m / (24 * math.pi))
    assert decays.width_nunu(g, m, 1.0, dirac=True) == pytest.approx(2 * decays.width_nunu(g, m, 1.0))


def test_b_minus_l_branching_below_dimuon():
    # B-L below 2 m_mu: BR(ee) = 0.40 (left-handed nu) and 0.25 (Dirac), as quoted in the
    # limits README for DarkCast v1 / v2 conventions.
    BL = models.get_model("B-L")
    for dirac, br_ee in ((False, 0.40), (True, 0.25)):
        w = decays.leptonic_widths(BL, 1e-4, 0.1, dirac=dirac)
        assert w["e"] / sum(w.values()) == pytest.approx(br_ee, abs=2e-3)


def test_width_bad_mass():
    with pytest.raises(ValueError, match="mass"):
        decays.width_nunu(1e-4, 0.0, 1.0)


def test_results_roundtrip_and_rejects_nan(tmp_path):
    p = report.write_results("x", {"a": np.float64(1.5), "b": (1, 2), "c": np.array([0.1, 0.2])}, directory=tmp_path)
    assert json.loads(p.read_text()) == {"a": 1.5, "b": [1, 2], "c": [0.1, 0.2]}
    with pytest.raises(ValueError, match="finite"):
        report.write_results("y", {"a": float("nan")}, directory=tmp_path)


def test_comparison_table():
    t = report.comparison_table([("x", 2.0, 2.2, "note"), ("band", (1, 2), (1.1, 1.8)), ("s", "~1", 1.0)])
    lines = t.splitlines()
    assert "+10.0%" in lines[1] and "note" in lines[1]
    assert "+10%/-10%" in lines[2]
    assert lines[3].split()[-1] == "-"
    with pytest.raises(ZeroDivisionError):
        report.rel_diff(1.0, 0.0)


def test_notebook_outputs_go_to_the_output_root(tmp_path, monkeypatch):
    import matplotlib

    from zprime import paths, plotting

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    monkeypatch.setenv(paths.OUTPUT_ENV, str(tmp_path))
    assert paths.output_root() == tmp_path.resolve()
    p = report.write_results("probe", {"a": 1.0})
    assert p == tmp_path.resolve() / "results" / "probe.json"
    assert paths.shown(p) == "$ZPRIME_OUTPUT/results/probe.json"
    fig, ax = plt.subplots()
    out = plotting.savefig(fig, paths.figure_dir("probe"), "f")
    plt.close(fig)
    assert [x.name for x in out] == ["f.pdf", "f.png"] and all(
        x.parent == tmp_path.resolve() / "figures" / "probe" for x in out
    )
    # nothing half-written is left behind; the committed results are read from the checkout
    assert sorted(x.name for x in (tmp_path / "results").iterdir()) == ["probe.json"]
    assert report.read_results("greljo2022_gm2_u1x")["n_models"] == 419
    monkeypatch.delenv(paths.OUTPUT_ENV)
    assert paths.output_root().name == "zprime-output" and paths.ROOT not in paths.output_root().parents


def test_atomic_write_leaves_the_old_file_on_failure(tmp_path):
    from zprime import paths

    target = tmp_path / "r.json"
    target.write_text("old")

    def fail(tmp):
        tmp.write_text("half")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        paths.atomic_write(target, fail)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_hadronic_widths_never_negative_where_the_tabulated_interference_is_too_large():
    """The omega-phi interference of the 3 pi tables exceeds sqrt(R_omega R_phi) near 1.008 GeV; a
    model with the opposite omega/phi sign to the photon's (B - L) must get a closed channel there,
    not a negative width (found by the property test with another seed), and the dark photon must
    keep the tables' value."""
    from zprime import models
    from zprime.observables import decays

    m = np.array([1.0078125])
    for name in ("B-L", "universal", "B-3L_e"):
        pw = decays.partial_widths(models.get_model(name), m, 1.0)
        assert pw["pi+_pi-_pi0"][0] == 0.0, name
    mo, ro = decays.r_ratio_component("pi+_pi-_pi0", ("omega",))
    mp, rp = decays.r_ratio_component("pi+_pi-_pi0", ("phi",))
    mi, ri = decays.r_ratio_component("pi+_pi-_pi0", ("omega", "phi"))
    R = [float(np.interp(m[0], x, y)) for x, y in ((mo, ro), (mp, rp), (mi, ri))]
    assert abs(R[2]) > np.sqrt(R[0] * R[1])  # the table violates Cauchy-Schwarz here
    dp = decays.partial_widths(models.get_model("dark_photon"), m, 1.0)["pi+_pi-_pi0"][0]
    assert dp > 0
