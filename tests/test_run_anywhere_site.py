"""The web book's routes to running the code: the served course bundle, and the launch buttons.

- The built site (``make html``) serves the course bundle and links it from the introduction's "run" row and
  from every chapter's opening line; without a repository URL it shows no launch buttons.
- With a test repository URL (and a test hub), a small separate build of the book (notebooks not executed:
  launch links do not depend on outputs) gives every notebook page Binder, JupyterHub and Colab links of the
  form those services expect.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import ROOT, chapter_notebooks, notebooks

sys.path.insert(0, str(ROOT / "tools"))
import course

HREF = re.compile(r'href="([^"]+)"')
TEST_REPOSITORY = "https://github.com/example-org/lanicemine-book"
TEST_HUB = "https://hub.example.edu"


def _links(page: Path) -> list[str]:
    return [html.unescape(h) for h in HREF.findall(page.read_text(encoding="utf-8"))]


def _bundle_link(page: Path) -> str:
    found = [h for h in _links(page) if h.endswith("lanicemine-course.zip")]
    assert found, f"{page.name} does not link the course bundle"
    return found[0]


@pytest.mark.built_book
def test_the_site_serves_the_bundle_and_the_intro_links_it(built_html: Path):
    intro = built_html / "book" / "intro.html"
    served = (intro.parent / _bundle_link(intro)).resolve()
    assert served.is_relative_to(built_html.resolve()) and served.exists(), served
    with zipfile.ZipFile(served) as archive:
        names = archive.namelist()
    assert {f"lanicemine-course/{p.name}" for p in notebooks()} <= set(names)
    assert any(n.endswith(".whl") for n in names)
    text = intro.read_text(encoding="utf-8")
    row = text[text.index("run and change the code") :][:1500]
    assert "lanicemine-course.zip" in row, "the intro's run row links the bundle"


@pytest.mark.built_book
@pytest.mark.parametrize("path", chapter_notebooks(), ids=lambda p: p.stem)
def test_every_chapter_page_links_the_bundle(built_html: Path, path: Path):
    page = built_html / "book" / f"{path.stem}.html"
    assert (page.parent / _bundle_link(page)).resolve().exists()


@pytest.mark.built_book
def test_no_launch_buttons_without_a_repository(built_html: Path):
    for path in notebooks():
        text = (built_html / "book" / f"{path.stem}.html").read_text(encoding="utf-8")
        assert "mybinder.org" not in text and "colab.research.google.com" not in text, path.name


@pytest.fixture(scope="module")
def launch_build(tmp_path_factory) -> Path:
    """The book built from a copy of its sources with the one setting (and a hub) filled in."""
    src = tmp_path_factory.mktemp("launch") / "src"
    shutil.copytree(ROOT / "book", src / "book", ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    shutil.copytree(ROOT / "vendor", src / "vendor")
    shutil.copytree(ROOT / "bench" / "results", src / "bench" / "results")  # the performance page includes it
    shutil.copy2(ROOT / "_toc.yml", src / "_toc.yml")
    course.build_bundle(src / "_build" / "course" / "lanicemine-course.zip")
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    options = config["sphinx"]["config"]["html_theme_options"]
    assert options["repository_url"] == "", "the book ships with launch buttons off"
    options["repository_url"] = TEST_REPOSITORY  # the one documented setting
    options["launch_buttons"]["jupyterhub_url"] = TEST_HUB  # optional: a hub of one's own
    config["execute"]["execute_notebooks"] = "off"
    (src / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    build = subprocess.run(
        [str(Path(sys.executable).with_name("jupyter-book")), "build", str(src), "--builder", "html", "-W", "-n"],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert build.returncode == 0, (build.stdout + build.stderr)[-4000:]
    return src / "_build" / "html"


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_with_a_repository_url_every_notebook_page_has_launch_links(launch_build: Path, path: Path):
    links = _links(launch_build / "book" / f"{path.stem}.html")
    notebook = f"book/{path.name}"
    binder = [h for h in links if h.startswith("https://mybinder.org/")]
    assert binder == [f"https://mybinder.org/v2/gh/example-org/lanicemine-book/main?urlpath=lab/tree/{notebook}"]
    colab = [h for h in links if h.startswith("https://colab.research.google.com/")]
    assert colab == [f"https://colab.research.google.com/github/example-org/lanicemine-book/blob/main/{notebook}"]
    (hub,) = [h for h in links if h.startswith(TEST_HUB)]
    parts = urlsplit(hub)
    assert parts.path == "/hub/user-redirect/git-pull", hub  # nbgitpuller
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {"repo": TEST_REPOSITORY, "urlpath": f"lab/tree/lanicemine-book/{notebook}", "branch": "main"}


def test_binder_installs_the_student_set_and_the_library():
    binder = (ROOT / "binder" / "requirements.txt").read_text().split()
    assert "-r" in binder and "../requirements-student.txt" in binder and "." in binder
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    student = course.read_pins(ROOT / "requirements-student.txt")
    assert student == {
        name: version for name, version in course.read_pins(ROOT / "requirements.txt").items() if name in student
    }
