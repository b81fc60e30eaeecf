"""Build the printable edition: the whole book as one PDF, with and without solutions, offline.

Writes

- ``_build/pdf/lanicemine.pdf`` — the instructor edition: every chapter, exercise, solution and self-check
  answer;
- ``_build/pdf/lanicemine-student.pdf`` — the student edition: the same pages without solution blocks and
  without the self-check answers;
- ``_build/pdf/report.json`` — what was built (pages, figures, timings, layout checks).

Both come from the built HTML book (``_build/html``, run ``make html`` first), so the PDF shows exactly the
executed notebooks the web book shows. This tool assembles one print document from the article bodies of the
pages in ``_toc.yml`` order — a title page with the education-only note, a table of contents, the numbered
chapters, the glossary and the references — and prints it with the headless Chromium the browser tests
use (Playwright's ``page.pdf``, tagged, with bookmarks). Elements are chosen by structure and class, never by
prose:

- cross-page links (``glossary.html#term-…``, ``references.html#id4``, ``mechanism.html``) become links
  inside the document; links to pages that are not printed are unwrapped;
- folded code (``hide-input``), toggle labels, buttons and header links are dropped;
- every output image becomes a numbered figure with its alt text as the caption (SVG stays vector);
- a kernel-free demo (``lanicemine_lib.widgets.Explorer.static``: an ipywidgets ``Stack`` of frames linked to a
  ``SelectionSlider``) prints the frame the web page shows first, with a caption naming the interactive
  version;
- a self-check question (``lanicemine_lib.teaching.MultipleChoice``) prints its question and options; the
  instructor edition marks the correct option(s) and gives their feedback;
- sphinx-exercise solutions (``.solution``) are printed in the instructor edition only.

The built site is served on 127.0.0.1 for Chromium, and every request to any other host is blocked (and
reported: the build fails if the print document asks for anything remote). Run with ``make pdf``
(``make pdf PAPER=letter`` for US Letter).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import http.server
import json
import logging
import os
import re
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup, Tag
from student_edition import TEACHER_ONLY  # tools/, beside this file

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
HTML_DIR = ROOT / "_build" / "html"
OUT_DIR = ROOT / "_build" / "pdf"
CSS_FILE = HERE / "pdf_edition.css"

#: Paper sizes: option value -> (CSS page size, Playwright format, content width in mm for the layout check).
PAPERS = {"a4": ("A4", "A4", 210.0), "letter": ("letter", "Letter", 215.9)}
#: Left plus right page margin, mm (the CSS @page rule sets the same margins).
MARGIN_X_MM = 18.0 + 18.0

EDITIONS = {
    "instructor": {
        "file": "lanicemine.pdf",
        "label": "Instructor edition",
        "detail": "with the solutions of the exercises and the answers to the self-check questions",
    },
    "student": {
        "file": "lanicemine-student.pdf",
        "label": "Student edition",
        "detail": "exercises without solutions; self-check questions without answers",
    },
}

#: Chromium's command-line flags (the browser tests use the same list, tests/browser.py): headless on a
#: closed network, no background requests.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

#: MathJax configuration of the web book (Sphinx writes it into every page), plus no assistive MathML: in a
#: PDF it would print each formula a second time as invisible text.
MATHJAX_CONFIG = {
    "options": {
        "processHtmlClass": "tex2jax_process|mathjax_process|math|output_area",
        "enableAssistiveMml": False,
        "menuOptions": {"settings": {"assistiveMml": False}},
    },
}

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


# -- the pages -------------------------------------------------------------------------------------------
@dataclass
class PageSpec:
    """One page of ``_toc.yml``: its document name, the part it belongs to, and whether it is numbered."""

    docname: str
    part: str | None
    numbered: bool


@dataclass
class Figures:
    """Running figure numbers of one page: "Figure 2.3" in chapter 2; "Figure 0.1" on the root page (before
    chapter 1); plain "Figure 1" on the unnumbered pages after the chapters."""

    prefix: str
    count: int = 0
    items: list[str] = field(default_factory=list)

    def next(self) -> str:
        self.count += 1
        label = f"Figure {self.prefix}{self.count}"
        self.items.append(label)
        return label


def toc_pages(root: Path = ROOT) -> list[PageSpec]:
    """The book's pages in reading order, from ``_toc.yml`` (root page first)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [PageSpec(toc["root"], None, False)]

    def walk(entries: list | None, part: str | None, numbered: bool) -> None:
        for entry in entries or []:
            if "file" in entry:
                pages.append(PageSpec(entry["file"], part, numbered))
            walk(entry.get("sections"), part, numbered)

    for part in toc.get("parts", []):
        walk(part.get("chapters"), part.get("caption"), bool(part.get("numbered")))
    walk(toc.get("chapters"), None, bool(toc.get("numbered")))
    return pages


