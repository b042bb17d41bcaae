"""Two directives that build documentation tables from the package itself, so the pages cannot
drift from the code, and math that renders without a network:

``zprime-data``
    every file of ``lib/zprime/data_manifest.toml`` (and every release verified through its own
    checksum file) with what it holds, its licence and its official source;
``zprime-constraints``
    every constraint of :func:`zprime.constraints.catalogue` with its kind, confidence level or
    Delta chi^2 convention, and reference.

MathJax itself comes from the ``sphinx-mathjax-offline`` package (MathJax 3.2.2 copied into
``_static``); this extension loads it on every page, because the navigation shows page titles with
math on pages that have none of their own, and writes the browser-tab titles, which no script
typesets, as plain text.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive

#: TeX macros that appear in our page titles, as the characters a browser tab can show.
_TITLE_MACROS = {r"\mu": "μ", r"\tau": "τ", r"\nu": "ν", r"\alpha": "α", r"\epsilon": "ε", r"\varepsilon": "ε"}


def plain_title(title: str) -> str:
    r"""A page title with its inline math as plain text: ``\((g-2)_\mu\)`` -> ``(g-2)_μ``.

    Strips the ``\( \)`` and ``$ $`` delimiters, writes the Greek macros as letters and drops the
    braces of sub- and superscripts.  Raises if any backslash is left, so that a title with math
    we cannot write as text fails the build instead of showing TeX.
    """

    def text(match: re.Match) -> str:
        tex = match.group(1) or match.group(2)
        for macro, char in _TITLE_MACROS.items():
            tex = re.sub(re.escape(macro) + r"(?![A-Za-z])", char, tex)
        return re.sub(r"([_^])\{([^{}]*)\}", r"\1\2", tex)

    out = re.sub(r"\\\((.*?)\\\)|\$([^$]+)\$", text, title)
    if "\\" in out:
        raise ValueError(f"page title {title!r}: TeX left after conversion to text: {out!r}")
    return out


def _plain_titles(app, pagename, templatename, context, doctree) -> None:
    for key in ("title", "pagetitle"):
        if isinstance(context.get(key), str):
            context[key] = plain_title(context[key])


def _table(header: list[str], rows: list[list[str]], widths: list[int]) -> nodes.table:
    """A docutils table of plain-text cells (URLs become links)."""
    table = nodes.table()
    group = nodes.tgroup(cols=len(header))
    table += group
    for w in widths:
        group += nodes.colspec(colwidth=w)

    def row(cells: list[str]) -> nodes.row:
        r = nodes.row()
        for text in cells:
            entry = nodes.entry()
            para = nodes.paragraph()
            if text.startswith("https://") and " " not in text:
                para += nodes.reference(text, text, refuri=text)
            else:
                para += nodes.Text(text)
            entry += para
            r += entry
        return r

    head = nodes.thead()
    head += row(header)
    body = nodes.tbody()
    for cells in rows:
        body += row(cells)
    group += head
    group += body
    return table


def _oneline(text: str) -> str:
    return " ".join(text.split())


class DataTable(Directive):
    """The manifest as a table: one row per listed file, one per checksum-verified release."""

    def run(self) -> list[nodes.Node]:
        from zprime import data

        groups = data.checksum_groups()
        sums = {g.sums for g in groups}
        rows = [
            [e.path, _oneline(e.what), _oneline(e.licence), e.home]
            for e in data.manifest().values()
            if e.path not in sums
        ]
        for g in groups:
            listed = f"{g.base}* (every file in {g.sums.rsplit('/', 1)[1]})"
            rows.append([listed, _oneline(g.what), _oneline(g.licence), g.home])
        return [_table(["file (below a data root)", "content", "licence", "source"], rows, [25, 45, 15, 15])]


class ConstraintTable(Directive):
    """The constraint catalogue as a table."""

    def run(self) -> list[nodes.Node]:
        from zprime import constraints

        rows = []
        for name, c in constraints.catalogue().items():
            how = c.convention.describe() if c.kind == "chi2" and c.convention else f"published curve, {c.cl}"
            rows.append([name, c.kind, _oneline(how), _oneline(c.reference)])
        for name, c in constraints.model_catalogue().items():  # bounds of particular models
            how = f"criterion of the neutrinophilic models (models.farzan_heeck2016) only, {c.cl}"
            rows.append([name, c.kind, _oneline(how), _oneline(c.reference)])
        return [_table(["constraint", "kind", "exclusion", "reference"], rows, [22, 8, 40, 30])]


def _escape_bars(app, what, name, obj, options, lines: list[str]) -> None:
    """Docstrings write moduli as ASCII math, ``|q|``; outside inline literals a bar would start an
    RST substitution, so it is escaped (it renders as the bar it is)."""
    for i, line in enumerate(lines):
        if "|" not in line:
            continue
        parts = line.split("``")
        for k in range(0, len(parts), 2):  # even parts lie outside ``literals``
            parts[k] = parts[k].replace("|", "\\|")
        lines[i] = "``".join(parts)


def _prose_attribute(self) -> tuple[str, list[str]]:
    """napoleon reads the first line of an attribute's docstring as ``type: description``, so
    "Nuclear mass: atomic mass ..." or "... of arXiv:2202.11002" would lose its start to a "Type"
    field.  Our attribute docstrings are prose (the type comes from the annotation), so the line is
    kept as it is.  Replaces GoogleDocstring._consume_inline_attribute (NumpyDocstring inherits it)."""
    descs = [self._lines.next(), *self._dedent(self._consume_to_end())]
    return "", self.__class__(descs, self._config).lines()


def _gallery_pages(app, exception) -> None:
    """The gallery notebook links its interactive pages (``figures/gallery/*.html``, as in the checkout):
    copy them into the built site at the same place, with the plotly.js they share, written from the
    installed plotly package (it is not kept in git)."""
    if exception is not None or app.builder.format != "html":
        return
    import shutil

    source = Path(app.srcdir).parent / "figures" / "gallery"
    pages = sorted(source.glob("*.html")) if source.is_dir() else []
    if not pages:
        return
    target = Path(app.outdir) / "figures" / "gallery"
    target.mkdir(parents=True, exist_ok=True)
    for page in pages:
        shutil.copyfile(page, target / page.name)
    from plotly.offline import get_plotlyjs

    (target / "plotly.min.js").write_text(get_plotlyjs(), encoding="utf-8")


def setup(app) -> dict:
    from sphinx.ext.napoleon.docstring import GoogleDocstring

    GoogleDocstring._consume_inline_attribute = _prose_attribute  # type: ignore[method-assign]
    app.connect("autodoc-process-docstring", _escape_bars)
    app.add_directive("zprime-data", DataTable)
    app.add_directive("zprime-constraints", ConstraintTable)
    app.set_html_assets_policy("always")  # MathJax on every page: the navigation has math titles
    app.connect("html-page-context", _plain_titles)
    app.connect("build-finished", _gallery_pages)
    return {"version": "1", "parallel_read_safe": True}
