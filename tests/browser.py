"""Shared helpers of the browser tests (tests/test_browser_*.py). Not collected as a test module.

The browser tests drive Debian's Chromium through Playwright for Python. Playwright's own browser downloads
are never used: the browser is ``$CHROMIUM_PATH`` or ``/usr/bin/chromium``. Without it the tests skip with a
loud reason on a laptop and fail when ``CI`` is set.

Allow-lists live here, each entry with its written reason. They start empty: add an entry only for a problem
that the book cannot fix itself (e.g. in a third-party theme), and report it.

Overrides (for checking another build, e.g. the student edition):
- ``BROWSER_BOOK_HTML``: the built HTML folder served to the browser (default ``_build/html``);
- ``BROWSER_NOTEBOOKS``: the folder whose notebooks JupyterLab runs (default ``book/``).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import json
import os
import re
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BOOK, BUILD_HTML, ROOT, in_ci

sys.path.insert(0, str(ROOT / "tools"))
import pdf_edition  # tools/ is not a package: its folder goes on sys.path above

BUILD = ROOT / "_build"
REPORT = BUILD / "browser-report.json"

# Chromium's flags: one list for the browser tests and the PDF edition (tools/pdf_edition.py).
LAUNCH_ARGS = pdf_edition.LAUNCH_ARGS

# Console messages of type "error" that are tolerated: (regular expression, reason). Keep it empty unless a
# third-party component logs an error the book cannot avoid; every entry needs a reason.
ALLOWED_CONSOLE_ERRORS: list[tuple[str, str]] = []

# axe-core violations of impact "serious"/"critical" that are tolerated: rule id -> (reason, targets), where
# targets is a regular expression matched against each offending node's CSS selector (None: every node).
# Prefer fixing the book (its CSS, JS shim or Sphinx extension); only a third-party problem the book cannot
# fix belongs here, with its reason.
ALLOWED_AXE_RULES: dict[str, tuple[str, str | None]] = {}

AXE_BLOCKING_IMPACTS = ("serious", "critical")


def book_html() -> Path:
    """The built book the browser reads (``BROWSER_BOOK_HTML`` or ``_build/html``)."""
    override = os.environ.get("BROWSER_BOOK_HTML")
    return Path(override).resolve() if override else BUILD_HTML


def notebook_dir() -> Path:
    """The folder of notebooks that JupyterLab runs (``BROWSER_NOTEBOOKS`` or ``book/``)."""
    override = os.environ.get("BROWSER_NOTEBOOKS")
    return Path(override).resolve() if override else BOOK


# -- Chromium -------------------------------------------------------------------------------------------
def chromium_path() -> str:
    """Path of the Chromium executable, or skip (locally) / fail (CI) loudly when there is none."""
    candidate = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    resolved = shutil.which(candidate) or (candidate if os.access(candidate, os.X_OK) else None)
    if resolved:
        return resolved
    message = (
        f"Chromium not found at {candidate!r} (set CHROMIUM_PATH, or `sudo apt-get install chromium`): "
        "the browser tests cannot run"
    )
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip("BROWSER TESTS SKIPPED — " + message)


@contextlib.contextmanager
def launched_browser() -> Iterator[object]:
    """A headless Chromium (Playwright ``Browser``), closed on exit."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def console_error_allowed(text: str) -> bool:
    return any(re.search(pattern, text) for pattern, _reason in ALLOWED_CONSOLE_ERRORS)


def axe_node_allowed(rule: str, target: str) -> bool:
    if rule not in ALLOWED_AXE_RULES:
        return False
    _reason, targets = ALLOWED_AXE_RULES[rule]
    return targets is None or re.search(targets, target) is not None


# -- local servers ---------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@contextlib.contextmanager
def static_server(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yields the base URL (with a trailing /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="book-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def wait_for_http(url: str, timeout: float, process=None) -> None:
    """Poll ``url`` until it answers 200, the process dies, or ``timeout`` seconds pass."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError) as exc:
            last = exc
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s (last error: {last})")


# -- the summary report ----------------------------------------------------------------------------------
def update_report(section: str, data: dict) -> None:
    """Merge ``data`` into ``_build/browser-report.json`` under ``section`` (safe across xdist workers)."""
    BUILD.mkdir(parents=True, exist_ok=True)
    lock_path = BUILD / ".browser-report.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            report = json.loads(REPORT.read_text()) if REPORT.exists() else {}
        except json.JSONDecodeError:
            report = {}
        report[section] = data
        tmp = REPORT.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
        tmp.replace(REPORT)


def print_summary(line: str) -> None:
    """Print a summary line to the terminal even under pytest's capture (and under xdist, to stderr)."""
    import sys

    sys.__stderr__.write(f"\n[browser] {line}\n")
    sys.__stderr__.flush()


# -- page helpers shared by both files -------------------------------------------------------------------
# For each explorer: focus its slider handle, press ArrowRight (ArrowLeft at the end of the range).
HANDLE_KEY_JS = """
(handle) => {
  const now = Number(handle.getAttribute('aria-valuenow'));
  const max = Number(handle.getAttribute('aria-valuemax'));
  return now >= max ? 'ArrowLeft' : 'ArrowRight';
}
"""


def numbers_in(text: str) -> list[float]:
    """The numbers written in ``text`` (ipywidgets readouts write negatives with U+2212 MINUS SIGN)."""
    text = text.replace("\u2212", "-")
    return [float(m) for m in re.findall(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", text)]
