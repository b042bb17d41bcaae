"""Re-runs reproduce: results are stored and compared at the precision their method supports
(lib/zprime/tables/results_precision.toml), and what notebooks print is rounded the same way."""

import json
import tomllib

import pytest

from zprime import paths, report, today

RESULTS = sorted(paths.RESULTS.glob("*.json"))


def _leaves(doc, key=""):
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _leaves(v, f"{key}/{k}".lstrip("/"))
    elif isinstance(doc, list):
        for v in doc:
            yield from _leaves(v, key)
    else:
        yield key, doc


def test_every_rule_states_its_method_and_matches_a_key():
    import fnmatch

    table = tomllib.loads(report.PRECISION_TABLE.read_text())
    assert table["default"]["digits"] == 10 and table["default"]["method"]
    keys = {p.stem: [k for k, _ in _leaves(json.loads(p.read_text()))] for p in RESULTS}
    for rule in table.get("rule", []):
        assert rule["method"].strip() and 2 <= rule["digits"] < 10, rule
        hits = [k for stem, ks in keys.items() if fnmatch.fnmatchcase(stem, rule["stem"]) for k in ks]
        for pattern in report.rule_keys(rule):
            assert any(fnmatch.fnmatchcase(k, pattern) for k in hits), f"stale rule {rule['stem']}:{pattern}"


@pytest.mark.parametrize("path", RESULTS, ids=lambda p: p.stem)
def test_committed_results_carry_no_more_digits_than_their_method(path):
    for key, v in _leaves(json.loads(path.read_text())):
        if isinstance(v, float):
            digits = report.precision(path.stem, key)
            assert report.significant(v, digits) == v, (key, v, digits)


def test_write_rounds_and_compare_tolerates_one_unit_in_the_last_digit(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "precision", lambda stem, key: 4 if key.startswith("fit") else 10)
    out = report.write_results("demo", {"fit": {"x": 1.23456789}, "exact": 1.23456789012345}, tmp_path)
    doc = json.loads(out.read_text())
    assert doc == {"exact": 1.23456789, "fit": {"x": 1.235}}
    assert report.numbers_changed(doc, {"exact": 1.23456789, "fit": {"x": 1.236}}, "demo") == []
    assert report.numbers_changed(doc, {"exact": 1.23456789, "fit": {"x": 1.24}}, "demo") == ["fit/x"]
    assert report.numbers_changed(doc, {"exact": 1.2345679, "fit": {"x": 1.235}}, "demo") == ["exact"]
    assert report.numbers_changed({"seconds": 1.0}, {"seconds": 9.0}) == []


def test_printed_verdicts_are_rounded():
    text = today.format_verdict({"claim": "c", "verdict": "v", "numbers": {"g": 1.2345678912345e-5, "n": [2.0 / 3]}})
    assert '"g": 1.235e-05' in text and "0.6667" in text and "0.666666" not in text
