"""Agreement of results/atzori_corona2022_coherent.json with the COHERENT collaborations' numbers.

Section 2 of Atzori Corona et al. (arXiv:2202.11002) builds the CsI 2021 and Ar 2020
likelihoods; the paper quotes no SM totals of its own, so we compare with the collaborations:
CsI SM prediction 341 +- 11 (th) +- 42 (exp) and fitted 306 +- 20 events (arXiv:2110.07730);
Ar template 128 +- 17 and fitted 159 +- 43 events (Zenodo 3903810).  Tolerances are the
collaborations' own 1-sigma uncertainties: our prediction uses eqs. (2.1)-(2.3) and Helm form
factors instead of their simulated flux and form factors, a difference inside those errors.
"""

import math

import pytest

from zprime import published, report

R = report.read_results("atzori_corona2022_coherent")


def test_sm_totals_within_the_predictions_uncertainty():
    assert abs(R["sm_events"]["CsI"] - 341.0) < math.hypot(11.0, 42.0)
    assert abs(R["sm_events"]["Ar"] - 128.0) < 17.0
    # CsI 2017: 173 +- 48 (arXiv:1708.01294)
    assert abs(R["sm_events"]["CsI2017"] - 173.0) < 48.0


def test_sm_totals_regression():
    # our own numbers (1e-5): CsI 2021 with the time efficiency, Ar with the release's settings
    assert R["sm_events"]["CsI"] == pytest.approx(315.804, rel=1e-5)
    assert R["sm_events"]["Ar"] == pytest.approx(132.574, rel=1e-5)
    assert R["sm_events"]["CsI2017"] == pytest.approx(150.899, rel=1e-5)
    # the release template holds 128; ours is 3.6 % above, all of it in the 0-10 keVee bin
    assert R["sm_events"]["Ar"] / 128.0 - 1 < 0.04
    assert R["ar_settings"]["exposure"] == "release" and R["ar_settings"]["timing"] == "normalised"


def test_fitted_cevns_counts_agree_with_coherent():
    assert abs(R["normalisation_fit"]["CsI"]["events"] - 306.0) < 20.0
    assert abs(R["normalisation_fit"]["Ar"]["events"] - 159.0) < 43.0
    assert abs(R["normalisation_fit"]["CsI2017"]["events"] - 134.0) < 22.0


def test_sm_describes_the_data_sets():
    for det in ("CsI", "Ar", "CsI2017"):
        assert R["sm_fit"][det]["p_value"] > 0.05
        fit = R["normalisation_fit"][det]
        lo, hi = fit["scale_1sigma"]
        # the SM (scale 1) lies within 1.5 sigma of the fitted scale (Ar: 1.2 sigma above)
        assert abs(fit["scale"] - 1.0) < 1.5 * (hi - lo) / 2


def test_nuisances_within_two_sigma():
    sig = {
        "CsI": {"CEvNS": 0.12, "BRN": 0.25, "NIN": 0.35, "SS": 0.021},
        "Ar": {"CEvNS": 0.13, "SS": 0.0079, "PBRN": 0.32, "DBRN": 1.0},
    }
    for det, widths in sig.items():
        nuis = R["sm_fit"][det]["nuisances"]
        for k, s in widths.items():
            assert abs(nuis[k]) < 2 * s, (det, k)


def test_csi_beam_offset_precedes_the_brn_peak():
    # neutrinos must arrive before the beam-related neutrons (BRN peak at 0.665 us)
    assert 0.40 < R["csi_beam_t0_us"] < 0.665


# --- sections 3-4: dips, Table 2, strips --------------------------------------------------
# Table 2 tolerance, 10 % for every entry but three, 13 % for those: the paper prints three
# digits; our CsI 2021 prediction is 7 % below COHERENT's and our Ar 3.6 % above the template,
# and a bound scales as (signal)^(-1/4) to (-1/2) in g.  The three exceptions (universal Ar at
# low and high mass, scalar CsI+Ar at high mass) come from one cause shown in the notebook
# (Delta chi2 profiles): our 2-D Ar fit prefers 1.36 x SM CEvNS.  Median |dev| <= 3 %.
TABLE2_MODELS = (
    "universal",
    "B-L",
    "B_y+L_mu+L_tau",
    "B-3L_e",
    "B-3L_mu",
    "B-2L_e-L_mu",
    "B-L_e-2L_mu",
    "L_e-L_mu",
    "L_e-L_tau",
    "L_mu-L_tau",
    "scalar",
)
T2 = R["table2"]
PUB = published.atzori_corona2022_table2()


def test_table2_has_all_66_entries_with_the_replication_names():
    assert set(T2) == set(TABLE2_MODELS)
    for m in TABLE2_MODELS:
        assert set(T2[m]) == {"Ar", "CsI", "CsI+Ar"}
        assert all(len(v) == 2 and all(x > 0 for x in v) for v in T2[m].values())


