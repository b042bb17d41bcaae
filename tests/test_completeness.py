"""Every notebook has an agreement test and a committed results file with the REPLICATION keys."""

from pathlib import Path

import pytest

from zprime import paths, report

REQUIRED_KEYS = {
    "farzan2015_lma_dark": {"gprime_band_10MeV", "delta_amu_gprime_7e-5"},
    "farzan_heeck2016_neutrinophilic": {"tau_l_gamma_bounds", "mu_e_gamma_bound"},
    "atzori_corona2022_coherent": {"sm_events", "table2"},
    "recast_validation": {
        "dark_photon",
        "B-L_boson",
        "B_boson",
        "protophobic",
        "Lmu-Ltau_boson",
        "Le-Lmu_boson",
        "Le-Ltau_boson",
    },
    "greljo2022_gm2_u1x": {"nsi_fit", "n_models", "table1", "sm_dchi2"},
    "bernal_farzan2023_nsi_ud": {"gzp_lma_dark_10MeV", "tan_eta_borexino"},
    "status_today": {"verdicts", "xenonnt"},
}
STEMS = sorted(p.stem for p in paths.NOTEBOOKS.glob("*.ipynb"))


def test_there_are_notebooks():
    assert STEMS


@pytest.mark.parametrize("stem", STEMS)
def test_notebook_has_test_and_results(stem):
    assert (Path(__file__).parent / f"test_{stem}.py").exists(), f"no tests/test_{stem}.py"
    res = report.read_results(stem)
    missing = REQUIRED_KEYS.get(stem, set()) - set(res)
    assert not missing, f"results/{stem}.json lacks {sorted(missing)}"


@pytest.mark.parametrize("stem", STEMS)
def test_notebook_has_parameters_cell_and_checked_summary(stem):
    import nbformat

    nb = nbformat.read(paths.NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    assert nb.cells[0].cell_type == "markdown" and "arXiv" in nb.cells[0].source
    assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells)
    checked = [c for c in nb.cells if c.cell_type == "code" and "# NBVAL_CHECK_OUTPUT" in c.source]
    assert checked and all(c.outputs for c in checked), "summary cell missing or not executed"
