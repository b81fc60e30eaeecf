"""The teacher's kit: licences, how to cite, the instructor guide's grading cycle and rubrics, and what the built
book shows of the coding exercises."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import BOOK, ROOT, html_pages

import lanicemine_lib

CITATION = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
GUIDE = (BOOK / "instructor_guide.md").read_text(encoding="utf-8")
FOOTER = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]["html_theme_options"][
    "extra_footer"
]


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", GUIDE, re.M | re.S)
    assert match, f"the instructor guide has no section '{title}'"
    return match.group(1)


def test_code_is_mit_and_content_is_cc_by():
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("MIT License") and "LICENSE-CONTENT.md" in code
    content = (ROOT / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in content and "https://creativecommons.org/licenses/by/4.0/legalcode" in content
    assert "vendor/" in content and "MIT" in content
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "MIT" in str(pyproject["project"]["license"])


def test_citation_names_this_version_and_a_release_date():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert CITATION["cff-version"] == "1.2.0"
    assert CITATION["version"] == lanicemine_lib.__version__ == pyproject["project"]["version"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(CITATION["date-released"]))
    assert set(CITATION["license"]) == {"CC-BY-4.0", "MIT"}
    assert CITATION["authors"] and CITATION["title"]


def test_footer_states_the_licences_version_and_date():
    assert "CC BY 4.0" in FOOTER and "MIT" in FOOTER
    assert CITATION["version"] in FOOTER and str(CITATION["date-released"]) in FOOTER
    assert "For education only" in FOOTER


def test_guide_licence_and_how_to_cite_agree_with_citation_cff():
    licence = section("Licence")
    assert "CC BY 4.0" in licence and "MIT" in licence
    cite = section("How to cite")
    assert f"version {CITATION['version']}" in cite and str(CITATION["date-released"]) in cite
    assert "CITATION.cff" in cite


def test_guide_explains_the_grading_cycle_and_the_choice_of_grader():
    text = section("Coding exercises and graded assignments")
    assert "otter-grader" in text and "Data 8" in text and "nbgrader" in text
    assert "make assignments" in text and "make grade ASSIGNMENT=" in text
    for step in ("Hand out", "Collect", "Grade", "Return feedback", "Record"):
        assert f"**{step}.**" in text, step
    assert "submission, question, score, max_score, feedback" in text
    assert "gradebook" in text.lower() and "pivot" in text


def test_guide_has_rubrics_for_each_written_assignment():
    text = section("Model answers and rubrics")
    plan = section("A suggested course plan")
    for task, heading in (("essay", "short essay"), ("annotate", "annotating"), ("design memo", "design memo")):
        assert task in plan, task
        assert heading in text, heading
    assert text.count("| criterion (weight) | 3 points look like |") == 3
    assert "Think about it" in text


@pytest.mark.built_book
def test_every_page_footer_shows_the_licence(built_html: Path):
    for page in html_pages(built_html):
        text = page.read_text(encoding="utf-8")
        assert "creativecommons.org/licenses/by/4.0/" in text and "MIT licence" in text, page.name


@pytest.mark.built_book
def test_chapters_show_stubs_with_their_checks_and_no_traceback(built_html: Path):
    for chapter in ("pharmacokinetics", "mechanism", "trial_protocols", "safety", "lessons"):
        text = (built_html / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        assert text.count('class="lq-check"') >= 4, chapter  # two unfinished stubs and two model answers
        assert "Not yet — " in text and "Passed — " in text
        assert "Traceback" not in text and "ansi-red-fg" not in text, chapter
