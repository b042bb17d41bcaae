"""The documentation site: it builds without a warning, covers every module and data file, and
reads as a reader sees it (headless Chromium loads the pages and every figure on them).

The build runs here into a temporary directory (about 15 s), so `make test` fails on any Sphinx
warning; `make docs-check` points ``ZPRIME_DOCS_HTML`` at the site `make docs` built instead.
The Chromium test runs when Debian's ``chromium`` is installed (nothing here installs it) and
leaves its screenshots in ``build/docs/screenshots/``.
"""

from __future__ import annotations

import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from public_api import public_functions

import zprime
from zprime import data, paths

DOCS = paths.ROOT / "docs"
SCREENSHOTS = paths.ROOT / "build" / "docs" / "screenshots"
NOTEBOOK_PAGE = "atzori_corona2022_coherent"  # the notebook with the most figures (23)
API_PAGE = "observables"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    given = os.environ.get("ZPRIME_DOCS_HTML")
    if given:
        return Path(given)
    out = tmp_path_factory.mktemp("docs") / "html"
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-E", "-q", "-b", "html", str(DOCS), str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, f"sphinx-build failed:\n{run.stdout}\n{run.stderr}"
    assert "WARNING" not in run.stderr, run.stderr
    return out


def _png_outputs(stem: str) -> int:
    nb = json.loads((paths.NOTEBOOKS / f"{stem}.ipynb").read_text())
    return sum(
        "image/png" in out.get("data", {})
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
        for out in cell.get("outputs", [])
    )


def test_site_builds_with_every_page(site):
    for page in ["index", "getting_started", "reproduce", "constraints", "data", "api/index"]:
        assert (site / f"{page}.html").is_file(), page
    for nb in paths.NOTEBOOKS.glob("*.ipynb"):
        html = (site / "notebooks" / f"{nb.stem}.html").read_text()
        # rendered from the committed outputs: one <img> per PNG output
        assert html.count("<img") >= _png_outputs(nb.stem) > 0, nb.stem


def test_api_reference_covers_every_module(site):
    documented = set()
    for page in (DOCS / "api").glob("*.md"):
        documented |= set(re.findall(r"\.\. automodule:: (\S+)", page.read_text()))
    modules = {m.name for m in pkgutil.walk_packages(zprime.__path__, "zprime.") if not m.name.endswith("__main__")}
    assert modules - documented == set(), "modules missing from docs/api/*.md"
    assert documented - modules == set(), "docs/api/*.md names modules that do not exist"
    html = (site / "api" / "bounds.html").read_text()
    assert 'id="zprime.constraints.bounds.bounds"' in html
    assert "Parameters" in html and "Returns" in html


def test_data_page_lists_every_manifest_file(site):
    html = (site / "data.html").read_text()
    groups = {g.sums for g in data.checksum_groups()}
    for name, entry in data.manifest().items():
        if name in groups:
            continue
        assert name in html, name
        assert entry.home in html, name
    for g in data.checksum_groups():
        assert g.base in html


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_chromium() is None, reason="Debian's chromium is not installed (apt-get install chromium)")
def test_pages_render_in_chromium(site):
    sync_api = pytest.importorskip("playwright.sync_api")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = {
        "index": site / "index.html",
        "notebook": site / "notebooks" / f"{NOTEBOOK_PAGE}.html",
        "api": site / "api" / f"{API_PAGE}.html",
        "gallery": site / "notebooks" / "gallery.html",
        "gallery_interactive": site / "figures" / "gallery" / "B-L.html",
    }
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), args=flags)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            remote: list[str] = []  # the site must not need a network: every request off the disk
            page.route(re.compile(r"^https?://"), lambda route: (remote.append(route.request.url), route.abort()))
            for name, file in pages.items():
                page.goto(file.as_uri())
                page.wait_for_load_state("load")
                if name != "gallery_interactive":  # a Plotly page written by BoundSet.to_html, not a Sphinx page
                    _check_math(page, name)
                images = page.evaluate(
                    "Array.from(document.images).map(i => [i.getAttribute('src'), i.complete, i.naturalWidth])"
                )
                broken = [src for src, complete, width in images if not (complete and width > 0)]
                assert broken == [], f"{name}: images that did not load: {broken}"
                if name == "notebook":
                    assert len(images) >= _png_outputs(NOTEBOOK_PAGE)
                    page.locator("img").first.scroll_into_view_if_needed()
                if name == "api":
                    assert page.locator("dl.py.function").count() >= 10
                if name == "gallery":  # the six reference models' figures, and a link to each interactive page
                    assert len(images) >= 6
                    assert page.locator("a[href$='.html'][href*='figures/gallery/']").count() == 6
                    page.locator("img").first.scroll_into_view_if_needed()
                if name == "gallery_interactive":  # plotly.js from the site itself: the regions are drawn
                    page.wait_for_selector("g.trace", timeout=20_000)
                    assert page.locator("g.trace").count() >= 5
                shot = SCREENSHOTS / f"{name}.png"
                page.screenshot(path=str(shot))
                pixels = page.screenshot()  # the same view, checked for content (not a blank page)
                assert len(pixels) > 10_000 and shot.stat().st_size > 10_000
                from matplotlib.image import imread

                assert float(np.std(imread(shot))) > 0.05, f"{name}: the screenshot is blank"
            # every page, for raw TeX after typesetting (titles in the navigation included)
            for file in sorted(site.rglob("*.html")):
                # MathJax itself and the gallery's Plotly pages are not Sphinx pages
                skip = any(p in file.parts for p in ("_static", "figures"))
                if skip or file.name in ("genindex.html", "search.html", "py-modindex.html"):
                    continue
                page.goto(file.as_uri())
                page.wait_for_load_state("load")
                _check_math(page, str(file.relative_to(site)))
            assert remote == [], f"pages asked the network for {sorted(set(remote))}"
        finally:
            browser.close()