def slug_of(docname: str) -> str:
    """The anchor of a page in the print document (``book/mechanism`` -> ``mechanism``)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", docname.split("/")[-1] if "/" in docname else docname)


def book_config(root: Path = ROOT) -> dict:
    """The book's ``_config.yml``."""
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))


def edition_title(title: str, edition: str) -> str:
    return title if edition == "instructor" else f"{title} (student edition)"


# -- widgets ---------------------------------------------------------------------------------------------
def _model(state: dict, ref: str) -> dict | None:
    model = state.get(ref.removeprefix("IPY_MODEL_"))
    return model if isinstance(model, dict) else None


def _explorer_parts(state: dict, model: dict) -> tuple[dict | None, dict | None]:
    """The slider and the stack of a kernel-free explorer's VBox (or None)."""
    slider = stack = None
    for ref in model["state"].get("children", []):
        child = _model(state, ref)
        if child is None:
            continue
        if child["model_name"] in ("SelectionSliderModel", "SelectionRangeSliderModel"):
            slider = child
        elif child["model_name"] == "StackModel":
            stack = child
    return slider, stack


def widget_html(state: dict, model_id: str) -> tuple[str, dict | None]:
    """Static HTML for one widget view, and for an explorer the facts of its slider (else None).

    An explorer (a box with a selection slider and a stack of frames) gives the frame the web page shows
    first. Any other widget prints what it can without a kernel: HTML widgets their HTML, boxes their
    children; a control prints nothing.
    """
    model = _model(state, model_id)
    if model is None:
        return "", None
    name, st = model["model_name"], model["state"]
    if name in ("VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel"):
        slider, stack = _explorer_parts(state, model)
        if slider is not None and stack is not None:
            children = stack["state"].get("children", [])
            index = stack["state"].get("selected_index")
            index = index if isinstance(index, int) and 0 <= index < len(children) else 0
            frame, _ = widget_html(state, children[index]) if children else ("", None)
            labels = [str(x) for x in slider["state"].get("_options_labels", [])]
            chosen = slider["state"].get("index", index)
            facts = {
                "label": str(slider["state"].get("description", "")).strip(),
                "values": labels,
                "shown": labels[chosen] if isinstance(chosen, int) and 0 <= chosen < len(labels) else "",
            }
            return frame, facts
        parts = [widget_html(state, ref)[0] for ref in st.get("children", [])]
        return "".join(parts), None
    if name == "StackModel":
        children = st.get("children", [])
        index = st.get("selected_index") or 0
        return (widget_html(state, children[index])[0] if 0 <= index < len(children) else ""), None
    if name in ("HTMLModel", "HTMLMathModel"):
        return str(st.get("value", "")), None
    return "", None


# -- transforming one page -------------------------------------------------------------------------------
def _unwrap(tag: Tag) -> None:
    tag.unwrap()


def _text(tag: Tag | None) -> str:
    return " ".join(tag.get_text(" ", strip=True).split()) if tag is not None else ""


