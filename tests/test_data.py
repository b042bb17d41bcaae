"""The data resolver: search order, checksums, clear errors, offline download."""

import functools
import hashlib
import http.server
import re
import threading

import numpy as np
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


@pytest.fixture
def server(tmp_path):
    """A local HTTP server over ``tmp_path/served`` (downloads without the internet)."""
    served = tmp_path / "served"
    served.mkdir()
    handler = functools.partial(_Quiet, directory=str(served))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield served, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


def _manifest(tmp_path, files: dict[str, bytes], url: str, sums: dict[str, bytes] | None = None):
    """A manifest of ``files`` served at ``url``, plus a release verified through a SHA256SUMS."""
    text = ""
    for name, content in files.items():
        text += (
            f'[[file]]\npath = "set/{name}"\nsha256 = "{hashlib.sha256(content).hexdigest()}"\n'
            f'url = "{url}{name}"\nhome = "https://example.invalid"\nlicence = "CC0"\nwhat = "test"\n'
        )
    if sums is not None:
        listing = "".join(f"{hashlib.sha256(c).hexdigest()}  ./{n}\n" for n, c in sums.items()).encode()
        text += (
            f'[[checksums]]\nsums = "rel/SHA256SUMS"\nsha256 = "{hashlib.sha256(listing).hexdigest()}"\n'
            f'url = "{url}rel/"\nhome = "https://example.invalid"\nlicence = "CC-BY-4.0"\nwhat = "release"\n'
        )
    m = tmp_path / "m.toml"
    m.write_text(text)
    data._load_manifest.cache_clear()
    data._raw_manifest.cache_clear()
    return m, (listing if sums is not None else None)


def _serve(served, files, sums=None, listing=None):
    for name, content in files.items():
        (served / name).write_bytes(content)
    if sums is not None:
        (served / "rel").mkdir(exist_ok=True)
        (served / "rel" / "SHA256SUMS").write_bytes(listing)
        for name, content in sums.items():
            (served / "rel" / name).write_bytes(content)


def test_download_verifies_and_brings_a_release(server, tmp_path):
    served, url = server
    files, release = {"a.txt": b"1 2\n", "b.txt": b"3 4\n"}, {"x.h5": b"xx", "y.csv": b"yy"}
    m, listing = _manifest(tmp_path, files, url, release)
    _serve(served, files, release, listing)
    dest = tmp_path / "dest"
    got = data.download(dest, manifest_file=m)
    assert sorted(p.relative_to(dest).as_posix() for p in got) == [
        "rel/SHA256SUMS",
        "rel/x.h5",
        "rel/y.csv",
        "set/a.txt",
        "set/b.txt",
    ]
    assert (dest / "rel" / "x.h5").read_bytes() == b"xx"
    # every file now resolves, the release's through its checksum file
    assert data.path("rel/y.csv", manifest_file=m, roots=[dest]) == (dest / "rel" / "y.csv").resolve()


def test_download_of_a_changed_upstream_file_changes_nothing(server, tmp_path):
    served, url = server
    m, _ = _manifest(tmp_path, {"a.txt": b"1 2\n", "b.txt": b"3 4\n"}, url)
    _serve(served, {"a.txt": b"1 2\n", "b.txt": b"3 5\n"})
    dest = tmp_path / "dest"
    with pytest.raises(data.DataError, match="upstream file changed.*Nothing was changed"):
        data.download(dest, manifest_file=m)
    assert not dest.exists()


def test_download_offline_changes_nothing(server, tmp_path):
    served, url = server
    m, _ = _manifest(tmp_path, {"a.txt": b"1 2\n"}, "http://127.0.0.1:9/")  # nothing listens on port 9
    dest = tmp_path / "dest"
    with pytest.raises(data.DataError, match="cannot download set/a.txt .*Offline.*Nothing was changed"):
        data.download(dest, timeout=2, manifest_file=m)
    assert not dest.exists()


