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
        assert 3 * t[0] + t[1] + t[2] + t[3] == 0          # anomaly free, eq. (4.3)
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
