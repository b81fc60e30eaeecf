"""Checks of the built HTML book (`make html` first; `make test` does both)."""

from __future__ import annotations

import html
import pickle
import re
from pathlib import Path

import pytest
from conftest import ROOT, html_pages, notebooks, toc_files

pytestmark = pytest.mark.built_book

EXTERNAL_ASSET = re.compile(
    r"""<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=["'](?:https?:)?//[^"']+["']""", re.I
)
CSS_EXTERNAL_URL = re.compile(r"""url\(\s*["']?(?:https?:)?//""", re.I)
MAX_PAGE_BYTES = 2 * 1024 * 1024


def test_every_toc_page_was_built(built_html: Path):
    for page in html_pages(built_html):
        assert page.exists(), f"{page.relative_to(built_html)} was not built"


def test_no_page_loads_anything_from_the_internet(built_html: Path):
    offenders = []
    for page in built_html.rglob("*.html"):
        for match in EXTERNAL_ASSET.findall(page.read_text(encoding="utf-8")):
            offenders.append(f"{page.relative_to(built_html)}: {match[:120]}")
    assert not offenders, "\n".join(offenders)


def test_no_stylesheet_imports_from_the_internet(built_html: Path):
    offenders = [
        str(css.relative_to(built_html))
        for css in (built_html / "_static").rglob("*.css")
        if CSS_EXTERNAL_URL.search(css.read_text(encoding="utf-8", errors="replace"))
    ]
    assert not offenders, offenders


def test_mathjax_and_widget_manager_are_served_locally(built_html: Path):
    static = built_html / "_static"
    for asset in (
        "mathjax/tex-chtml.js",
        "requirejs/require.js",
        "html-manager/embed-amd.js",
        "lanicemine-widgets.js",
        "licenses/mathjax-LICENSE.txt",
    ):
        assert (static / asset).exists(), asset
    intro = (built_html / "book" / "intro.html").read_text(encoding="utf-8")
    assert re.search(r'src="(\.\./)*_static/mathjax/tex-chtml\.js', intro)
    assert re.search(r'src="(\.\./)*_static/html-manager/embed-amd\.js', intro)
    assert "THEBE_JS_URL" not in intro, "sphinx-thebe is off: no live-code server exists for this book"


def test_every_page_shows_the_education_only_note(built_html: Path):
    for page in html_pages(built_html):
        text = page.read_text(encoding="utf-8")
        assert "For education only" in text, page.name
        assert "not medical advice" in text, page.name


def test_widget_state_is_embedded_where_widgets_are_shown(built_html: Path):
    page = (built_html / "book" / "intro.html").read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-state+json" in page
    # exactly the kernel-free demo is shown; the live (kernel-only) demo's cell is removed from the HTML
    assert page.count('<script type="application/vnd.jupyter.widget-view+json">') == 1


def test_page_weight_within_budget(built_html: Path):
    for page in html_pages(built_html):
        assert page.stat().st_size <= MAX_PAGE_BYTES, f"{page.name}: {page.stat().st_size / 1e6:.2f} MB"


def test_notebook_pages_depend_on_the_library(built_html: Path):
    """A change to lanicemine_lib makes every notebook page outdated (no stale outputs)."""
    env_file = ROOT / "_build" / ".doctrees" / "environment.pickle"
    with env_file.open("rb") as handle:
        env = pickle.load(handle)
    library = {str(p) for p in (ROOT / "lanicemine_lib").rglob("*.py") if "__pycache__" not in p.parts}
    for nb in notebooks():
        docname = nb.relative_to(ROOT).with_suffix("").as_posix()
        deps = {str((ROOT / d).resolve()) if not Path(d).is_absolute() else d for d in env.dependencies[docname]}
        assert library <= deps, f"{docname} does not depend on {sorted(library - deps)[:3]}"


def test_download_buttons_offer_the_notebook(built_html: Path):
    for nb in notebooks():
        page = (built_html / "book" / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert f"_sources/book/{nb.name}" in page, nb.name
        assert (built_html / "_sources" / "book" / nb.name).exists(), nb.name


def test_toc_order_is_respected(built_html: Path):
    index = (built_html / "book" / "intro.html").read_text(encoding="utf-8")
    names = [Path(f).name for f in toc_files()[1:]]
    positions = [index.find(f'href="{name}.html"') for name in names]
    missing = [name for name, p in zip(names, positions) if p < 0]
    assert not missing, f"pages not linked from the introduction's navigation: {missing}"
    assert positions == sorted(positions), list(zip(names, positions))


def test_in_text_citations_shorten_incomplete_author_lists(built_html: Path):
    """BibTeX's "and others" reads "Mealing et al., 1997" in the text, not "Mealing and others, 1997"."""
    mechanism = (built_html / "book" / "mechanism.html").read_text(encoding="utf-8")
    assert re.search(r">Mealing <em>et al\.</em>, 1997</a>", mechanism)
    for page in html_pages(built_html):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r">[A-Z][\w-]+ and others, \d{4}</a>", text), page.name


def test_reference_list_matches_the_citations(built_html: Path):
    """The References page labels each entry as the text cites it, sorted by first author, names right."""
    page = (built_html / "book" / "references.html").read_text(encoding="utf-8")
    labels = re.findall(r'<span class="label"><span class="fn-bracket">\[</span>(.*?)<span', page)
    assert "Mealing et al., 1999" in labels and "Montgomery and Åsberg, 1979" in labels, labels
    assert not [label for label in labels if re.fullmatch(r"[A-Z][A-Za-z+]*\d\d", label)], labels  # no [MLM+99]
    family = [re.sub(r"[^a-z ]", "", label.split(",")[0].replace("Å", "A").lower()) for label in labels]
    assert family == sorted(family), f"not sorted by first author: {labels}"
    text = html.unescape(re.sub(r"<[^>]+>", "", page)).replace("\xa0", " ")
    assert "Zarate Jr., C. A." in text and "Jr. Zarate" not in text
    assert not re.search(r"\bothers\b", text), "a literal 'others' in the reference list"
    # every in-text citation label appears in the list as written (the same author-year form)
    cited = set()
    for chapter in html_pages(built_html):
        for label in re.findall(r'href="references\.html#id\d+"[^>]*>(.*?)</a>', chapter.read_text(encoding="utf-8")):
            cited.add(re.sub(r"</?em>", "", label))
    missing = sorted(c for c in cited if re.search(r", (\d{4}|n\.d\.)$", c) and c not in labels)
    assert not missing, f"cited as, but not listed as: {missing}"


def test_chapter_figures_are_vector_images(built_html: Path):
    images = set()
    for page in html_pages(built_html):
        images.update(re.findall(r'<img [^>]*src="(?:\.\./)*_images/([^"]+)"', page.read_text(encoding="utf-8")))
    assert len(images) >= 15, f"only {len(images)} chapter figures found"
    raster = sorted(name for name in images if not name.endswith(".svg"))
    assert not raster, f"chapter figures written as raster images: {raster}"


def test_every_page_loads_the_reading_aids(built_html: Path):
    for page in html_pages(built_html):
        text = page.read_text(encoding="utf-8")
        assert re.search(r'<script src="(\.\./)*_static/lanicemine-reading\.js', text), page.name
        assert re.search(r'href="(\.\./)*_static/lanicemine\.css', text), page.name
