"""Access to external data files through a checked manifest.

Every file a notebook reads is listed in ``data_manifest.toml`` with its
sha256, download URL, home page and licence.  :func:`path` looks for it, in
this order, under

1. the directory in the environment variable ``ZPRIME_DATA``,
2. ``data/external/`` of the checkout (what ``make data`` downloads),
3. ``../shared/data/`` next to the checkout,
4. the user cache directory (:func:`cache_dir`),

and returns the first copy whose sha256 matches (2 and 3 only when running from a checkout).
A missing or altered file raises :class:`DataError` naming the file, the expected checksum
and how to get it.  Outside a checkout (a non-editable ``pip install``) a missing file is
downloaded into the cache on first use instead.

Downloads go through pooch (HTTP, a temporary file renamed into place only after its sha256
matched).  ``python -m zprime.data download`` implements ``make data`` (every file, into
``data/external/``), ``python -m zprime.data fetch`` the first step of ``make figures`` (only
the files not found); both change nothing unless every file arrived intact.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from zprime import paths
from zprime.errors import ZprimeError

ENV_VAR = "ZPRIME_DATA"
#: Environment variable overriding the user cache directory of non-editable installs.
CACHE_ENV_VAR = "ZPRIME_CACHE"
MANIFEST = Path(__file__).with_name("data_manifest.toml")


class DataError(ZprimeError, RuntimeError):
    """A data file is missing, altered, or not in the manifest."""


@dataclass(frozen=True)
class Entry:
    path: str
    sha256: str
    url: str
    home: str
    licence: str
    what: str


@dataclass(frozen=True)
class ChecksumGroup:
    """A release that ships its own checksum file: the manifest pins that file's sha256, and every
    file it lists (relative to the folder of ``sums``) is verified against the listed digest."""

    sums: str
    base: str
    url: str
    home: str
    licence: str
    what: str

    def entry(self, rel: str, digest: str) -> Entry:
        """The manifest Entry of the listed file ``rel`` (relative to the release folder)."""
        return Entry(self.base + rel, digest, self.url + rel, self.home, self.licence, f"{self.what} File: {rel}.")


@cache
def _raw_manifest(manifest: Path = MANIFEST) -> dict:
    with open(manifest, "rb") as fh:
        return tomllib.load(fh)


def checksum_groups(manifest: Path = MANIFEST) -> list[ChecksumGroup]:
    """The releases verified through their own checksum file (``[[checksums]]`` of the manifest).

    Parameters
    ----------
    manifest : Path
        The manifest file (default: the package's ``data_manifest.toml``).

    Returns
    -------
    list of ChecksumGroup
        One per release, in manifest order.
    """
    out = []
    for grp in _raw_manifest(manifest).get("checksums", []):
        base = grp["sums"].rsplit("/", 1)[0] + "/"
        out.append(ChecksumGroup(grp["sums"], base, grp["url"], grp["home"], grp["licence"], grp["what"]))
    return out


@cache
def _load_manifest(manifest: Path = MANIFEST) -> dict[str, Entry]:
    raw = _raw_manifest(manifest)
    items = list(raw.get("file", []))
    for grp in raw.get("checksums", []):  # the checksum file itself is an ordinary entry
        items.append(
            dict(
                path=grp["sums"],
                sha256=grp["sha256"],
                url=grp["url"] + grp["sums"].rsplit("/", 1)[1],
                home=grp["home"],
                licence=grp["licence"],
                what=f"{grp['what']} This file lists the sha256 of every file of the release.",
            )
        )
    # A [[group]] lists many files of one upstream repository compactly: the
    # entry path is ``base + name`` and the download URL ``url + name``.
    for grp in raw.get("group", []):
        for name, digest in grp["files"]:
            items.append(
                dict(
                    path=grp["base"] + name,
                    sha256=digest,
                    url=grp["url"] + name,
                    home=grp["home"],
                    licence=grp["licence"],
                    what=f"{grp['what']} File: {name}.",
                )
            )
    entries = {}
    for item in items:
        e = Entry(**{k: item[k] for k in Entry.__dataclass_fields__})
        if e.path in entries:
            raise DataError(f"duplicate manifest entry {e.path!r} in {manifest}")
        entries[e.path] = e
    return entries


def manifest(manifest_file: Path | None = None) -> dict[str, Entry]:
    """The manifest as {path: Entry} (a checksum group appears as its checksum file; its files are
    resolved by :func:`path` through that file)."""
    return _load_manifest(Path(manifest_file) if manifest_file else MANIFEST)


def _parse_sums(file: Path) -> dict[str, str]:
    out = {}
    for line in file.read_text().splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            out[name.strip().removeprefix("./")] = digest
    return out


@cache
def _sums(file: Path, mtime_ns: int) -> dict[str, str]:
    return _parse_sums(file)


def _group_entry(name: str, manifest_file: Path | None, roots) -> Entry | None:
    """The Entry of a file listed in a release's verified checksum file, or None."""
    for grp in checksum_groups(Path(manifest_file) if manifest_file else MANIFEST):
        if name.startswith(grp.base):
            f = path(grp.sums, manifest_file=manifest_file, roots=roots)
            listed = _sums(f, f.stat().st_mtime_ns)
            rel = name[len(grp.base) :]
            if rel in listed:
                return grp.entry(rel, listed[rel])
    return None


def cache_dir() -> Path:
    """The user cache of downloaded data: ``$ZPRIME_CACHE``, else the platform's user cache
    directory for ``zprime`` (``~/.cache/zprime`` on Linux, through pooch/platformdirs)."""
    value = os.environ.get(CACHE_ENV_VAR, "").strip()
    if value:
        return Path(value)
    import pooch

    return Path(pooch.os_cache("zprime"))


#: Version of the derived-array format; part of every key of :func:`derived`.
DERIVED_VERSION = 1


def derived(tag: str, sources: Sequence[str], build: Callable[[], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Arrays computed from data files, cached on disk under :func:`cache_dir` ``/derived``.

    The key is ``tag`` with the manifest sha256 of every file in ``sources`` (for a release
    verified through its checksum file, that file pins all of it), so a new data version is a
    new key.  ``build`` runs (reading the files through :func:`path`, verified) when no copy
    exists, and its result is written atomically; an unwritable cache only costs the rebuild.

    Parameters
    ----------
    tag : str
        What is stored (letters, digits, ``_``, ``-``, ``.``), e.g. "xenonnt-templates-sr0".
    sources : sequence of str
        Manifest entries the arrays are derived from.
    build : callable
        Returns {name: ndarray} from the verified files.

    Returns
    -------
    dict of str to ndarray
        The arrays, bit-identical to what ``build`` returns.
    """
    if not tag or not all(c.isalnum() or c in "_-." for c in tag):
        raise DataError(f"derived tag must be letters, digits, '_', '-' or '.', got {tag!r}")
    entries = manifest()
    unknown = [s for s in sources if s not in entries]
    if unknown:
        raise DataError(f"derived {tag!r}: {unknown} not in the data manifest")
    key = hashlib.sha256(
        "\n".join([tag, str(DERIVED_VERSION), *(entries[s].sha256 for s in sources)]).encode()
    ).hexdigest()[:16]
    file = cache_dir() / "derived" / f"{tag}-{key}.npz"
    if file.is_file():
        try:
            with np.load(file, allow_pickle=False) as z:
                return {k: z[k] for k in z.files}
        except (OSError, ValueError):  # a damaged copy: rebuild below
            pass
    arrays = {k: np.asarray(v) for k, v in build().items()}
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=file.parent, suffix=".npz", delete=False) as fh:
            np.savez(fh, allow_pickle=False, **arrays)
        os.replace(fh.name, file)
    except OSError:
        pass
    return arrays


def search_roots() -> list[Path]:
    """Directories searched, in order: ``$ZPRIME_DATA``, then (in a checkout) ``data/external``
    and ``../shared/data``, then the user cache (:func:`cache_dir`)."""
    roots = []
    if os.environ.get(ENV_VAR):
        roots.append(Path(os.environ[ENV_VAR]))
    if paths.IS_CHECKOUT:
        roots += [paths.DATA_EXTERNAL, paths.DATA_SHARED]
    roots.append(cache_dir())
    return roots


def sha256(file: Path) -> str:
    h = hashlib.sha256()
    with open(file, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@cache
def _verified(file: Path, mtime_ns: int, size: int) -> str:
    return sha256(file)


def _how_to_get(e: Entry) -> str:
    return (
        f"Run `make data` (downloads {e.url}), or place the file under ${ENV_VAR}/{e.path}. Official source: {e.home}."
    )


def path(name: str, *, manifest_file: Path | None = None, roots: list[Path] | None = None) -> Path:
    """Absolute path of the verified copy of manifest entry ``name``.

    Parameters
    ----------
    name : str
        The entry's path below a data root, as in ``data_manifest.toml`` (or a file of a release
        verified through its checksum file).
    manifest_file : Path, optional
        Another manifest (default: the package's).
    roots : list of Path, optional
        Other roots to search, in order (default: :func:`search_roots`).

    Returns
    -------
    Path
        The first copy whose sha256 matches the manifest.

    Examples
    --------
    >>> from zprime import data
    >>> data.path("limits/syen_muon_g_minus_2/CCFR.txt").name
    'CCFR.txt'

    Raises
    ------
    DataError
        If ``name`` is not in the manifest, no copy exists, or every copy found
        has the wrong checksum.
    """
    entries = manifest(manifest_file)
    e = entries.get(name) or _group_entry(name, manifest_file, roots)
    if e is None:
        raise DataError(
            f"{name!r} is not in the data manifest {manifest_file or MANIFEST}; add an "
            "entry (path, sha256, url, home, licence, what) before using it"
        )
    bad = []
    for root in roots if roots is not None else search_roots():
        f = Path(root) / e.path
        if f.is_file():
            try:
                st = f.stat()
                got = _verified(f.resolve(), st.st_mtime_ns, st.st_size)
            except OSError as exc:  # e.g. unreadable: try the next copy
                bad.append(f"{f} cannot be read ({exc.strerror or exc})")
                continue
            if got == e.sha256:
                return f.resolve()
            bad.append(f"{f} has sha256 {got}")
    if bad:
        raise DataError(
            f"data file {e.path!r} is altered: expected sha256 {e.sha256}, but "
            + "; ".join(bad)
            + ". "
            + _how_to_get(e)
        )
    missing = (
        f"data file {e.path!r} not found (expected sha256 {e.sha256}) in "
        + ", ".join(str(r) for r in (roots if roots is not None else search_roots()))
        + ". "
        + _how_to_get(e)
    )
    if roots is None and not paths.IS_CHECKOUT:  # an installed package fetches on first use
        try:
            return _retrieve(e, cache_dir(), timeout=30.0)
        except DataError as exc:
            raise DataError(f"{missing} Downloading it into the user cache failed: {exc}") from exc
    raise DataError(missing)


def load_curve(name: str, *, min_points: int = 2, **kw) -> tuple[np.ndarray, ...]:
    """Columns of a whitespace-separated numeric file (``#`` comments), validated.

    Parameters
    ----------
    name : str
        A manifest entry (see :func:`path`).
    min_points : int
        The fewest rows accepted.
    **kw
        Passed to :func:`path` (``manifest_file``, ``roots``).

    Returns
    -------
    tuple of ndarray
        One array per column (typically mass in GeV and coupling).

    Raises
    ------
    DataError
        Too few rows, a non-finite value, or a non-positive mass in the first column.

    Examples
    --------
    >>> from zprime import data
    >>> m, g = data.load_curve("limits/syen_muon_g_minus_2/CCFR.txt")   # CCFR trident, L_mu - L_tau
    >>> len(m), f"{m[0]:.3g} GeV", f"g < {g[0]:.3g}"
    (111, '0.0135 GeV', 'g < 0.00086')
    """
    f = path(name, **kw)
    arr = np.loadtxt(f, comments="#", ndmin=2)
    if arr.shape[0] < min_points:
        raise DataError(f"{name}: only {arr.shape[0]} rows")
    if not np.all(np.isfinite(arr)):
        raise DataError(f"{name}: non-finite values")
    if np.any(arr[:, 0] <= 0):
        raise DataError(f"{name}: non-positive mass in the first column")
    return tuple(arr.T)


def _retrieve(e: Entry, root: Path, timeout: float) -> Path:
    """Download entry ``e`` to ``root/e.path`` with pooch, verified against its sha256.

    pooch writes to a temporary file and renames it into place only when the checksum matches,
    so a failed download leaves nothing behind.
    """
    import pooch
    import requests

    target = Path(root) / e.path
    target.parent.mkdir(parents=True, exist_ok=True)
    downloader = pooch.HTTPDownloader(timeout=timeout, progressbar=False)
    try:
        got = pooch.retrieve(
            e.url, known_hash=f"sha256:{e.sha256}", fname=target.name, path=target.parent, downloader=downloader
        )
    except ValueError as exc:  # pooch: the downloaded bytes do not match known_hash
        raise DataError(f"{e.url} does not have sha256 {e.sha256} ({exc}); the upstream file changed.") from exc
    except (requests.exceptions.RequestException, OSError) as exc:
        raise DataError(f"cannot download {e.path} from {e.url}: {exc}. Offline?") from exc
    return Path(got).resolve()


def download(
    dest: Path | None = None,
    timeout: float = 30.0,
    *,
    entries: list[Entry] | None = None,
    manifest_file: Path | None = None,
) -> list[Path]:
    """Download manifest files into ``dest``, verifying checksums (``make data``).

    All files are fetched into a temporary directory first; ``dest`` is only touched once every
    file arrived with the right checksum, so a failed or offline run changes nothing.

    Parameters
    ----------
    dest : Path, optional
        Data root to fill (default: ``data/external`` of the checkout).
    timeout : float
        Seconds to wait for each server.
    entries : list of Entry, optional
        Only these (default: every file of the manifest).  A release's checksum file brings
        every file it lists.
    manifest_file : Path, optional
        Another manifest (default: the package's).

    Returns
    -------
    list of Path
        The files written below ``dest``.

    Raises
    ------
    DataError
        A download failed or a file does not match its checksum; ``dest`` is unchanged.
    """
    dest = Path(dest) if dest else paths.DATA_EXTERNAL
    todo = list(manifest(manifest_file).values()) if entries is None else list(entries)
    groups = {g.sums: g for g in checksum_groups(Path(manifest_file) if manifest_file else MANIFEST)}
    with tempfile.TemporaryDirectory() as tmp:
        staged = []
        for e in todo:  # grows while it runs: a checksum file adds its files
            try:
                target = _retrieve(e, Path(tmp), timeout)
            except DataError as exc:
                raise DataError(f"{exc} Nothing was changed in {dest}.") from exc
            staged.append(e.path)
            if e.path in groups:
                g = groups[e.path]
                todo += [g.entry(rel, digest) for rel, digest in _parse_sums(target).items()]
        out = []
        for p in staged:
            final = dest / p
            final.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(Path(tmp) / p), final)
            out.append(final)
    return out


def missing(*, manifest_file: Path | None = None, roots: list[Path] | None = None) -> list[Entry]:
    """The manifest files with no verified copy in the search roots (a release whose checksum
    file is missing counts as its checksum file only: downloading it brings the rest)."""
    out = []
    groups = {g.sums: g for g in checksum_groups(Path(manifest_file) if manifest_file else MANIFEST)}
    roots = roots if roots is not None else search_roots()
    for name, e in manifest(manifest_file).items():
        try:
            found = path(name, manifest_file=manifest_file, roots=roots)
        except DataError:
            out.append(e)
            continue
        if name in groups:
            g = groups[name]
            for rel, digest in _sums(found, found.stat().st_mtime_ns).items():
                try:
                    path(g.base + rel, manifest_file=manifest_file, roots=roots)
                except DataError:
                    out.append(g.entry(rel, digest))
    return out


def fetch(
    dest: Path | None = None,
    *,
    timeout: float = 30.0,
    manifest_file: Path | None = None,
    roots: list[Path] | None = None,
) -> list[Path]:
    """Download only the manifest files not found (the first step of ``make figures``).

    Parameters
    ----------
    dest : Path, optional
        Where they go: ``data/external`` in a checkout, else the user cache (:func:`cache_dir`).
    timeout : float
        Seconds to wait for each server.
    manifest_file, roots : optional
        Another manifest and other search roots (default: the package's and :func:`search_roots`).

    Returns
    -------
    list of Path
        The files downloaded (empty when every file was already present).

    Raises
    ------
    DataError
        As :func:`download`: nothing is changed unless every missing file arrived intact.
    """
    todo = missing(manifest_file=manifest_file, roots=roots)
    if not todo:
        return []
    if dest is None:
        dest = paths.DATA_EXTERNAL if paths.IS_CHECKOUT else cache_dir()
    return download(dest, timeout, entries=todo, manifest_file=manifest_file)


def _main(argv: list[str]) -> int:
    cmd = argv[1] if len(argv) > 1 else "status"
    if cmd in ("download", "fetch"):  # every file into data/external, or only the missing ones
        try:
            files = download() if cmd == "download" else fetch()
        except DataError as exc:
            print(f"data {cmd}: {exc}", file=sys.stderr)
            return 1
        if files:
            print(f"data {cmd}: downloaded and verified {len(files)} files")
        else:
            print(f"data {cmd}: all {len(manifest())} manifest entries present")
        return 0
    if cmd == "status":
        ok = True
        for name in manifest():
            try:
                print(f"ok       {name}  ->  {path(name)}")
            except DataError as exc:
                ok = False
                print(f"MISSING  {exc}")
        return 0 if ok else 1
    print("usage: python -m zprime.data [status|download|fetch]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
