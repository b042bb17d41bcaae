"""Agreement tests of results/status_today.json: each paper re-judged with today's data (today's-data issue)."""

import pytest

from zprime import report, today

RES = report.read_results("status_today")
PAPERS = (
    "farzan2015_lma_dark",
    "farzan_heeck2016_neutrinophilic",
    "atzori_corona2022_coherent",
    "greljo2022_gm2_u1x",
    "bernal_farzan2023_nsi_ud",
)
VERDICTS = ("still holds", "weakened", "excluded", "no longer motivated")


def test_every_paper_has_a_claim_a_verdict_and_numbers():
    assert set(RES["verdicts"]) == set(PAPERS)
    for v in RES["verdicts"].values():
        assert v["claim"] and v["numbers"]
        assert v["verdict"].startswith(VERDICTS), v["verdict"]


def test_xenonnt_validation_numbers():
    x = RES["xenonnt"]
    # arXiv:2408.02877 (abstract): 26.4 (+1.4 -1.3) background, 2.73 sigma, flux 4.7 (+3.6 -2.3) 1e6 /cm^2/s
    assert x["sr0_sr1"]["background"] == pytest.approx(26.4, abs=1.3)
    assert x["sr0_sr1"]["significance"] == pytest.approx(2.73, abs=0.1)
    assert abs(x["sr0_sr1"]["flux_8B_1e6"] - 4.7) < 2.3
    # the release's SI WIMP limit, rebuilt within the 30 % the issue asks for, at all ten masses
    ratios = [w["ratio"] for w in x["wimp_si_limit"].values()]
    assert len(ratios) == 10 and all(0.7 < r < 1.3 for r in ratios), ratios


def test_the_verdicts_follow_from_their_numbers():
    v = RES["verdicts"]
    # Farzan 2015: the LMA-Dark band lies above today's CEvNS bound at 10-30 MeV
    assert v["farzan2015_lma_dark"]["numbers"]["smallest_band_lower_over_bound"] > 1
    # Greljo et al.: Delta a_mu 2025 is below 2 sigma; the seven best-fit points survive XENONnT 8B
    g = v["greljo2022_gm2_u1x"]["numbers"]
    assert g["significance_2021"] > 4 and g["significance_2025"] < 2
    assert g["max_dchi2_XENONnT_8B"] < 2
    # Atzori Corona et al.: XENONnT 8B (2026 release, the collaboration's priors) tightens the low-mass bound of
    # B-L by more than 10 % (0.88; with our earlier priors 0.75), and of 5 of the 10 models by more than 5 %
    a = v["atzori_corona2022_coherent"]["numbers"]
    assert a["per_model"]["B-L"]["today_over_coherent"] < 0.9
    assert len([x for x in a["tightened_by_more_than_5pct"] if x]) == 5
    # Bernal-Farzan: the Xe blind direction sits within 0.02 of the Cs and I ones
    assert v["bernal_farzan2023_nsi_ud"]["numbers"]["cs_i_xe_spread"] < 0.02


def test_greljo_verdict_recomputed_matches_the_stored_one():
    """The fast verdict (no likelihood scans) recomputed now equals the committed one."""
    assert today.greljo2022()["verdict"] == RES["verdicts"]["greljo2022_gm2_u1x"]["verdict"]
    assert today.bernal_farzan2023()["numbers"]["blind_tan_eta"] == pytest.approx(
        RES["verdicts"]["bernal_farzan2023_nsi_ud"]["numbers"]["blind_tan_eta"]
    )


def test_lowest_couplings_on_a_pool_equal_serial_and_bring_their_minima_back():
    from concurrent.futures import ProcessPoolExecutor

    from zprime import constraints, models
    from zprime.constraints.base import model_key

    names = ("COHERENT CsI 2021",)
    con = constraints.get(names[0])
    key = model_key(models.get_model("B_y+L_mu+L_tau"), False)
    con.__dict__.get("_minima", {}).pop(key, None)
    with ProcessPoolExecutor(2) as pool:
        parallel = today._lowest_all(["B-L", "B_y+L_mu+L_tau"], 1e-4, names, pool)
    assert key in con.known_minima()  # computed in a worker, now known here
    serial = today._lowest_all(["B-L", "B_y+L_mu+L_tau"], 1e-4, names, None)
    assert parallel == serial


def test_the_atzori_verdict_is_the_one_its_notebook_kept():
    """status_today reads the Atzori Corona et al. verdict from results/atzori_corona2022_coherent.json
    ("today", written by that notebook) instead of recomputing its ten models: the two results agree."""
    kept = report.read_results("atzori_corona2022_coherent")["today"]
    assert today.stored_verdict("atzori_corona2022_coherent") == kept
    assert report.numbers_changed(kept, RES["verdicts"]["atzori_corona2022_coherent"], "status_today", "verdicts") == []
    with pytest.raises(today.InputError, match="recast_validation"):
        today.stored_verdict("recast_validation")  # a notebook without a verdict
    with pytest.raises(today.InputError, match="stored"):
        today.verdicts(stored="atzori_corona2022_coherent")  # a string, not a sequence of stems


def test_the_lma_dark_bands_are_those_the_paper_notebooks_found():
    """status_today tests the LMA-Dark bands of results/farzan2015_lma_dark.json and
    results/farzan_heeck2016_neutrinophilic.json, not copies of them."""
    f15 = report.read_results("farzan2015_lma_dark")["gprime_band_10MeV"]
    assert RES["verdicts"]["farzan2015_lma_dark"]["numbers"]["per_mass"]["10 MeV"]["lma_dark_g_band"] == f15
    fh = report.read_results("farzan_heeck2016_neutrinophilic")["lma_dark_gB_10MeV"]
    assert set(RES["verdicts"]["farzan_heeck2016_neutrinophilic"]["numbers"]["per_coupling"]) == {
        f"g_B={g:.3g}" for g in fh
    }