def _new(soup: BeautifulSoup, name: str, text: str | None = None, **attrs: str) -> Tag:
    tag = soup.new_tag(name, attrs={k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        tag.string = text
    return tag


def _drop_chrome(article: Tag) -> None:
    """Remove what only makes sense on screen: header links, buttons, folded code, toggle labels."""
    for sel in ("a.headerlink", "button", ".copybtn", "noscript", ".toggle-button", ".tooltip"):
        for tag in article.select(sel):
            tag.decompose()
    for details in article.find_all("details"):
        if details.select_one(".cell_input") is not None and not details.select(".cell_output"):
            details.decompose()  # folded source of a hide-input cell: the web book folds it, print leaves it out
            continue
        summary = details.find("summary")
        if summary is not None:
            summary.decompose()
        details.name = "div"
        details["class"] = [*details.get("class", []), "pdf-unfolded"]


def _convert_quizzes(soup: BeautifulSoup, article: Tag, answers: bool) -> int:
    """Self-check questions: question and options; with ``answers``, the correct options marked with feedback."""
    count = 0
    for fieldset in article.select("fieldset.lq-quiz"):
        count += 1
        box = _new(soup, "div", class_="pdf-quiz")
        legend = fieldset.find("legend")
        question = _new(soup, "p", class_="pdf-quiz-question")
        question.string = _text(legend)
        box.append(question)
        options = _new(soup, "ol", class_="pdf-quiz-options", type="a")
        for option in fieldset.select(".lq-option"):
            item = _new(soup, "li", class_="pdf-quiz-option")
            item.append(_new(soup, "span", _text(option.find("label")), class_="pdf-quiz-text"))
            radio = option.find("input")
            correct = radio is not None and radio.get("data-correct") == "true"
            if answers and correct:
                item["class"] = [*item["class"], "pdf-correct"]
                feedback = option.select_one(".lq-feedback")
                verdict = feedback.find("strong") if feedback is not None else None
                verdict_text = _text(verdict) or "Correct."
                if verdict is not None:
                    verdict.decompose()
                note = _new(soup, "span", class_="pdf-quiz-answer")
                note.append(_new(soup, "strong", f"✓ {verdict_text}"))
                note.append(" " + _text(feedback))
                item.append(note)
            options.append(item)
        box.append(options)
        output = fieldset.find_parent(class_="output") or fieldset.parent
        for style in output.find_all("style"):
            style.decompose()  # the quiz's own screen CSS (radio buttons, hidden feedback)
        fieldset.replace_with(box)
    return count


def _caption(soup: BeautifulSoup, text: str) -> Tag:
    caption = _new(soup, "figcaption")
    caption.append(text)
    return caption


def _convert_widgets(soup: BeautifulSoup, article: Tag, state: dict) -> int:
    """Replace every widget view by its static print form (an explorer: its first frame as a figure)."""
    count = 0
    for script in article.find_all("script", attrs={"type": WIDGET_VIEW}):
        try:
            model_id = json.loads(script.string or "{}")["model_id"]
        except (ValueError, KeyError):
            script.decompose()
            continue
        markup, facts = widget_html(state, model_id)
        fragment = BeautifulSoup(markup, "html.parser")
        if facts is None:
            script.replace_with(fragment)
            continue
        count += 1
        img = fragment.find("img")
        figure = _new(soup, "figure", class_="pdf-figure pdf-demo")
        if img is not None:
            img.attrs.pop("style", None)
            figure.append(img)
        alt = str(img.get("alt", "")).strip() if img is not None else ""
        values = facts["values"]
        span = f"from {values[0]} to {values[-1]}, {len(values)} settings" if len(values) > 1 else ""
        control = f"“{facts['label']}”" if facts["label"] else "the control"
        interactive = (
            f"Interactive in the web book and the notebooks: slide {control}"
            + (f" {span}" if span else "")
            + (f"; printed at {facts['shown']}." if facts["shown"] else ".")
        )
        caption = _caption(soup, alt.rstrip(".") + ". ")
        caption.append(_new(soup, "span", interactive, class_="pdf-interactive"))
        figure.append(caption)
        script.replace_with(figure)
    for script in article.find_all("script"):
        script.decompose()
    return count


def _in_solution(tag: Tag) -> bool:
    return tag.find_parent(class_="solution") is not None


def _number_figures(soup: BeautifulSoup, article: Tag, figures: Figures) -> None:
    """Every output image becomes a figure with its alt text as caption; figures are numbered in page order.

    Figures inside a solution are not numbered, so the student edition numbers its figures as the instructor
    edition does.
    """
    for img in article.find_all("img"):
        if img.find_parent("figure") is not None:
            continue
        for attr in ("style", "width", "height"):
            img.attrs.pop(attr, None)
        figure = _new(soup, "figure", class_="pdf-figure")
        img.replace_with(figure)
        figure.append(img)
        figure.append(_caption(soup, str(img.get("alt", "")).strip()))
    for figure in article.find_all("figure"):
        if "pdf-figure" not in figure.get("class", []):
            figure["class"] = [*figure.get("class", []), "pdf-figure"]
        if _in_solution(figure):
            continue
        caption = figure.find("figcaption")
        if caption is None:
            caption = _new(soup, "figcaption")
            figure.append(caption)
        caption.insert(0, _new(soup, "span", f"{figures.next()}. ", class_="pdf-figure-number"))


def _prefix_ids(article: Tag, slug: str) -> dict[str, str]:
    """Give every id a page prefix (ids repeat across pages); return old -> new."""
    mapping: dict[str, str] = {}
    for tag in article.find_all(id=True):
        old = tag["id"]
        new = f"{slug}--{old}"
        mapping.setdefault(old, new)
        tag["id"] = new
    for label in article.find_all("label", attrs={"for": True}):
        label["for"] = mapping.get(label["for"], label["for"])
    # pandas Styler tables carry their own <style> with id selectors
    for style in article.find_all("style"):
        css = style.string or ""
        style.string = re.sub(
            r"#([A-Za-z_][\w-]*)", lambda m: "#" + mapping[m.group(1)] if m.group(1) in mapping else m.group(0), css
        )
    return mapping


def _rewrite_urls(article: Tag, page_url: str, docnames: dict[str, str]) -> None:
    """Cross-page links -> in-document anchors; images -> site-absolute paths; other local links unwrapped."""
    for a in article.find_all("a", href=True):
        href = a["href"]
        if href.startswith("#"):
            continue  # same page; fixed once the ids are prefixed
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto"):
            continue
        target = urlsplit(urljoin(page_url, href))
        path = target.path.lstrip("/")
        doc = path[: -len(".html")] if path.endswith(".html") else None
        if doc in docnames:
            slug = docnames[doc]
            a["href"] = f"#{slug}--{target.fragment}" if target.fragment else f"#{slug}"
            a["data-pdf-page"] = slug
        else:
            _unwrap(a)
    for img in article.find_all("img", src=True):
        src = img["src"]
        if src.startswith("data:") or urlsplit(src).scheme:
            continue
        img["src"] = urlsplit(urljoin(page_url, src)).path


def _fix_same_page_links(article: Tag, mapping: dict[str, str], slug: str) -> None:
    for a in article.find_all("a", href=True):
        href = a["href"]
        if href.startswith("#") and "data-pdf-page" not in a.attrs:
            frag = href[1:]
            a["href"] = f"#{mapping.get(frag, f'{slug}--{frag}')}"
        a.attrs.pop("data-pdf-page", None)


@dataclass
class PrintedPage:
    spec: PageSpec
    slug: str
    title: str
    number: str | None
    sections: list[tuple[str, str, str | None]]  # (anchor id in the document, title, number)
    body: str
    figures: list[str]
    demos: int
    quizzes: int
    solutions: int


def print_page(spec: PageSpec, html_dir: Path, docnames: dict[str, str], edition: str) -> PrintedPage:
    """The print form of one built page (its article body, transformed for print)."""
    source = (html_dir / f"{spec.docname}.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(source, "html.parser")
    article = soup.select_one("article.bd-article") or soup.select_one("main") or soup.body
    if article is None:
        raise ValueError(f"{spec.docname}.html has no article body")
    state_tag = soup.find("script", attrs={"type": WIDGET_STATE})
    state = json.loads(state_tag.string)["state"] if state_tag is not None and state_tag.string else {}
    slug = docnames[spec.docname]

    solutions = len(article.select(".solution"))
    if edition == "student":
        for tag in article.select(".solution"):
            tag.decompose()

    _drop_chrome(article)
    figures = Figures(prefix="")
    h1 = article.find("h1")
    number_tag = h1.select_one(".section-number") if h1 is not None else None
    number = _text(number_tag).rstrip(".") or None if number_tag is not None else None
    figures.prefix = f"{number}." if number else ("" if spec.part else "0.")
    demos = _convert_widgets(soup, article, state)
    quizzes = _convert_quizzes(soup, article, answers=edition == "instructor")
    _number_figures(soup, article, figures)
    _rewrite_urls(article, f"http://book.invalid/{spec.docname}.html", docnames)
    mapping = _prefix_ids(article, slug)
    _fix_same_page_links(article, mapping, slug)

    # dropdown solutions are open in print; say which exercise they answer
    for sol in article.select(".solution"):
        sol["class"] = [c for c in sol.get("class", []) if c not in ("dropdown", "toggle")]
    title = _text(h1)
    if number_tag is not None:
        title = _text(h1).removeprefix(_text(number_tag)).strip()
    sections = []
    for h2 in article.find_all("h2"):
        parent = h2.find_parent("section")
        num = h2.select_one(".section-number")
        text = _text(h2).removeprefix(_text(num)).strip() if num is not None else _text(h2)
        if parent is not None and parent.get("id"):
            sections.append((parent["id"], text, _text(num).rstrip(".") if num is not None else None))
    inner = "".join(str(child) for child in article.children)
    return PrintedPage(
        spec=spec,
        slug=slug,
        title=title,
        number=number,
        sections=sections,
        body=inner,
        figures=figures.items,
        demos=demos,
        quizzes=quizzes,
        solutions=solutions if edition == "instructor" else 0,
    )


# -- the print document ----------------------------------------------------------------------------------
def _page_css(paper: str) -> str:
    size = PAPERS[paper][0]
    return f"@page {{ size: {size}; }}"


def stylesheets(html_dir: Path, docname: str) -> list[str]:
    """The web book's stylesheets (site-absolute), in the order a page loads them."""
    soup = BeautifulSoup((html_dir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = []
    for link in soup.find_all("link", rel="stylesheet"):
        href = urlsplit(urljoin(f"http://book.invalid/{docname}.html", link["href"])).path
        hrefs.append(href)
    return hrefs


def title_page(title: str, author: str, edition: str) -> str:
    info = EDITIONS[edition]
    return f"""
<section class="pdf-title-page" id="title-page">
  <h1 class="pdf-title">{html.escape(title)}</h1>
  <p class="pdf-author">{html.escape(author)}</p>
  <p class="pdf-edition"><strong>{info["label"]}</strong> — {info["detail"]}.</p>
  <p class="pdf-printed-from">The printed form of the interactive web book. Each interactive demo is printed at
  one setting; the web book and the notebooks let you move its slider.</p>
  <div class="pdf-education-note" role="note">
    <p><strong>For education only.</strong> This book and its code are not medical advice, not a guide to
    treatment and not a dosing tool. Concentrations and other model outputs are predictions from published
    typical values or illustrative simulations, and are labelled as such. Every number is cited; values that
    could not be verified are attributed to their source or labelled as assumptions.</p>
  </div>
</section>
"""


def _toc_page(target: str) -> str:
    """The page number of a contents line: a same-width placeholder until the first print tells the page."""
    return f'<span class="pdf-toc-page pdf-toc-placeholder" data-target="{html.escape(target)}">000</span>'


def contents(pages: list[PrintedPage]) -> str:
    rows = ['<nav class="pdf-toc" id="contents" aria-label="Contents">', "<h1>Contents</h1>", "<ol>"]
    part = object()
    for page in pages:
        if page.spec.part != part:
            part = page.spec.part
            if part:
                rows.append(f'<li class="pdf-toc-part">{html.escape(part)}</li>')
        number = f'<span class="pdf-toc-number">{html.escape(page.number)}</span> ' if page.number else ""
        rows.append(
            f'<li class="pdf-toc-chapter">{_toc_page(page.slug)}'
            f'<a href="#{page.slug}">{number}{html.escape(page.title)}</a>'
        )
        if page.sections and page.number:
            rows.append("<ol>")
            for anchor, text, num in page.sections:
                label = f'<span class="pdf-toc-number">{html.escape(num)}</span> ' if num else ""
                target = anchor  # already prefixed with the page's slug
                rows.append(
                    f'<li class="pdf-toc-section">{_toc_page(target)}'
                    f'<a href="#{target}">{label}{html.escape(text)}</a></li>'
                )
            rows.append("</ol>")
        rows.append("</li>")
    rows += ["</ol>", "</nav>"]
    return "\n".join(rows)


def document(pages: list[PrintedPage], edition: str, paper: str, css_links: list[str], title: str, author: str) -> str:
    links = "\n".join(f'<link rel="stylesheet" href="{html.escape(h)}">' for h in css_links)
    body = []
    for page in pages:
        kind = "pdf-chapter" if page.number else "pdf-unnumbered"
        body.append(
            f'<section class="pdf-page {kind}" id="{page.slug}" data-docname="{html.escape(page.spec.docname)}">'
            f"{page.body}</section>"
        )
    full_title = edition_title(title, edition)
    return f"""<!DOCTYPE html>
<html lang="en" data-theme="light" data-mode="light" class="pdf-edition pdf-{edition}">
<head>
<meta charset="utf-8">
<title>{html.escape(full_title)}</title>
{links}
<link rel="stylesheet" href="/__pdf__/pdf_edition.css">
<style>{_page_css(paper)}</style>
<script>window.MathJax = {json.dumps(MATHJAX_CONFIG)};</script>
<script defer src="/_static/mathjax/tex-chtml.js"></script>
</head>
<body>
<main class="pdf-book">
{title_page(title, author, edition)}
{contents(pages)}
{"".join(body)}
</main>
</body>
</html>
"""


def dangling_links(doc: str) -> str:
    """Unwrap in-document links whose target is not in the document (e.g. a solution in the student edition)."""
    soup = BeautifulSoup(doc, "html.parser")
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    for a in soup.find_all("a", href=True):
        if a["href"].startswith("#") and a["href"][1:] not in ids:
            a.unwrap()
    return str(soup)


def assemble(html_dir: Path, edition: str, paper: str, root: Path = ROOT) -> tuple[str, list[PrintedPage]]:
    """The print document of one edition (HTML text) and its pages."""
    specs = toc_pages(root)
    if edition == "student":  # as in the student edition of the web book: no teacher-only pages
        specs = [spec for spec in specs if spec.docname not in TEACHER_ONLY]
    docnames = {spec.docname: slug_of(spec.docname) for spec in specs}
    if len(set(docnames.values())) != len(docnames):
        raise ValueError(f"two pages share an anchor: {sorted(docnames.values())}")
    pages = [print_page(spec, html_dir, docnames, edition) for spec in specs]
    css = stylesheets(html_dir, specs[0].docname)
    config = book_config(root)
    doc = document(pages, edition, paper, css, str(config.get("title", "")), str(config.get("author", "")))
    return dangling_links(doc), pages


# -- serving and printing --------------------------------------------------------------------------------
class _Handler(http.server.SimpleHTTPRequestHandler):
    """The built site, plus the print documents and the print stylesheet from memory."""

    extra: ClassVar[dict[str, tuple[bytes, str]]] = {}

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path in self.extra:
            body, ctype = self.extra[path]
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@contextlib.contextmanager
def serve(directory: Path, extra: dict[str, tuple[bytes, str]]) -> Iterator[str]:
    """Serve ``directory`` (and ``extra`` paths) on 127.0.0.1, a free port; yield the base URL."""
    handler = type("Handler", (_Handler,), {"extra": extra})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="pdf-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def find_chromium() -> str | None:
    """The Chromium executable (``$CHROMIUM_PATH`` or ``/usr/bin/chromium``, as for the browser tests), or None."""
    candidate = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    return shutil.which(candidate) or (candidate if os.access(candidate, os.X_OK) else None)


def chromium_executable() -> str:
    resolved = find_chromium()
    if not resolved:
        raise SystemExit(
            f"pdf: Chromium not found at {os.environ.get('CHROMIUM_PATH') or '/usr/bin/chromium'!r}: install it "
            "(`sudo apt-get install chromium`) or set CHROMIUM_PATH"
        )
    return resolved


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


HEADINGS_JS = """
() => [...document.querySelectorAll('main.pdf-book :is(h1, h2, h3, h4, h5, h6)')].map(
  h => h.textContent.replace(/\\s+/g, ' ').trim())
"""

LAYOUT_CHECK_JS = """
() => {
  const main = document.querySelector('main.pdf-book');
  const limit = main.getBoundingClientRect().right + 1;
  const out = [];
  for (const el of main.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || el.closest('mjx-assistive-mml')) continue;
    if (r.right > limit) {
      if (el.parentElement && el.parentElement.getBoundingClientRect().right > limit) continue;
      out.push({tag: el.tagName.toLowerCase(), cls: String(el.className), overflow_px: Math.round(r.right - limit),
                text: (el.textContent || '').trim().slice(0, 80)});
    }
  }
  return out;
}
"""


def toc_targets(doc_pdf: Path) -> dict[str, int]:
    """Named destinations of a printed PDF (element id -> 1-based page); Chromium names each link target."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # Chromium's trailer /Size is one short: harmless
    reader = PdfReader(str(doc_pdf))
    pages = {page.indirect_reference.idnum: i + 1 for i, page in enumerate(reader.pages)}
    targets = {}
    for name, dest in reader.named_destinations.items():
        ref = dest.get("/Page")
        idnum = getattr(ref, "idnum", None)
        if idnum in pages:
            targets[str(name).lstrip("/")] = pages[idnum]
    return targets


TOC_TARGETS_JS = "() => [...document.querySelectorAll('.pdf-toc-page')].map(s => s.dataset.target)"

FILL_TOC_JS = """
(pages) => {
  let filled = 0;
  for (const span of document.querySelectorAll('.pdf-toc-page')) {
    const n = pages[span.dataset.target];
    span.textContent = n === undefined ? '' : String(n);
    span.classList.remove('pdf-toc-placeholder');
    if (n !== undefined) filled += 1;
  }
  return filled;
}
"""


def polish(pdf: Path, headings: dict[str, str], metadata: dict[str, str]) -> int:
    """Fix the bookmarks' titles and set the document information; return the number of bookmarks.

    Chromium builds each bookmark from the heading as laid out and drops the space at a line break
    ("an interactivetextbook"); every title is replaced by the heading's own text (matched with all spaces
    removed).
    """
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    writer = PdfWriter(clone_from=str(pdf))
    outlines = writer.root_object.get("/Outlines")
    count = 0

    def walk(item) -> None:
        nonlocal count
        while item is not None:
            node = item.get_object()
            count += 1
            title = str(node.get("/Title", ""))
            fixed = headings.get(re.sub(r"\s+", "", title))
            if fixed and fixed != title:
                node[NameObject("/Title")] = TextStringObject(fixed)
            walk(node.get("/First"))
            item = node.get("/Next")

    if outlines is not None:
        walk(outlines.get_object().get("/First"))
    writer.add_metadata(metadata)
    tmp = pdf.with_suffix(".tmp.pdf")
    with tmp.open("wb") as handle:
        writer.write(handle)
    tmp.replace(pdf)
    return count


def print_pdfs(
    docs: dict[str, str],
    html_dir: Path,
    out_dir: Path,
    paper: str,
    metadata: dict[str, dict[str, str]],
    timeout_s: float = 180.0,
) -> dict[str, dict]:
    """Print each document (edition -> HTML) to ``out_dir``; return per-edition facts.

    Each document is printed twice: the first print tells on which page every chapter and section starts
    (Chromium writes a named destination for every link target); the contents then get those page numbers
    (placeholders kept the layout the same) and the document is printed again, and checked.
    """
    from playwright.sync_api import sync_playwright

    css = CSS_FILE.read_bytes()
    extra = {"/__pdf__/pdf_edition.css": (css, "text/css; charset=utf-8")}
    for edition, doc in docs.items():
        extra[f"/__pdf__/{edition}.html"] = (doc.encode("utf-8"), "text/html; charset=utf-8")
    results: dict[str, dict] = {}
    content_mm = PAPERS[paper][2] - MARGIN_X_MM
    pdf_options = {
        "format": PAPERS[paper][1],
        "print_background": True,
        "prefer_css_page_size": True,
        "outline": True,
        "tagged": True,
    }
    with serve(html_dir, extra) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), headless=True, args=LAUNCH_ARGS)
        try:
            for edition in docs:
                blocked: list[str] = []
                context = browser.new_context(viewport={"width": round(content_mm / 25.4 * 96), "height": 1000})
                page = context.new_page()

                def route(r, blocked=blocked, base=base):
                    url = r.request.url
                    if url.startswith(base + "/"):
                        r.continue_()
                    else:
                        blocked.append(url)
                        r.abort()

                page.route("**/*", route)
                page.emulate_media(media="print")
                page.goto(f"{base}/__pdf__/{edition}.html", wait_until="load", timeout=timeout_s * 1000)
                page.wait_for_function(
                    "() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=timeout_s * 1000
                )
                page.evaluate("async () => { await MathJax.startup.promise; await document.fonts.ready; }")
                errors = page.evaluate("() => document.querySelectorAll('mjx-merror').length")
                overflow = page.evaluate(LAYOUT_CHECK_JS)
                headings = page.evaluate(HEADINGS_JS)
                target = out_dir / EDITIONS[edition]["file"]
                page.pdf(path=str(target), **pdf_options)
                first = toc_targets(target)
                page.evaluate(FILL_TOC_JS, first)
                page.pdf(path=str(target), **pdf_options)
                second = toc_targets(target)
                wanted = page.evaluate(TOC_TARGETS_JS)
                context.close()
                if blocked:
                    raise RuntimeError(f"the print document asked for non-local resources: {blocked[:5]}")
                moved = sorted(t for t in wanted if first.get(t) != second.get(t))
                missing = sorted(t for t in wanted if t not in second)
                bookmarks = polish(target, {re.sub(r"\s+", "", h): h for h in headings}, metadata[edition])
                results[edition] = {
                    "pdf": str(target),
                    "math_errors": errors,
                    "overflow": overflow,
                    "toc_moved": moved,
                    "toc_missing": missing,
                    "bookmarks": bookmarks,
                }
        finally:
            browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--paper", type=str.lower, choices=sorted(PAPERS), default=(os.environ.get("PAPER") or "a4").lower()
    )
    parser.add_argument("--html", type=Path, default=HTML_DIR, help="the built HTML book (default _build/html)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder (default _build/pdf)")
    parser.add_argument("--edition", choices=["both", *EDITIONS], default="both")
    parser.add_argument("--keep-html", action="store_true", help="also write the print documents (HTML) to --out")
    parser.add_argument(
        "--skip-without-chromium",
        action="store_true",
        help="without Chromium, say so loudly and exit 0 (make test on a laptop); still an error when CI is set",
    )
    args = parser.parse_args(argv)
    if not (args.html / "index.html").exists():
        print(f"pdf: {args.html} has no built book; run `make html` first", file=sys.stderr)
        return 2
    if args.skip_without_chromium and find_chromium() is None and not in_ci():
        for name in [*(e["file"] for e in EDITIONS.values()), "report.json"]:
            (args.out / name).unlink(missing_ok=True)  # no stale PDF for the tests to read
        print(
            "\n*** PDF EDITION SKIPPED — Chromium not found (install it with `sudo apt-get install chromium`, or set "
            "CHROMIUM_PATH); tests/test_pdf.py will skip. ***\n",
            file=sys.stderr,
        )
        return 0
    chromium_executable()  # fail early, before assembling
    t0 = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    editions = list(EDITIONS) if args.edition == "both" else [args.edition]
    config = book_config()
    docs, pages, metadata = {}, {}, {}
    for edition in editions:
        docs[edition], pages[edition] = assemble(args.html, edition, args.paper)
        metadata[edition] = {
            "/Title": edition_title(str(config.get("title", "")), edition),
            "/Author": str(config.get("author", "")),
            "/Subject": f"{EDITIONS[edition]['label']}, printed from the web book. For education only: not "
            "medical advice, not a dosing guide.",
        }
        if args.keep_html:
            (args.out / EDITIONS[edition]["file"].replace(".pdf", ".html")).write_text(docs[edition], encoding="utf-8")
    t1 = time.perf_counter()
    results = print_pdfs(docs, args.html, args.out, args.paper, metadata)
    t2 = time.perf_counter()
    report = {"paper": args.paper, "assemble_s": round(t1 - t0, 2), "print_s": round(t2 - t1, 2), "editions": {}}
    for edition in editions:
        info = results[edition]
        info["bytes"] = Path(info["pdf"]).stat().st_size
        info["pages"] = [
            {
                "docname": p.spec.docname,
                "title": p.title,
                "number": p.number,
                "figures": p.figures,
                "demos": p.demos,
                "quizzes": p.quizzes,
                "solutions": p.solutions,
            }
            for p in pages[edition]
        ]
        report["editions"][edition] = info
        print(
            f"pdf: {info['pdf']} ({info['bytes'] / 1e6:.1f} MB; "
            f"{sum(len(p.figures) for p in pages[edition])} figures, {info['bookmarks']} bookmarks; "
            f"math errors {info['math_errors']}; wider than the page {len(info['overflow'])})"
        )
    (args.out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    failed = False
    for edition in editions:
        info = results[edition]
        for item in info["overflow"][:10]:
            print(f"pdf: {edition}: wider than the page: {item}", file=sys.stderr)
        if info["math_errors"]:
            print(f"pdf: {edition}: {info['math_errors']} formulas MathJax could not typeset", file=sys.stderr)
        if info["toc_moved"] or info["toc_missing"]:
            print(
                f"pdf: {edition}: contents page numbers unstable {info['toc_moved'][:5]} or missing "
                f"{info['toc_missing'][:5]}",
                file=sys.stderr,
            )
        failed = failed or bool(info["overflow"] or info["math_errors"] or info["toc_moved"] or info["toc_missing"])
    if failed:
        print(f"pdf: layout problems; see {args.out / 'report.json'}", file=sys.stderr)
        return 1
    print(f"pdf: done in {t2 - t0:.1f} s (assemble {t1 - t0:.1f} s, print {t2 - t1:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
