"""The data resolver: search order, checksums, clear errors, offline download."""

import hashlib
import re
import urllib.request

import pytest

from zprime import data


@pytest.fixture
def fake(tmp_path):
    """A manifest with one small file, and three candidate roots."""
    content = b"# mass coupling\n0.01 1e-4\n0.1 1e-3\n"
    digest = hashlib.sha256(content).hexdigest()
    manifest = tmp_path / "manifest.toml"
    manifest.write_text(
        '[[file]]\npath = "set/curve.txt"\n'
        f'sha256 = "{digest}"\nurl = "https://example.invalid/curve.txt"\n'
        'home = "https://example.invalid"\nlicence = "CC0"\nwhat = "test curve"\n'
    )
    roots = [tmp_path / r for r in ("env", "external", "shared")]
    data._load_manifest.cache_clear()
    yield manifest, roots, content
    data._load_manifest.cache_clear()


def _put(root, content):
    f = root / "set" / "curve.txt"
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_bytes(content)
    return f


def test_missing_file_names_file_checksum_and_remedy(fake):
    manifest, roots, content = fake
    with pytest.raises(data.DataError) as err:
        data.path("set/curve.txt", manifest_file=manifest, roots=roots)
    msg = str(err.value)
    assert "set/curve.txt" in msg and hashlib.sha256(content).hexdigest() in msg
    assert "make data" in msg and "ZPRIME_DATA" in msg


def test_search_order(fake):
    manifest, roots, content = fake
    shared = _put(roots[2], content)
    assert data.path("set/curve.txt", manifest_file=manifest, roots=roots) == shared.resolve()
    first = _put(roots[0], content)
    assert data.path("set/curve.txt", manifest_file=manifest, roots=roots) == first.resolve()


def test_altered_file_is_refused(fake):
    manifest, roots, content = fake
    _put(roots[1], content.replace(b"1e-3", b"2e-3"))
    with pytest.raises(data.DataError, match="altered"):
        data.path("set/curve.txt", manifest_file=manifest, roots=roots)
    # a good copy further down the list is used instead
    good = _put(roots[2], content)
    assert data.path("set/curve.txt", manifest_file=manifest, roots=roots) == good.resolve()


def test_unknown_name(fake):
    manifest, roots, _ = fake
    with pytest.raises(data.DataError, match="not in the data manifest"):
        data.path("set/other.txt", manifest_file=manifest, roots=roots)


def test_env_variable_is_searched_first(monkeypatch, tmp_path):
    monkeypatch.setenv(data.ENV_VAR, str(tmp_path))
    assert data.search_roots()[0] == tmp_path


def test_load_curve_validates(fake):
    manifest, roots, content = fake
    _put(roots[0], content)
    m, g = data.load_curve("set/curve.txt", manifest_file=manifest, roots=roots)
    assert list(m) == [0.01, 0.1] and list(g) == [1e-4, 1e-3]


def test_download_offline_changes_nothing(monkeypatch, tmp_path):
    def offline(*a, **k):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    dest = tmp_path / "external"
    with pytest.raises(data.DataError, match="Nothing was changed"):
        data.download(dest)
    assert not dest.exists()


def test_project_manifest_is_well_formed():
    entries = data.manifest()
    assert entries, "the manifest lists no file"
    for name, e in entries.items():
        assert re.fullmatch(r"[0-9a-f]{64}", e.sha256), name
        assert e.url.startswith("https://") and e.home.startswith("https://"), name
        assert e.licence and e.what, name


def test_unreadable_copy_does_not_hide_a_good_one(tmp_path, monkeypatch):
    # an unreadable copy earlier in the search order (simulated: permissions do not bind root)
    from zprime import data

    name = "limits/syen_muon_g_minus_2/CCFR.txt"
    good = data.path(name)
    bad_root = tmp_path / "bad"
    bad = bad_root / name
    bad.parent.mkdir(parents=True)
    bad.write_bytes(good.read_bytes())
    real = data._verified

    def verified(file, mtime_ns, size):
        if file == bad.resolve():
            raise PermissionError(13, "Permission denied")
        return real(file, mtime_ns, size)

    monkeypatch.setattr(data, "_verified", verified)
    good_root = good.parents[len(name.split("/")) - 1]
    assert data.path(name, roots=[bad_root, good_root]) == good
    with pytest.raises(data.DataError, match="cannot be read"):
        data.path(name, roots=[bad_root])
