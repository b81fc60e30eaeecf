"""Sphinx extension for the lanicemine book.

Three jobs: keep notebook outputs in step with the library, make the build reproducible, and mend one
accessibility fault in the HTML that Sphinx writes.

Jupyter Book re-executes a notebook only when Sphinx decides the page is out of date, and Sphinx only
looks at the notebook file itself. The chapters' outputs, however, are computed by ``lanicemine_lib``:
after a change to the library, an incremental build would keep the old outputs. This extension records
every ``lanicemine_lib`` source file as a dependency of every notebook, so a changed library makes every
notebook page outdated, and ``execute_notebooks: force`` then executes it again.

**Reproducible build.** Two clean builds of the same sources write byte-identical HTML (checked by
``tests/test_reproducible_build.py``), so a diff of two built books shows only real changes. Three sources of
chance are removed:

- *Figure files.* Matplotlib stamps every SVG with the date and draws its clip-path ids from a random salt;
  the figure's file name is a hash of its content, so both would change the page. While the notebooks run
  (the read phase), the kernels inherit ``SOURCE_DATE_EPOCH`` (the release date in ``CITATION.cff``) and
  ``MATPLOTLIBRC`` (``book/_ext/matplotlibrc``: a fixed ``svg.hashsalt``, everything else at matplotlib's
  defaults, so a personal matplotlibrc cannot change the book either). Both are restored afterwards.
- *Widget model ids* (random UUIDs in the page's widget state and views) are replaced, page by page, by ids
  derived from the page name and the model's place in the state.
- *pandas Styler table ids* (``T_`` and five random hex digits) are replaced by ``T_s000``, ``T_s001``, … in
  order of appearance.
- *Cache-busting query strings.* Sphinx appends ``?v=<checksum>`` to a stylesheet or script only if the file is
  already in the output folder when the page is written, so a clean build and a rebuild differ for the files
  extensions add. Every local ``_static`` stylesheet and script link gets the checksum (Sphinx's: CRC-32 of the
  file) in both.

The ids are rewritten in the written HTML files when the build finishes (idempotent: an unchanged page
is left as it is).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import zlib
from pathlib import Path

from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "lanicemine_lib"
MATPLOTLIBRC = Path(__file__).resolve().parent / "matplotlibrc"


def library_sources(root: Path = LIBRARY) -> list[Path]:
    """All Python source files and data files (the self-checks' JSON) of the helper package, sorted."""
    return sorted(p for p in root.rglob("*") if p.suffix in (".py", ".json") and "__pycache__" not in p.parts)


def note_library_dependency(app: Sphinx, docname: str, source: list[str]) -> None:
    """Make a notebook page depend on every ``lanicemine_lib`` source file."""
    if not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    for path in library_sources():
        app.env.note_dependency(str(path))


CITATION_LIST_WITH_ROLE = '<div role="list" class="citation-list">'


def drop_citation_list_role(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Remove ``role="list"`` from Sphinx's citation lists.

    The citations inside are not list items (they carry ``role="doc-biblioentry"`` and back-links), so
    the ARIA list role is invalid there and screen readers announce a broken list (axe-core rule
    ``aria-required-children``). Without the role the entries read as what they are: a sequence of
    references.
    """
    body = context.get("body")
    if body and CITATION_LIST_WITH_ROLE in body:
        context["body"] = body.replace(CITATION_LIST_WITH_ROLE, '<div class="citation-list">')


# -- reproducible build ----------------------------------------------------------------------------------
#: Used when no CITATION.cff is found (a copy of the sources built elsewhere): any fixed date will do.
FALLBACK_EPOCH = "1796256000"  # 2026-12-03, the first release


def release_epoch(start: Path = ROOT) -> str:
    """``SOURCE_DATE_EPOCH``: seconds since 1970 (UTC) at the release date of the nearest ``CITATION.cff``.

    The file is looked for in ``start`` and its parents (a student-edition copy of the sources lives inside the
    repository's ``_build``); without one the date is :data:`FALLBACK_EPOCH`.
    """
    for folder in (start, *start.parents):
        citation = folder / "CITATION.cff"
        if citation.is_file():
            found = re.search(r'^date-released:\s*"?(\d{4}-\d{2}-\d{2})"?', citation.read_text("utf-8"), re.M)
            if not found:
                raise ValueError(f"{citation} must give date-released: YYYY-MM-DD (the book's release date)")
            day = dt.datetime.strptime(found.group(1), "%Y-%m-%d").replace(tzinfo=dt.UTC)
            return str(int(day.timestamp()))
    return FALLBACK_EPOCH


def kernel_environment(start: Path = ROOT) -> dict[str, str]:
    """Environment variables the executing kernels need for byte-identical figures."""
    return {"SOURCE_DATE_EPOCH": release_epoch(start), "MATPLOTLIBRC": str(MATPLOTLIBRC)}


def set_kernel_environment(app: Sphinx, env, docnames: list[str]) -> None:
    """Before the notebooks are read (and executed): fix the figures' date and hash salt for the kernels."""
    saved = {}
    for key, value in kernel_environment(Path(app.confdir)).items():
        saved[key] = os.environ.get(key)
        os.environ[key] = value
    app._lanicemine_saved_environment = saved


def restore_environment(app: Sphinx, env) -> None:
    """After reading: the build process's environment as it was."""
    for key, value in getattr(app, "_lanicemine_saved_environment", {}).items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    app._lanicemine_saved_environment = {}


WIDGET_STATE = re.compile(r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', re.S)
MODEL_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")  # also inside "IPY_MODEL_<id>"
STYLER_ID = re.compile(r"\bT_[0-9a-f]{5}(?![0-9A-Za-z])")


def stable_ids(html: str, page: str) -> str:
    """``html`` with the widget model ids and pandas Styler ids of one page made deterministic.

    Widget model ids become the first 32 hex digits of ``sha256("<page>#<n>")``, n being the model's place
    in the page's widget state; every occurrence on the page (state, views) is replaced consistently.
    Styler ids become ``T_s000``, ``T_s001``, … in order of first appearance. Applying it twice changes
    nothing more.
    """
    match = WIDGET_STATE.search(html)
    if match:
        state = json.loads(match.group(1)).get("state", {})
        mapping = {old: hashlib.sha256(f"{page}#{i}".encode()).hexdigest()[:32] for i, old in enumerate(state)}
        html = MODEL_ID.sub(lambda m: mapping.get(m.group(0), m.group(0)), html)
    tables: dict[str, str] = {}
    return STYLER_ID.sub(lambda m: tables.setdefault(m.group(0), f"T_s{len(tables):03d}"), html)


STATIC_ASSET = re.compile(r'(<(?:link|script)\b[^>]*?\b(?:href|src)=")([^"?#:]*_static/[^"?#]+\.(?:css|js))(")')


def checksum_assets(html: str, page_dir: Path) -> str:
    """Give every local ``_static`` stylesheet and script link of a page Sphinx's ``?v=<crc32>`` query string."""

    def add(match: re.Match) -> str:
        path = page_dir / match.group(2)
        if not path.is_file():
            return match.group(0)
        content = path.read_bytes().translate(None, b"\r")  # as Sphinx computes it
        return f"{match.group(1)}{match.group(2)}?v={zlib.crc32(content):08x}{match.group(3)}"

    return STATIC_ASSET.sub(add, html)


def write_stable_ids(app: Sphinx, exception: Exception | None) -> None:
    """After a successful HTML build: rewrite each page whose ids or asset links are not yet deterministic."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for path in sorted(outdir.rglob("*.html")):
        text = path.read_bytes().decode("utf-8")
        stable = checksum_assets(stable_ids(text, path.relative_to(outdir).as_posix()), path.parent)
        if stable != text:
            path.write_bytes(stable.encode("utf-8"))


def setup(app: Sphinx) -> dict:
    app.connect("source-read", note_library_dependency)
    app.connect("html-page-context", drop_citation_list_role)
    app.connect("env-before-read-docs", set_kernel_environment)
    app.connect("env-updated", restore_environment)
    app.connect("build-finished", write_stable_ids)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