#: TeX a reader must never see: inline or display delimiters, or a $...$ pair, outside code.
RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$[^$\s][^$\n]*\$")


def _check_math(page, name: str) -> None:
    """MathJax (the site's own copy) has typeset the page, and no TeX is left in its visible text
    outside code blocks; the browser-tab title is plain text too."""
    loaded = page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise.then(() => true) : false")
    assert loaded, f"{name}: MathJax did not load"
    src = page.evaluate("() => Array.from(document.scripts).map(s => s.src).filter(s => /mathjax/i.test(s))")
    assert src and all(u.startswith("file:") for u in src), f"{name}: MathJax from {src}"
    text = page.evaluate(
        "() => { const b = document.body.cloneNode(true);"
        " b.querySelectorAll('pre, code, .highlight, mjx-container, script, style').forEach(e => e.remove());"
        " return b.innerText; }"
    )
    left = RAW_TEX.findall(text)
    assert not left, f"{name}: raw TeX in the page text: {left[:5]}"
    assert not RAW_TEX.search(page.title()), f"{name}: raw TeX in the title {page.title()!r}"


def test_titles_become_plain_text():
    sys.path.insert(0, str(DOCS / "_ext"))
    from zprime_docs import plain_title

    assert plain_title(r"light mediators and \((g-2)_\mu\) at COHERENT") == "light mediators and (g-2)_μ at COHERENT"
    assert plain_title(r"couplings to \(u\) and \(d\) quarks") == "couplings to u and d quarks"
    assert plain_title(r"$\epsilon_{e\mu}$") == "ε_eμ"
    with pytest.raises(ValueError, match="TeX left"):
        plain_title(r"\(\frac{a}{b}\)")


def test_api_reference_shows_every_public_function(site):
    """Every public function, class method and property of the package has its entry (an anchor with
    its dotted name) in the API reference, documented or not."""
    html = "".join(p.read_text() for p in (site / "api").glob("*.html"))
    anchors = set(re.findall(r'id="(zprime[^"]+)"', html))
    # the function coherent.likelihood shares its dotted name with the module coherent.likelihood;
    # it is rendered without an index entry (docs/api/experiments.md)
    clash = {"zprime.experiments.coherent.likelihood"}
    missing = [name for name, _ in public_functions() if not name.endswith("__init__") and name not in anchors]
    assert set(missing) <= clash, f"public callables missing from the API reference: {sorted(set(missing) - clash)}"
    assert "The default likelihood of a COHERENT data set" in html
    # attribute docstrings are prose: a colon in their first line does not make a "Type" field
    assert "Nuclei with the radii of eqs. (3.4)-(3.5) of arXiv:2202.11002." in html
