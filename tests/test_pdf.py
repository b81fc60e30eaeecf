"""The printed edition (`make pdf`; `make test` builds it before the tests): the whole book as PDF.

The PDF checks read ``_build/pdf/lanicemine.pdf`` (instructor edition) and ``_build/pdf/lanicemine-student.pdf``
with poppler (pdftotext, pdffonts, pdfimages, pdftoppm) and pypdf, and compare them with the built HTML and the
notebooks — never with the print tool's own output alone. Without Chromium or poppler they skip with a loud
reason on a laptop and fail when ``CI`` is set. The first tests need neither: they check the tool's
transformations on small inputs.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import (
    BUILD_HTML,
    ROOT,
    blank_below_text,
    cell_source,
    html_pages,
    in_ci,
    load_notebook,
    notebooks,
    toc_files,
)

sys.path.insert(0, str(ROOT / "tools"))
import pdf_edition

from lanicemine_lib.teaching import MultipleChoice, Option

PDF_DIR = ROOT / "_build" / "pdf"
INSTRUCTOR = PDF_DIR / "lanicemine.pdf"
STUDENT = PDF_DIR / "lanicemine-student.pdf"
PREVIEW = PDF_DIR / "preview"

# Page counts: the A4 instructor edition has about 147 pages, the student edition about 133 (December 2026, with
# the evidence appendix, the coding exercises and the phone-friendly stacked figures).
# The ranges allow a chapter's worth of growth or shrinkage; outside them something is missing or duplicated.
# US Letter is a little shorter and wider, so it paginates within the same ranges.
PAGE_RANGE = {"instructor": (120, 180), "student": (105, 165)}
# Size budget of one PDF (the benchmark's target): 15 MB.
MAX_PDF_BYTES = 15 * 1024 * 1024
# Page sizes in PostScript points, and the print stylesheet's left/right margin (18 mm).
PAGE_PT = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}
MARGIN_PT = 18 / 25.4 * 72
TOLERANCE_PT = 2.0


# -- the tool's transformations (no browser needed) ---------------------------------------------------------
def test_toc_pages_follow_the_table_of_contents():
    specs = pdf_edition.toc_pages()
    assert [s.docname for s in specs] == toc_files()
    assert specs[0].part is None and not specs[0].numbered
    assert any(s.numbered for s in specs) and any(s.part and not s.numbered for s in specs)


def _page(tmp_path: Path, body: str, state: dict | None = None) -> Path:
    html_dir = tmp_path / "html"
    (html_dir / "book").mkdir(parents=True, exist_ok=True)
    state_script = (
        f'<script type="application/vnd.jupyter.widget-state+json">{json.dumps({"state": state})}</script>'
        if state
        else ""
    )
    (html_dir / "book" / "ch.html").write_text(
        f'<html><head>{state_script}</head><body><article class="bd-article">{body}</article></body></html>'
    )
    return html_dir


def _print(tmp_path: Path, body: str, edition: str = "instructor", state: dict | None = None) -> BeautifulSoup:
    html_dir = _page(tmp_path, body, state)
    spec = pdf_edition.PageSpec("book/ch", "Chapters", True)
    page = pdf_edition.print_page(spec, html_dir, {"book/ch": "ch", "book/glossary": "glossary"}, edition)
    return BeautifulSoup(page.body, "html.parser"), page


CHAPTER = (
    '<section id="top"><h1><span class="section-number">3. </span>A chapter<a class="headerlink" href="#top">#</a>'
    '</h1><p>See <a class="reference internal" href="glossary.html#term-AUC">AUC</a>, <a href="#sec">below</a>, '
    '<a href="../genindex.html">the index</a> and <a href="https://doi.org/10.1/x">a paper</a>.</p>'
    '<div class="cell tag_hide-input"><details class="hide above-input"><summary>Show code cell source</summary>'
    '<div class="cell_input"><pre>helper()</pre></div></details><div class="cell_output">'
    '<img alt="A curve rising." src="../_images/a.png"/></div></div>'
    '<section id="sec"><h2><span class="section-number">3.1. </span>Exercises</h2>'
    '<div class="exercise admonition" id="ex-1"><p>Do it.</p></div>'
    '<div class="solution dropdown admonition" id="sol-1"><p class="admonition-title">Solution</p>'
    "<p>The secret answer.</p></div>"
    "<button>Copy</button></section></section>"
)


def test_page_is_transformed_for_print(tmp_path):
    soup, page = _print(tmp_path, CHAPTER)
    assert page.number == "3" and page.title == "A chapter"
    assert page.sections == [("ch--sec", "Exercises", "3.1")]
    links = {a.get_text(): a["href"] for a in soup.find_all("a")}
    assert links == {"AUC": "#glossary--term-AUC", "below": "#ch--sec", "a paper": "https://doi.org/10.1/x"}
    assert "the index" in soup.get_text()  # a link to a page that is not printed keeps its text
    assert soup.find("details") is None and "helper()" not in soup.get_text()  # folded code is left out
    assert "Show code cell source" not in soup.get_text() and soup.find("button") is None
    assert soup.select_one(".headerlink") is None
    figure = soup.find("figure")
    assert figure.find("img")["src"] == "/_images/a.png"
    assert figure.figcaption.get_text() == "Figure 3.1. A curve rising."
    assert "The secret answer." in soup.get_text()
    assert "dropdown" not in soup.select_one(".solution")["class"]


def test_student_page_has_no_solution(tmp_path):
    soup, _page_info = _print(tmp_path, CHAPTER, edition="student")
    assert soup.select(".solution") == [] and "secret answer" not in soup.get_text()
    assert soup.select(".exercise")


def test_self_check_prints_question_options_and_answers_only_for_instructors(tmp_path):
    question = MultipleChoice(
        "Which is right?",
        (Option("First", False, "No, because."), Option("Second", True, "Yes, since."), Option("Third", False, "No.")),
    )
    body = f'<section id="top"><h1>Q</h1><div class="output text_html">{question._repr_html_()}</div></section>'
    for edition, answers in (("instructor", True), ("student", False)):
        soup, page = _print(tmp_path / edition, body, edition=edition)
        assert page.quizzes == 1
        quiz = soup.select_one(".pdf-quiz")
        assert quiz.select_one(".pdf-quiz-question").get_text() == "Check yourself: Which is right?"
        assert [o.select_one(".pdf-quiz-text").get_text() for o in quiz.select("li")] == ["First", "Second", "Third"]
        assert soup.find("input") is None and soup.find("style") is None
        text = soup.get_text()
        if answers:
            assert [li.select_one(".pdf-quiz-text").get_text() for li in quiz.select("li.pdf-correct")] == ["Second"]
            assert "✓ Correct. Yes, since." in text and "No, because." not in text
        else:
            assert "Correct" not in text and "Yes, since." not in text and not quiz.select(".pdf-correct")


def _explorer_state(selected: int) -> dict:
    frames = {
        f"h{i}": {"model_name": "HTMLModel", "state": {"value": f'<img alt="Dose {v} mg: a curve" src="data:x">'}}
        for i, v in enumerate((50, 100, 150))
    }
    return {
        **frames,
        "slider": {
            "model_name": "SelectionSliderModel",
            "state": {"description": "Dose", "_options_labels": ["50 mg", "100 mg", "150 mg"], "index": selected},
        },
        "stack": {
            "model_name": "StackModel",
            "state": {"children": [f"IPY_MODEL_h{i}" for i in range(3)], "selected_index": selected},
        },
        "box": {
            "model_name": "VBoxModel",
            "state": {"_dom_classes": ["lanicemine-explorer"], "children": ["IPY_MODEL_slider", "IPY_MODEL_stack"]},
        },
    }


def test_kernel_free_demo_prints_its_first_frame_with_a_caption(tmp_path):
    body = (
        '<section id="top"><h1><span class="section-number">2. </span>D</h1><div class="cell_output">'
        '<script type="application/vnd.jupyter.widget-view+json">{"model_id": "box"}</script></div></section>'
    )
    soup, page = _print(tmp_path, body, state=_explorer_state(1))
    assert page.demos == 1 and page.figures == ["Figure 2.1"]
    figure = soup.select_one("figure.pdf-demo")
    assert figure.img["alt"] == "Dose 100 mg: a curve"
    caption = figure.figcaption.get_text()
    assert caption.startswith("Figure 2.1. Dose 100 mg: a curve.")
    assert "Interactive in the web book and the notebooks: slide “Dose” from 50 mg to 150 mg" in caption
    assert caption.endswith("printed at 100 mg.")
    assert soup.find("script") is None


# -- the printed PDFs -------------------------------------------------------------------------------------
def _missing(reason: str):
    message = f"PDF TESTS SKIPPED — {reason}"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def report() -> dict:
    for tool in ("pdftotext", "pdffonts", "pdfimages", "pdftoppm"):
        if shutil.which(tool) is None:
            _missing(f"{tool} not found (install poppler-utils: `sudo apt-get install poppler-utils`)")
    path = PDF_DIR / "report.json"
    if not (INSTRUCTOR.exists() and STUDENT.exists() and path.exists()):
        _missing("_build/pdf has no PDF: `make pdf` (needs Chromium; `make test` builds it when Chromium is there)")
    newest_page = max(p.stat().st_mtime for p in html_pages(BUILD_HTML))
    for pdf in (INSTRUCTOR, STUDENT):
        assert pdf.stat().st_mtime >= newest_page, f"{pdf.name} is older than the built HTML: run `make pdf`"
    return json.loads(path.read_text(encoding="utf-8"))


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@cache
def pdf_text(pdf: Path) -> str:
    return _run("pdftotext", "-enc", "UTF-8", str(pdf), "-")


def pdf_pages_text(pdf: Path) -> list[str]:
    pages = pdf_text(pdf).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def flat(text: str) -> str:
    """Text with whitespace collapsed (the PDF wraps lines where the HTML does not)."""
    return " ".join(text.split())


def letters(text: str) -> str:
    """Only letters and digits, lower case: compares text across line breaks, hyphenation and typography."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


