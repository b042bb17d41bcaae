"""The published tables under lib/zprime/tables: structure, and the readings they state."""

import pytest

from zprime import published
from zprime.models import u1x


def test_atzori_table2_structure():
    t = published.atzori_corona2022_table2()
    assert len(t) == 11
    for model, row in t.items():
        assert set(row) == {"Ar", "CsI", "CsI+Ar"}
        assert all(len(v) == 2 and all(x > 0 for x in v) for v in row.values()), model
        # CsI + Ar is never weaker than both data sets alone
        assert row["CsI+Ar"][0] <= max(row["Ar"][0], row["CsI"][0])


def test_greljo_table1_rows():
    rows = published.greljo2022_table1()
    assert len(rows) == 7
    for t, r, g, d in rows:
        assert 3 * t[0] + t[1] + t[2] + t[3] == 0  # anomaly free, eq. (4.3)
        assert u1x.canonical_sign(t) in u1x.sm_classes()
        assert 0 < d < 4 and 0 < g < 2e-3
        # (g-2)_mu fixes g (c_mu - r) ~ 1.2-1.5e-3 once the exponents are read as the file says
        assert 1.1e-3 < g * abs(t[2] - r) < 1.5e-3
    garbled = [r["charges"] for r in published.load("greljo2022_table1")["row"] if r.get("garbled_exponent")]
    assert sorted(garbled) == [[3, -6, 3, -6], [3, -6, 6, -9]]


def test_load_is_a_copy_and_unknown_names_raise():
    a = published.load("greljo2022_table1")
    a["row"].clear()
    assert len(published.load("greljo2022_table1")["row"]) == 7
    with pytest.raises(FileNotFoundError, match="known"):
        published.load("greljo2021_table9")


def test_darkcast_search_table():
    from zprime.experiments import recast

    rows = published.load("darkcast_searches")["search"]
    assert len(rows) == len(recast.SEARCHES) == 46
    for r in rows:
        s = recast.SEARCHES[r["name"]]
        assert s.kind in ("prompt", "displaced", "invisible", "g-2")
        if r.get("window") == "dump":
            assert s.window[1] == pytest.approx(r["dump"][0] / r["dump"][1], rel=1e-15)
        if r.get("window") == "prompt":
            assert callable(s.window[1]) and r["t1"] in recast.searches.T1_WINDOWS


def test_coherent_nuisance_widths_are_the_papers():
    from zprime.experiments import coherent

    t = published.load("coherent_nuisances")
    # arXiv:2202.11002 after eqs. (2.6) and (2.8)
    assert t["CsI"] == {"CEvNS": 0.12, "BRN": 0.25, "NIN": 0.35, "SS": 0.021}
    assert t["Ar"] == {"CEvNS": 0.13, "SS": 0.0079, "PBRN": 0.32, "DBRN": 1.0}
    for name in ("CsI", "Ar"):
        assert coherent.likelihood(name).sigmas == t[name]
        assert coherent.likelihood(name).nuisance_names()[0] == "CEvNS"
    assert coherent.likelihood("CsI2017").sigmas["CEvNS"] == t["CsI2017"]["CEvNS"] == 0.28