def test_fetch_downloads_only_what_is_missing(server, tmp_path):
    served, url = server
    files, release = {"a.txt": b"1 2\n", "b.txt": b"3 4\n"}, {"x.h5": b"xx", "y.csv": b"yy"}
    m, listing = _manifest(tmp_path, files, url, release)
    _serve(served, files, release, listing)
    have, dest = tmp_path / "have", tmp_path / "dest"
    (have / "set").mkdir(parents=True)
    (have / "set" / "a.txt").write_bytes(files["a.txt"])
    (have / "rel").mkdir()
    (have / "rel" / "SHA256SUMS").write_bytes(listing)
    (have / "rel" / "x.h5").write_bytes(b"xx")
    got = data.fetch(dest, manifest_file=m, roots=[have, dest])
    assert sorted(p.relative_to(dest).as_posix() for p in got) == ["rel/y.csv", "set/b.txt"]
    assert data.fetch(dest, manifest_file=m, roots=[have, dest]) == []  # nothing left to fetch


def test_installed_package_fetches_into_the_user_cache(server, tmp_path, monkeypatch):
    """Outside a checkout (a non-editable install) a missing file is downloaded on first use."""
    served, url = server
    m, _ = _manifest(tmp_path, {"a.txt": b"1 2\n"}, url)
    _serve(served, {"a.txt": b"1 2\n"})
    monkeypatch.setattr(data.paths, "IS_CHECKOUT", False)
    monkeypatch.setenv(data.CACHE_ENV_VAR, str(tmp_path / "cache"))
    monkeypatch.delenv(data.ENV_VAR, raising=False)
    assert data.search_roots() == [tmp_path / "cache"]
    got = data.path("set/a.txt", manifest_file=m)
    assert got == (tmp_path / "cache" / "set" / "a.txt").resolve()
    (served / "a.txt").unlink()  # the second use reads the cache
    assert data.path("set/a.txt", manifest_file=m) == got
    # and when the download fails the message is the checkout's one plus the reason
    m2, _ = _manifest(tmp_path, {"c.txt": b"5\n"}, "http://127.0.0.1:9/")
    with pytest.raises(data.DataError, match="not found.*make data.*Downloading it into the user cache failed"):
        data.path("set/c.txt", manifest_file=m2)


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


def test_derived_arrays_are_built_once_and_reread_bit_identically(tmp_path, monkeypatch):
    monkeypatch.setenv(data.CACHE_ENV_VAR, str(tmp_path))
    calls = []
    source = "limits/syen_muon_g_minus_2/CCFR.txt"

    def build():
        calls.append(1)
        return {"x": np.array([0.1, 1 / 3, np.pi]), "n": np.arange(3)}

    first = data.derived("test-arrays", [source], build)
    again = data.derived("test-arrays", [source], build)
    assert len(calls) == 1
    assert all(np.array_equal(first[k], again[k]) and first[k].dtype == again[k].dtype for k in first)
    (file,) = (tmp_path / "derived").iterdir()
    assert file.name.startswith("test-arrays-") and file.suffix == ".npz"
    file.write_bytes(b"damaged")  # a damaged copy is rebuilt, not read
    assert np.array_equal(data.derived("test-arrays", [source], build)["x"], first["x"]) and len(calls) == 2


def test_derived_key_follows_the_data_version(tmp_path, monkeypatch):
    monkeypatch.setenv(data.CACHE_ENV_VAR, str(tmp_path))
    data.derived("v", ["limits/syen_muon_g_minus_2/CCFR.txt"], lambda: {"a": np.zeros(1)})
    data.derived("v", ["xenonnt/cevns_data_release/SHA256SUMS"], lambda: {"a": np.ones(1)})
    assert len(list((tmp_path / "derived").iterdir())) == 2


def test_derived_without_a_writable_cache_still_builds(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(data.CACHE_ENV_VAR, str(blocker))
    got = data.derived("t", ["limits/syen_muon_g_minus_2/CCFR.txt"], lambda: {"a": np.arange(2)})
    assert np.array_equal(got["a"], [0, 1])


@pytest.mark.parametrize("tag, sources", [("bad/tag", ["limits/syen_muon_g_minus_2/CCFR.txt"]), ("t", ["nope.txt"])])
def test_derived_refuses_bad_tags_and_unknown_sources(tag, sources):
    with pytest.raises(data.DataError, match="tag|not in the data manifest"):
        data.derived(tag, sources, dict)