@cache
def built_article(docname: str) -> BeautifulSoup:
    soup = BeautifulSoup((BUILD_HTML / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    for link in article.select("a.headerlink"):  # the "#" permalinks after headings and glossary terms
        link.decompose()
    return article


def _chapter_titles(pdf: Path | None = None) -> list[str]:
    """Titles of the pages printed in ``pdf`` (the student edition leaves out the teacher-only pages)."""
    titles = []
    for docname in toc_files():
        if pdf == STUDENT and docname in pdf_edition.TEACHER_ONLY:
            continue
        h1 = built_article(docname).find("h1")
        titles.append(flat(h1.get_text(" ")))
    return titles


def check_pages_fit(pdf: Path, paper: str, edition: str) -> None:
    """Page size of ``paper``, page count in the edition's range, and no word outside the side margins."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    width, height = PAGE_PT[paper]
    for page in reader.pages[:3]:
        assert abs(float(page.mediabox.width) - width) < 2 and abs(float(page.mediabox.height) - height) < 2
    low, high = PAGE_RANGE[edition]
    assert low <= len(reader.pages) <= high, f"{len(reader.pages)} pages"
    bbox = BeautifulSoup(_run("pdftotext", "-bbox", str(pdf), "-"), "html.parser")
    outside = []
    for number, page in enumerate(bbox.find_all("page"), start=1):
        right = float(page["width"]) - MARGIN_PT + TOLERANCE_PT
        for word in page.find_all("word"):
            if float(word["xmin"]) < MARGIN_PT - TOLERANCE_PT or float(word["xmax"]) > right:
                outside.append((number, word.get_text(), word["xmin"], word["xmax"]))
    assert not outside, f"words outside the margins: {outside[:10]}"


def check_few_gaps(pdf: Path) -> None:
    """At most one page in eight inside a chapter ends more than 40 % blank, and none more than 85 %."""
    from pypdf import PdfReader

    blank = blank_below_text(pdf)
    reader = PdfReader(str(pdf))
    starts = {reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)}
    inside = [i for i in range(1, len(blank)) if i + 1 not in starts and i != len(blank) - 1]
    gaps = {i + 1: round(blank[i], 2) for i in inside if blank[i] > 0.4}
    assert len(inside) > 100
    assert len(gaps) <= len(inside) / 8, f"{len(gaps)} of {len(inside)} pages end more than 40 % blank: {gaps}"
    worst = max(blank[i] for i in inside)
    assert worst <= 0.85, f"a page inside a chapter is {worst:.0%} blank (pages: {gaps})"


def test_us_letter_edition_fits_its_paper(report, tmp_path):
    """`make pdf PAPER=letter`: the student edition on US Letter fits the page, keeps its margins and has few
    gaps, like A4 (the instructor edition differs only by its extra pages)."""
    other = "letter" if report["paper"] == "a4" else "a4"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "pdf_edition.py"),
            "--paper",
            other,
            "--edition",
            "student",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    pdf = tmp_path / STUDENT.name
    check_pages_fit(pdf, other, "student")
    check_few_gaps(pdf)
    edition = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["editions"]["student"]
    assert edition["overflow"] == [], "elements wider than the text column"


EDITIONS = pytest.mark.parametrize("pdf", [INSTRUCTOR, STUDENT], ids=["instructor", "student"])


@pytest.mark.built_book
@pytest.mark.browser
class TestPrintedBook:
    @EDITIONS
    def test_every_chapter_glossary_and_reference_is_in_the_text(self, report, pdf):
        text = flat(pdf_text(pdf))
        for title in _chapter_titles(pdf):
            bare = re.sub(r"^\d+(\.\d+)*\.?\s+", "", title)
            assert bare in text, f"chapter title missing: {bare!r}"
        glossary = built_article("book/glossary")
        terms = [flat(dt.get_text(" ")) for dt in glossary.select("dl.glossary dt")]
        assert len(terms) >= 10
        for term in terms:
            assert term in text, f"glossary term missing: {term!r}"
        labels = [flat(c.select_one(".label").get_text()) for c in built_article("book/references").select(".citation")]
        assert len(labels) >= 10
        for label in labels:
            assert label.strip("[]") in text, f"reference missing: {label!r}"

    @EDITIONS
    def test_key_numbers_are_printed(self, report, pdf):
        text = flat(pdf_text(pdf))
        assert re.search(r"11\.4[\s-]?h\b", text), "the terminal half-life, 11.4 h"
        assert re.search(r"\b54\s?%", text), "the published trapping, 54 %"

    @EDITIONS
    def test_no_raw_markup_or_screen_only_labels(self, report, pdf):
        text = pdf_text(pdf)
        for raw in ("$$", "\\frac", "\\(", "\\[", "\\begin{", "{cite", "{term}", "{doc}", ":::", "```"):
            assert raw not in text, f"raw markup {raw!r} in {pdf.name}"
        for label in ("Show code cell source", "Hide code cell", "Click to show", "Skip to main content"):
            assert label not in text, f"screen-only label {label!r} in {pdf.name}"

    @EDITIONS
    def test_every_page_carries_the_education_only_note(self, report, pdf):
        pages = pdf_pages_text(pdf)
        missing = [i + 1 for i, page in enumerate(pages) if "For education only" not in page]
        assert not missing, f"pages without the note: {missing[:10]}"
        assert "not medical advice" in flat(pages[0]) and "not a dosing tool" in flat(pages[0])

    @EDITIONS
    def test_fonts_are_embedded(self, report, pdf):
        rows = _run("pdffonts", str(pdf)).splitlines()[2:]
        assert rows, "no fonts at all"
        not_embedded = [row for row in rows if row.split()[-5] != "yes"]
        assert not not_embedded, not_embedded

    @EDITIONS
    def test_bookmarks_follow_the_chapters(self, report, pdf):
        from pypdf import PdfReader

        outline = PdfReader(str(pdf)).outline
        top = [item.title for item in outline if not isinstance(item, list)]
        nested = [item for item in outline if isinstance(item, list)]
        for title in _chapter_titles(pdf):
            assert title in top, f"no bookmark {title!r} (bookmarks: {top})"
        assert "Contents" in top
        assert len(nested) >= 5 and sum(len(n) for n in nested) >= 40, "sections are nested under chapters"

    @EDITIONS
    def test_internal_links_resolve(self, report, pdf):
        from pypdf import PdfReader

        reader = PdfReader(str(pdf))
        dests = {str(name) for name in reader.named_destinations}
        links = [
            str(annot.get_object()["/Dest"])
            for page in reader.pages
            for annot in page.get("/Annots") or []
            if annot.get_object().get("/Subtype") == "/Link" and "/Dest" in annot.get_object()
        ]
        assert len(links) >= 200, f"only {len(links)} internal links"
        assert set(links) <= dests, sorted(set(links) - dests)[:5]
        for docname in toc_files():
            if pdf == STUDENT and docname in pdf_edition.TEACHER_ONLY:
                assert "/" + pdf_edition.slug_of(docname) not in dests, f"teacher-only {docname} in the student PDF"
                continue
            assert "/" + pdf_edition.slug_of(docname) in dests, f"nothing links to {docname}"
        assert any(d.startswith("/glossary--term-") for d in links), "glossary terms are linked"
        assert any(d.startswith("/references--") for d in links), "citations link to the references"

    @EDITIONS
    def test_pages_fit_the_paper(self, report, pdf):
        """Page size as asked, page count in range, and no word outside the side margins."""
        edition = "instructor" if pdf == INSTRUCTOR else "student"
        check_pages_fit(pdf, report["paper"], edition)
        assert pdf.stat().st_size <= MAX_PDF_BYTES
        assert report["editions"][edition]["overflow"] == [], "elements wider than the text column"

    @EDITIONS
    def test_few_pages_end_half_empty(self, report, pdf):
        """A figure, demo frame or short table that does not fit under the text before it moves to the next
        page and leaves a gap; long tables break between rows. Gaps stay rare, and no page inside a chapter is
        left almost empty. (Each page ending a chapter or appendix page is exempt: the next starts a new sheet.)"""
        check_few_gaps(pdf)

    @EDITIONS
    def test_demos_and_figures_are_numbered_and_captioned(self, report, pdf):
        text = flat(pdf_text(pdf))
        demos = sum(
            len(built_article(d).find_all("script", attrs={"type": "application/vnd.jupyter.widget-view+json"}))
            for d in toc_files()
        )
        assert demos >= 5
        assert text.count("Interactive in the web book and the notebooks: slide") == demos
        for chapter in range(1, 6):
            numbers = [int(n) for n in re.findall(rf"Figure {chapter}\.(\d+)\.", text)]
            assert numbers, f"chapter {chapter} has no numbered figure"
            assert numbers == list(range(1, len(numbers) + 1)), f"chapter {chapter}, in page order: {numbers}"

    @EDITIONS
    def test_vector_figures_stay_vector(self, report, pdf):
        """Only the PNG images of the web book are raster in the PDF; SVG frames are drawn as vectors."""
        png = sum(
            1
            for d in toc_files()
            for img in built_article(d).find_all("img")
            if not img.find_parent(class_="solution")
            and (img["src"].endswith(".png") or img["src"].startswith("data:image/png"))
        )
        svg_demos = sum(
            len(built_article(d).find_all("script", attrs={"type": "application/vnd.jupyter.widget-view+json"}))
            for d in toc_files()
        )
        raster = len(_run("pdfimages", "-list", str(pdf)).splitlines()[2:])
        assert svg_demos > 0 and raster <= png, f"{raster} raster images for {png} PNG figures"

    @EDITIONS
    def test_self_check_questions_are_printed(self, report, pdf):
        text = flat(pdf_text(pdf))
        quizzes = sum(len(built_article(d).select("fieldset.lq-quiz")) for d in toc_files())
        assert quizzes >= 10
        assert text.count("Check yourself:") == quizzes

    def test_instructor_edition_has_the_answers(self, report):
        text = flat(pdf_text(INSTRUCTOR))
        correct = sum(len(built_article(d).select('fieldset.lq-quiz input[data-correct="true"]')) for d in toc_files())
        assert text.count("✓ Correct.") == correct
        snippets = solution_snippets()
        found = [s for s in snippets if s in letters(pdf_text(INSTRUCTOR))]
        assert len(found) >= 0.8 * len(snippets), f"only {len(found)} of {len(snippets)} solution snippets found"

    def test_student_edition_leaves_out_the_teacher_only_pages(self, report):
        from pypdf import PdfReader

        teacher = [t for t in _chapter_titles(INSTRUCTOR) if t not in _chapter_titles(STUDENT)]
        assert len(teacher) == len(pdf_edition.TEACHER_ONLY), teacher  # instructor guide, performance
        top = {item.title for item in PdfReader(str(STUDENT)).outline if not isinstance(item, list)}
        assert not set(teacher) & top, f"teacher-only pages in the student PDF: {set(teacher) & top}"
        assert set(teacher) <= {item.title for item in PdfReader(str(INSTRUCTOR)).outline if not isinstance(item, list)}
        assert "Model answers and rubrics" not in flat(pdf_text(STUDENT))
        assert "Model answers and rubrics" in flat(pdf_text(INSTRUCTOR))

    def test_student_edition_has_every_exercise_and_no_solution(self, report):
        student, instructor = pdf_text(STUDENT), pdf_text(INSTRUCTOR)
        exercises = re.findall(r"Exercise \d+\.\d+", instructor)
        assert exercises and re.findall(r"Exercise \d+\.\d+", student) == exercises
        assert "Correct." not in student and "✓" not in student
        assert not re.search(r"^Solution$", student, re.M)
        snippets = solution_snippets()
        assert len(snippets) >= 20
        leaked = [s for s in snippets if s in letters(student)]
        assert not leaked, f"solution text in the student PDF: {leaked[:3]}"

    def test_preview_pages_render(self, report):
        """Two pages rendered to PNG for a reviewer: a chapter opening with a figure, and a self-check page."""
        pages = pdf_pages_text(INSTRUCTOR)
        wanted = [
            next(i for i, p in enumerate(pages) if "Figure 1.1." in p),
            next(i for i, p in enumerate(pages) if "Check yourself:" in p),
        ]
        PREVIEW.mkdir(parents=True, exist_ok=True)
        for old in PREVIEW.glob("*.png"):
            old.unlink()
        for index in wanted:
            stem = PREVIEW / f"instructor-page-{index + 1}"
            _run(
                "pdftoppm",
                "-r",
                "80",
                "-png",
                "-singlefile",
                "-f",
                str(index + 1),
                "-l",
                str(index + 1),
                str(INSTRUCTOR),
                str(stem),
            )
            image = stem.with_suffix(".png")
            assert image.stat().st_size > 20_000, f"{image.name} looks blank"
        sys.__stderr__.write(f"\n[pdf] preview pages: {sorted(p.name for p in PREVIEW.glob('*.png'))} in {PREVIEW}\n")


@cache
def solution_snippets() -> list[str]:
    """Lines that only solutions have (text and code), from the notebooks, as :func:`letters` keys.

    Lines with MyST or LaTeX markup are left out (they print differently); the rest print as written.
    """
    inside_solution: set[str] = set()
    elsewhere: list[str] = []
    for path in notebooks():
        nb = load_notebook(path)
        gated = False
        for cell in nb["cells"]:
            text = cell_source(cell)
            if "{solution-start}" in text:
                gated = True
                continue
            if "{solution-end}" in text:
                gated = False
                continue
            lines = text.split("\n")
            if gated:
                inside_solution.update(lines)
                continue
            fence = None
            for line in lines:
                match = re.match(r"^(:{3,}|`{3,})\{solution\}", line.strip())
                if fence is None and match:
                    fence = match.group(1)
                    continue
                if fence is not None and line.strip() == fence:
                    fence = None
                    continue
                (inside_solution.add if fence is not None else elsewhere.append)(line)
    other = letters("\n".join(elsewhere))
    snippets = []
    for line in sorted(inside_solution):
        if re.search(r"[$`{}\\|*\[\]]|^\s*[:#]|^\s*(import|from) ", line):
            continue
        key = letters(line)
        if len(key) >= 30 and key not in other:
            snippets.append(key)
    return snippets
