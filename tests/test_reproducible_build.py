"""Two clean builds of the book write byte-identical pages (book/_ext/lanicemine_book.py, "Reproducible build").

The book is built a second time, from scratch, into a temporary folder (``jupyter-book build --path-output``) and
compared with ``_build/html`` from ``make html``: every HTML page and every figure file of the fresh build must be
byte-identical. A diff of two built books then shows only real changes. This is the one slow
test (a full build, every notebook executed: about 40 s on an idle 2-core machine, 1.5 to 2 min under load).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.built_book

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


@pytest.fixture(scope="module")
def second_build(tmp_path_factory, built_html: Path) -> Path:
    out = tmp_path_factory.mktemp("second-build")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "MATPLOTLIBRC")}
    run = subprocess.run(
        [str(JUPYTER_BOOK), "build", ".", "--builder", "html", "-W", "-n", "--keep-going", "--path-output", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert run.returncode == 0, f"the second build failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    return out / "_build" / "html"


def _files(root: Path, pattern: str) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob(pattern)) if p.is_file()}


def test_every_page_is_byte_identical(built_html: Path, second_build: Path):
    first, second = _files(built_html, "*.html"), _files(second_build, "*.html")
    assert sorted(first) == sorted(second), "the two builds wrote different sets of pages"
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"pages that differ between two builds: {differ}"
    # Not compared: searchindex.js. Two clean builds write the same index, but an incremental `make html`
    # (which _build/html may come from) drops the glossary's index entries of pages it did not re-read.


def test_every_figure_file_is_byte_identical(built_html: Path, second_build: Path):
    """Figure files are named by a hash of their content: a changed byte would also change the page."""
    fresh = _files(second_build / "_images", "*")
    assert fresh, "the build wrote no figure files"
    missing = [name for name in fresh if not (built_html / "_images" / name).is_file()]
    assert not missing, f"figures of a fresh build not in _build/html (not reproducible): {missing[:5]}"
    assert all((built_html / "_images" / name).read_bytes() == data for name, data in fresh.items())


def test_ids_are_rewritten_deterministically():
    """The rewrite itself: same page, same ids; widget ids stay consistent between state and views."""
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    from lanicemine_book import stable_ids

    page = (
        '<script type="application/vnd.jupyter.widget-state+json">{"state": {"0123456789abcdef0123456789abcdef": '
        '{"state": {"layout": "IPY_MODEL_fedcba9876543210fedcba9876543210"}}, "fedcba9876543210fedcba9876543210": '
        '{"state": {}}}}</script><style>#T_1a2b3_row0 {}</style><table id="T_1a2b3"></table>'
        '<script type="application/vnd.jupyter.widget-view+json">{"model_id": "0123456789abcdef0123456789abcdef"}'
        "</script>"
    )
    once = stable_ids(page, "book/x.html")
    assert stable_ids(once, "book/x.html") == once  # idempotent
    assert "0123456789abcdef" not in once and "T_1a2b3" not in once and 'id="T_s000"' in once
    new_ids = set(re.findall(r"[0-9a-f]{32}", once))
    assert len(new_ids) == 2 and all(once.count(i) == 2 for i in new_ids)  # each id: state key and its reference
    assert stable_ids(page, "book/y.html") != once  # ids differ between pages
