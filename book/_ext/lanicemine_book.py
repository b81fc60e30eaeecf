"""Sphinx extension for the lanicemine book.

Two jobs: keep notebook outputs in step with the library, and mend one accessibility fault in the HTML
that Sphinx writes.

Jupyter Book re-executes a notebook only when Sphinx decides the page is out of date, and Sphinx only
looks at the notebook file itself. The chapters' outputs, however, are computed by ``lanicemine_lib``:
after a change to the library, an incremental build would keep the old outputs. This extension records
every ``lanicemine_lib`` source file as a dependency of every notebook, so a changed library makes every
notebook page outdated, and ``execute_notebooks: force`` then executes it again.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

LIBRARY = Path(__file__).resolve().parents[2] / "lanicemine_lib"


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


def setup(app: Sphinx) -> dict:
    app.connect("source-read", note_library_dependency)
    app.connect("html-page-context", drop_citation_list_role)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