def test_published_numbers_are_the_papers():
    # the notebook compared with the table file the tests read; spot checks against Table 2 of arXiv:2202.11002
    assert R["table2_published"] == PUB
    assert set(PUB) == set(TABLE2_MODELS)
    assert PUB["B-L"]["CsI"] == [5.27e-5, 1.00e-3]
    assert PUB["L_mu-L_tau"]["Ar"] == [234e-5, 80.9e-3]
    assert PUB["scalar"]["CsI+Ar"] == [1.68e-5, 0.30e-3]


TABLE2_EXPLAINED = {("universal", "Ar", 0), ("universal", "Ar", 1), ("scalar", "CsI+Ar", 1)}


@pytest.mark.parametrize("model", TABLE2_MODELS)
@pytest.mark.parametrize("ds", ("Ar", "CsI", "CsI+Ar"))
def test_table2_within_10_percent(model, ds):
    for k, (ours, pub) in enumerate(zip(T2[model][ds], PUB[model][ds])):
        tol = 0.13 if (model, ds, k) in TABLE2_EXPLAINED else 0.10
        assert abs(ours / pub - 1) < tol, (model, ds, k, ours, pub)


def test_table2_median_deviation():
    import numpy as np

    dev = [abs(T2[m][ds][k] / PUB[m][ds][k] - 1) for m in T2 for ds in T2[m] for k in (0, 1)]
    assert len(dev) == 66 and np.median(dev) <= 0.03


def test_table2_first_crossing_differs_only_where_documented():
    first = R["table2_first_crossing"]
    differ = {(m, ds) for m in T2 for ds in T2[m] if first[m][ds] != T2[m][ds]}
    assert differ == {("B_y+L_mu+L_tau", "Ar"), ("L_mu-L_tau", "Ar")}
    for m, ds in differ:
        assert first[m][ds][0] == T2[m][ds][0]  # only the high-mass entry
        assert first[m][ds][1] < 0.5 * T2[m][ds][1]  # the excluded cancellation band below the strip


def test_two_dof_from_the_global_minimum_fits_best():
    scan = R["convention_scan"]
    best = min(scan, key=lambda k: scan[k]["rms"])
    assert best.startswith("dchi2=6.18 from min")
    assert R["dchi2_convention"]["dof"] == 2


def test_dips_of_section_3():
    # eqs. (3.17), (3.18), (3.21): the paper quotes 92/27, 29/8, 23/6 keV (Ar/CsI), rounded to
    # 1 keV; ours for CsI is the Cs nucleus (I, 5 % lighter, has its dip 5 % higher): 1 keV
    pub = {"universal": (92, 27), "B_y+L_mu+L_tau": (29, 8), "L_mu-L_tau": (23, 6)}
    for m, (ar, csi) in pub.items():
        assert R["dips_keV"][m]["Ar"] == pytest.approx(ar, abs=1.0)
        assert R["dips_keV"][m]["CsI"] == pytest.approx(csi, abs=1.0)


def test_strip_lines_eqs_4p1_to_4p6():
    # closed forms vs the paper's rounded slopes (2 digits) and vs the full calculation (form
    # factors and the proton charge neglected in the closed forms: within 10 %)
    pub = {"universal": 1.8e-3, "B_y+L_mu+L_tau": 3.1e-3, "L_e-L_tau": 6e-2, "L_mu-L_tau": 7e-2}
    for m, k in pub.items():
        s = R["strips"][m]
        assert s["strip_formula"] == pytest.approx(k, rel=0.08)
        assert s["strip_full"] == pytest.approx(s["strip_formula"], rel=0.10)
    for m, k in {"universal": 1.3e-3, "B_y+L_mu+L_tau": 2.2e-3}.items():
        s = R["strips"][m]
        assert s["canc_formula"] == pytest.approx(k, rel=0.05)
        assert s["canc_full"] == pytest.approx(s["canc_formula"], rel=0.10)


def test_ar_fit_forms_reproduce_coherent_and_explain_our_scale():
    """The Ar scale by likelihood form (notebook section 2): COHERENT's own form on its template gives
    its 159 +- 43 within 5 % (rounding of the published count plus the shape-file convention); the
    paper's form on our prediction is the 1.36 of ``normalisation_fit``."""
    forms = R["ar_fit_forms"]
    assert forms["3-D Poisson (COHERENT), two-sided"]["template"]["events"] == pytest.approx(159.0, rel=0.05)
    paper = forms["2-D Gaussian (eq. (2.7)), one-sided"]["ours"]["scale"]
    assert paper == pytest.approx(R["normalisation_fit"]["Ar"]["scale"], abs=0.003)
    for form in forms.values():
        assert form["ours"]["scale"] < form["template"]["scale"]
