"""The path students take: the notebooks in a real JupyterLab, driven by headless Chromium.

Copies of book/*.ipynb (never the repository's files: JupyterLab would write outputs into them) are opened in
a JupyterLab started for this module on 127.0.0.1, with a random token, its own settings (autosave off, no
news, no update check, no extension manager) and no access to the internet. For each notebook (the chapters
and the introduction): open it, run all cells, wait for the kernel, and check that

- every code cell ran, and no cell produced an error or a traceback;
- a widget control works: the live explorer's slider (a key press) makes the kernel re-render the figure (its
  image changes and its alt text names the slider's new value); a notebook without a live explorer uses its
  kernel-free explorer;
- the notebook was not saved (the copy on disk is unchanged), and the page made no request to another host
  and raised no script error.

Then the kernel is shut down, and at the end the server (by its own process). A summary goes into
_build/browser-report.json.

The course bundle's student notebook is checked the way a student meets it: in a second JupyterLab, started
with ``python -m jupyterlab`` of the student environment (a fresh venv with only the bundle's
``requirements.txt``, built once per test run and shared with tests/test_course.py: tests/student_venv.py),
whose kernel is that venv's own, serving a copy of the unzipped bundle in a temporary folder outside the
repository. There, rendered by jupyterlab-myst: every cell runs with no error output, an exercise shows as a
formatted exercise (not raw ``:::``), no MyST role shows raw, a live slider moves and its figure changes, no
solution text and no self-check answer is visible, and nothing is saved (neither in the copy nor in book/).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import (
    HANDLE_KEY_JS,
    chromium_path,
    free_port,
    launched_browser,
    notebook_dir,
    numbers_in,
    print_summary,
    update_report,
    wait_for_http,
)
from conftest import BOOK, ROOT, cell_source, chapter_notebooks, load_notebook
from student_venv import student_venv

pytestmark = pytest.mark.browser

SERVER_START_TIMEOUT = 90  # s
RUN_ALL_TIMEOUT_MS = 240_000
WIDGET_TIMEOUT_MS = 30_000
VIEWPORT = {"width": 1280, "height": 900}
STUDENT_NOTEBOOK = "pharmacokinetics.ipynb"


def _lab_notebooks() -> list[str]:
    """Notebooks to drive, relative to their folder: the chapters, then the introduction (it is cheap)."""
    folder = notebook_dir()
    if os.environ.get("BROWSER_NOTEBOOKS"):
        found = sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        chapters = [p for p in found if p.stem != "intro"]
    else:
        chapters = chapter_notebooks()
    names = [p.relative_to(folder).as_posix() for p in chapters]
    if (folder / "intro.ipynb").exists():
        names.append("intro.ipynb")
    return names


NOTEBOOKS = _lab_notebooks()

# JupyterLab user settings for the test server (a fresh settings folder, so a developer's own settings
# neither help nor hurt): never save by itself, no news or update checks, no extension manager (it queries
# a package index), and every cell kept in the page (no virtual scrolling), so the outputs can be inspected.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- fixtures --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def report():
    data = {"started": time.monotonic(), "notebooks": {}}
    yield data
    nbs = data["notebooks"]
    summary = {
        "notebooks_driven": sum(1 for n in nbs.values() if n.get("widget_changed")),
        "notebooks_opened": len(nbs),
        "server_start_seconds": data.get("server_start_seconds"),
        "student_server_start_seconds": data.get("student_server_start_seconds"),
        "student_venv_build_seconds": data.get("student_venv_build_seconds"),
        "seconds": round(time.monotonic() - data["started"], 1),
        "notebooks": nbs,
    }
    update_report("jupyterlab", summary)
    print_summary(
        f"JupyterLab: {summary['notebooks_driven']} of {summary['notebooks_opened']} notebooks run and driven, "
        f"server start {summary['server_start_seconds']} s (student environment's server "
        f"{summary['student_server_start_seconds']} s), {summary['seconds']} s in all"
    )


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory, report):
    """A JupyterLab server on 127.0.0.1 serving copies of the notebooks; yields (base URL, token, folder)."""
    if not NOTEBOOKS:  # the book always has notebooks: an empty folder is a broken BROWSER_NOTEBOOKS
        pytest.fail(f"no notebooks to run in {notebook_dir()} (check BROWSER_NOTEBOOKS)", pytrace=False)
    chromium_path()  # skip (locally) or fail (CI) before starting a server when there is no browser
    base = tmp_path_factory.mktemp("lab")
    root = base / "notebooks"
    root.mkdir()
    for name in NOTEBOOKS:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(notebook_dir() / name, root / name)
    with _jupyterlab(sys.executable, root, base, dict(os.environ)) as (url, token, seconds):
        report["server_start_seconds"] = seconds
        yield url, token, root


@pytest.fixture(scope="module")
def student_lab_server(tmp_path_factory, report):
    """JupyterLab of the student environment serving a copy of the unzipped bundle; yields (URL, token, folder,
    environment).

    The server is the venv's own ``python -m jupyterlab``, with the venv's ``bin`` first on ``PATH`` and no
    Jupyter or Python setting of the test run (nor the user's Jupyter data folder, where a kernelspec of another
    Python could live): its kernel is the venv's.
    """
    chromium_path()  # skip (locally) or fail (CI) before building the environment when there is no browser
    env = student_venv(tmp_path_factory)
    if env.build_seconds is not None:
        report["student_venv_build_seconds"] = env.build_seconds
    base = tmp_path_factory.mktemp("student-lab")
    root = base / "course"
    shutil.copytree(env.bundle, root)  # the bundle as a student unzips it (notebooks, wheel, README, pins)
    assert ROOT not in root.resolve().parents and env.venv.resolve() not in root.resolve().parents
    lab_env = env.environ({"JUPYTER_DATA_DIR": str(base / "data")})
    with _jupyterlab(env.python, root, base, lab_env) as (url, token, seconds):
        report["student_server_start_seconds"] = seconds
        yield url, token, root, env


@contextlib.contextmanager
def _jupyterlab(python: Path | str, root: Path, base: Path, env: dict[str, str]) -> Iterator[tuple[str, str, float]]:
    """Run ``python -m jupyterlab`` on 127.0.0.1 serving ``root``, with its settings and state under ``base``.

    Yields (base URL, token, seconds the server took to answer). On exit the kernels are shut down, then the
    server (and, if it does not stop, its process group).
    """
    settings = base / "settings"
    for rel, values in LAB_SETTINGS.items():
        target = settings / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    for sub in ("config", "runtime", "workspaces", "ipython", "data"):
        (base / sub).mkdir()
    env = dict(env)
    env.update(
        JUPYTER_CONFIG_DIR=str(base / "config"),
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
        IPYTHONDIR=str(base / "ipython"),
        PYDEVD_DISABLE_FILE_VALIDATION="1",
    )
    port = free_port()
    token = secrets.token_hex(16)
    command = [
        str(python),
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
        # offline: no update check, no news feed
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.news_url=None",
        "--LabApp.extension_manager=readonly",  # the "pypi" manager queries the package index
        "--ServerApp.terminals_enabled=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI and containers run as root
    log_path = base / "jupyterlab.log"
    log = log_path.open("w")
    start = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        try:
            wait_for_http(f"{url}api/status?token={token}", SERVER_START_TIMEOUT, process)
        except (TimeoutError, RuntimeError) as exc:
            pytest.fail(f"JupyterLab did not start: {exc}\n--- log ---\n{log_path.read_text()[-3000:]}", pytrace=False)
        yield url, token, round(time.monotonic() - start, 1)
    finally:
        _shutdown_kernels(url, token)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the server's own process group: it and its kernels
            process.wait(timeout=10)
        log.close()


def _shutdown_kernels(url: str, token: str) -> None:
    headers = {"Authorization": f"token {token}"}
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{url}api/kernels", headers=headers), timeout=5) as r:
            kernels = json.load(r)
        for kernel in kernels:
            request = urllib.request.Request(f"{url}api/kernels/{kernel['id']}", headers=headers, method="DELETE")
            urllib.request.urlopen(request, timeout=10).close()
    except OSError:
        pass  # the server is stopped next anyway


class LabPage:
    """One browser page holding JupyterLab for the whole module (loading JupyterLab takes seconds)."""

    def __init__(self, browser, url: str, token: str):
        self.url, self.token = url, token
        self.external: list[str] = []
        self.page_errors: list[str] = []
        self.context = browser.new_context(viewport=VIEWPORT, service_workers="block")
        origin = url.rstrip("/")

        def route(rt):
            if rt.request.url.startswith((origin + "/", "data:", "blob:")):
                rt.continue_()
            else:  # never reach the internet, and count the attempt
                self.external.append(rt.request.url)
                rt.abort("blockedbyclient")

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        self.load()

    def load(self) -> None:
        self.page.goto(f"{self.url}lab?token={self.token}", wait_until="domcontentloaded", timeout=60_000)
        self.page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=60_000)
        self.page.evaluate("() => window.jupyterapp.restored.then(() => true)")

    def ensure_usable(self) -> None:
        """After a failed notebook: dismiss dialogs; reload JupyterLab if the page is broken."""
        try:
            for _ in range(3):
                if not self.page.locator(".jp-Dialog").count():
                    break
                self.page.keyboard.press("Escape")
            ok = self.page.evaluate("() => !!(window.jupyterapp && window.jupyterapp.shell)")
        except Exception:  # noqa: BLE001
            ok = False
        if not ok:
            self.load()


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for the module (both JupyterLab pages live in it)."""
    with launched_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def lab(lab_server, chromium):
    url, token, _root = lab_server
    lab_page = LabPage(chromium, url, token)
    yield lab_page
    lab_page.context.close()


@pytest.fixture(scope="module")
def student_lab(student_lab_server, chromium):
    url, token, _root, _env = student_lab_server
    lab_page = LabPage(chromium, url, token)
    yield lab_page
    lab_page.context.close()


# -- page scripts ---------------------------------------------------------------------------------------
OPEN_JS = """
async (path) => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute('docmanager:open',
                                           {path, factory: 'Notebook', kernel: {name: 'python3'}});
  await panel.context.ready;
  await panel.sessionContext.ready;
  await panel.revealed;
  app.shell.activateById(panel.id);
  window.__lq_panel = panel;
  return panel.id;
}
"""

RUN_ALL_JS = """
async (timeoutMs) => {
  const app = window.jupyterapp, panel = window.__lq_panel;
  app.shell.activateById(panel.id);
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel) return 'no kernel';
  const ran = app.commands.execute('notebook:run-all-cells');
  const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
  const result = await Promise.race([ran.then(() => 'done'), timer]);
  return result;
}
"""

SETTLED_JS = """
() => {
  const panel = window.__lq_panel;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const prompts = Array.from(panel.node.querySelectorAll('.jp-InputPrompt'));
  return !prompts.some((p) => p.textContent.includes('[*]'));
}
"""

CELLS_JS = """
() => {
  const model = window.__lq_panel.content.model;
  const cells = [];
  for (let i = 0; i < model.cells.length; i++) {
    const cell = model.cells.get(i);
    if (cell.type !== 'code') continue;
    const source = cell.sharedModel.getSource();
    const outputs = cell.outputs.toJSON();
    const problems = [];
    for (const out of outputs) {
      if (out.output_type === 'error') {
        problems.push(`${out.ename}: ${String(out.evalue).slice(0, 300)}`);
      } else if (out.output_type === 'stream' && out.name === 'stderr') {
        const text = Array.isArray(out.text) ? out.text.join('') : String(out.text);
        if (/Traceback|Error:/.test(text)) problems.push(`stderr: ${text.slice(0, 300)}`);
      }
    }
    cells.push({index: i, empty: source.trim() === '', count: cell.executionCount,
                head: source.split('\\n')[0].slice(0, 80), problems});
  }
  return cells;
}
"""

CLOSE_JS = """
async () => {
  const panel = window.__lq_panel;
  if (!panel || panel.isDisposed) return;
  panel.context.model.dirty = false;  // never save: close without the "save changes?" dialog
  await panel.sessionContext.shutdown();
  panel.dispose();
  window.__lq_panel = null;
}
"""

FRAME_SRC_JS = "(img) => img.getAttribute('src')"

# sys.prefix of the open notebook's kernel (a request of its own: nothing is added to the notebook's outputs)
KERNEL_PREFIX_JS = """
async () => {
  const kernel = window.__lq_panel.sessionContext.session.kernel;
  let text = '';
  const future = kernel.requestExecute({code: 'import sys; print(sys.prefix)', store_history: false});
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') text += msg.content.text;
  };
  await future.done;
  return text.trim();
}
"""


# -- the test --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_and_its_widget_responds(name, lab_server, lab, report):
    _url, _token, root = lab_server
    stats = report["notebooks"].setdefault(name, {})
    before_hash = _sha256(root / name)
    start = time.monotonic()
    lab.ensure_usable()
    page = lab.page
    n_external, n_errors = len(lab.external), len(lab.page_errors)
    try:
        page.evaluate(OPEN_JS, name)
        stats["open_seconds"] = round(time.monotonic() - start, 1)

        outcome = page.evaluate(RUN_ALL_JS, RUN_ALL_TIMEOUT_MS)
        assert outcome == "done", f"{name}: run-all-cells did not finish ({outcome})"
        page.wait_for_function(SETTLED_JS, timeout=RUN_ALL_TIMEOUT_MS, polling=250)
        stats["run_seconds"] = round(time.monotonic() - start, 1)

        cells = page.evaluate(CELLS_JS)
        problems = [f"cell {c['index']} ({c['head']!r}): {p}" for c in cells for p in c["problems"]]
        assert not problems, f"{name}: errors in the outputs:\n" + "\n".join(problems)
        not_run = [f"cell {c['index']} ({c['head']!r})" for c in cells if not c["empty"] and c["count"] is None]
        assert not not_run, f"{name}: cells that did not run: {not_run}"
        stats["code_cells"] = len(cells)

        panel = page.locator(f'[id="{page.evaluate("() => window.__lq_panel.id")}"]')
        live = panel.locator(".lanicemine-explorer-live")
        static = panel.locator(".lanicemine-explorer")
        stats["live_explorers"], stats["kernel_free_explorers"] = live.count(), static.count()
        if live.count():
            for i in range(live.count()):  # every live demo of the chapter (one or two)
                _drive_live_explorer(page, live.nth(i), f"{name}, live demo {i + 1}")
            stats["widget_driven"] = f"live x{live.count()}"
        elif static.count():
            _drive_kernel_free_explorer(page, static.first, name)
            stats["widget_driven"] = "kernel-free"
        else:
            pytest.fail(f"{name}: no explorer widget rendered after running all cells", pytrace=False)
        stats["widget_changed"] = True
        stats["seconds"] = round(time.monotonic() - start, 1)

        page_errors, external = lab.page_errors[n_errors:], lab.external[n_external:]
        assert not page_errors, f"{name}: script errors in JupyterLab: {page_errors[:5]}"
        assert not external, f"{name}: JupyterLab requested other hosts: {external[:5]}"
    finally:
        try:
            page.evaluate(CLOSE_JS)
        except Exception:  # noqa: BLE001 - the page may be broken; the server's teardown stops the kernel
            pass
    assert _sha256(root / name) == before_hash, f"{name}: JupyterLab saved the notebook (it must not)"


def _drive_live_explorer(page, box, name: str) -> None:
    """Press a key on the live demo's (first) slider; the kernel must re-render the figure.

    An ``Explorer.live`` box holds one slider, and its figure's alt text starts with the slider's value: that
    is checked too. A chapter's own multi-control live demo (several sliders, one figure) is driven through
    its first slider.
    """
    box.scroll_into_view_if_needed()
    handles = box.locator(".noUi-handle")
    image = box.locator("img.lanicemine-frame")
    assert handles.count() >= 1 and handles.first.is_visible(), f"{name}: the live explorer shows no slider"
    assert image.count() == 1 and image.is_visible(), f"{name}: the live explorer shows no single figure"
    handle = handles.first
    slider = box.locator(".widget-slider").first
    src_before = image.evaluate(FRAME_SRC_JS)
    readout_before = slider.locator(".widget-readout").inner_text().strip()
    key = handle.evaluate(HANDLE_KEY_JS)
    handle.focus()
    handle.press(key)
    try:  # the HTML widget replaces its <img> when the kernel sends a new figure: look it up each time
        page.wait_for_function(
            """([box, before]) => {
                 const img = box.querySelector('img.lanicemine-frame');
                 return img !== null && img.getAttribute('src') !== before;
               }""",
            arg=[box.element_handle(), src_before],
            timeout=WIDGET_TIMEOUT_MS,
        )
    except Exception:  # noqa: BLE001 - reported with what the page shows
        readout = slider.locator(".widget-readout").inner_text().strip()
        pytest.fail(
            f"{name}: {key} moved the slider from {readout_before} to {readout}, "
            "but the kernel did not re-render the figure",
            pytrace=False,
        )
    readout = slider.locator(".widget-readout").inner_text().strip()
    assert readout != readout_before, f"{name}: {key} did not move the slider ({readout})"
    if handles.count() == 1:
        alt = box.locator("img.lanicemine-frame").get_attribute("alt") or ""
        value = numbers_in(readout)[0]
        shown = numbers_in(alt.split(":", 1)[0])
        assert any(abs(v - value) <= 1e-6 + 0.006 * abs(value) for v in shown), (
            f"{name}: the slider reads {readout}, the figure's alt text says {alt[:80]!r}"
        )


def _drive_kernel_free_explorer(page, box, name: str) -> None:
    box.scroll_into_view_if_needed()
    handle = box.locator(".noUi-handle")
    assert handle.count() == 1 and handle.is_visible(), f"{name}: the explorer shows no slider"
    alt_before = box.locator("img.lanicemine-frame").first.get_attribute("alt")
    key = handle.evaluate(HANDLE_KEY_JS)
    handle.focus()
    handle.press(key)
    page.wait_for_function(
        """([box, before]) => {
             const imgs = Array.from(box.querySelectorAll('img.lanicemine-frame'))
               .filter((img) => img.getClientRects().length > 0);
             return imgs.length === 1 && imgs[0].getAttribute('alt') !== before;
           }""",
        arg=[box.element_handle(), alt_before],
        timeout=WIDGET_TIMEOUT_MS,
    )
    label = box.locator(".widget-label").first.inner_text().strip()
    readout = box.locator(".widget-readout").first.inner_text().strip()
    alt = box.locator("img.lanicemine-frame").first.get_attribute("alt")
    assert alt.startswith(f"{label} {readout}:"), f"{name}: explorer shows {alt[:80]!r} for {label} {readout}"


# -- the student notebook, as the course bundle ships it ---------------------------------------------------------
RENDERED_MARKDOWN_JS = """
() => Array.from(window.__lq_panel.node.querySelectorAll('.jp-MarkdownCell'))
  .map((cell) => cell.querySelector('.jp-RenderedMarkdown, .myst') ? cell.innerText : '')
"""


def _solution_snippets(nb: dict) -> list[str]:
    """Plain-text pieces (no markup, ≥ 30 characters) of every solution in a teacher's notebook."""
    pieces, inside = [], False
    for cell in nb["cells"]:
        text = cell_source(cell)
        if "{solution-start}" in text:
            inside = True
            continue
        if "{solution-end}" in text:
            inside = False
            continue
        bodies = [text] if inside and cell["cell_type"] == "markdown" else []
        bodies += re.findall(r"\{solution\}[^\n]*\n(.*?)\n:{3,}\s*$", text, re.S | re.M)
        for body in bodies:
            for line in body.split("\n"):
                plain = re.split(r"[$`*{}\\|]", line)[0].strip()
                if len(plain) >= 30 and not plain.startswith(":"):
                    pieces.append(plain)
    return pieces


def test_student_notebook_reads_well_and_hides_the_answers(student_lab_server, student_lab, report):
    _url, _token, root, env = student_lab_server
    name = STUDENT_NOTEBOOK
    teacher = load_notebook(BOOK / STUDENT_NOTEBOOK)
    exercises = sum(cell_source(c).count(":::{exercise}") for c in teacher["cells"])
    snippets = _solution_snippets(teacher)
    assert exercises >= 3 and len(snippets) >= 3, "the teacher's notebook has exercises with solutions"
    stats = report["notebooks"].setdefault(f"student environment: {name}", {})
    before_hash = _sha256(root / name)
    book_before = _notebook_files(BOOK)
    lab = student_lab
    lab.ensure_usable()
    page = lab.page
    n_external, n_errors = len(lab.external), len(lab.page_errors)
    try:
        page.evaluate(OPEN_JS, name)
        # the kernel is the student environment's own Python, not the test run's
        prefix = page.evaluate(KERNEL_PREFIX_JS)
        assert Path(prefix).resolve() == env.venv.resolve(), f"{name}: the kernel runs in {prefix!r}, not {env.venv}"
        assert page.evaluate(RUN_ALL_JS, RUN_ALL_TIMEOUT_MS) == "done", f"{name}: run-all-cells did not finish"
        page.wait_for_function(SETTLED_JS, timeout=RUN_ALL_TIMEOUT_MS, polling=250)
        cells = page.evaluate(CELLS_JS)
        problems = [f"cell {c['index']} ({c['head']!r}): {p}" for c in cells for p in c["problems"]]
        assert not problems, f"{name}: errors in the outputs:\n" + "\n".join(problems)
        not_run = [f"cell {c['index']} ({c['head']!r})" for c in cells if not c["empty"] and c["count"] is None]
        assert not not_run, f"{name}: cells that did not run: {not_run}"
        stats["code_cells"] = len(cells)

        panel = page.locator(f'[id="{page.evaluate("() => window.__lq_panel.id")}"]')
        # exercises render as formatted exercises (jupyterlab-myst), numbered, none left as raw markup
        rendered = panel.locator(".jp-MarkdownCell aside.myst-exercise")
        assert rendered.count() == exercises, f"{name}: {rendered.count()} of {exercises} exercises rendered"
        assert rendered.first.is_visible() and "Exercise 1" in rendered.first.inner_text()
        markdown = page.evaluate(RENDERED_MARKDOWN_JS)
        raw = [t[:80] for t in markdown if re.search(r":::|\{(exercise|admonition|cite:p|cite:t|term|doc)\}", t)]
        assert not raw, f"{name}: markdown shown raw: {raw[:3]}"
        stats["exercises_rendered"] = rendered.count()

        # a live slider works
        live = panel.locator(".lanicemine-explorer-live")
        assert live.count() >= 1, f"{name}: no live explorer"
        _drive_live_explorer(page, live.first, f"{name}, live demo")
        stats["widget_changed"] = True

        # no solution and no self-check answer in sight
        visible = panel.inner_text()
        assert "Solution" not in visible and not panel.locator("details.myst-exercise").count()
        shown = [s for s in snippets if s in visible]
        assert not shown, f"{name}: solution text visible: {shown[:3]}"
        assert "Option(" not in visible and "correct" not in visible.lower(), "self-check answers in sight"
        assert panel.locator(".lq-quiz").count() >= 3, "the self-checks render as questions"
        assert not lab.page_errors[n_errors:], f"{name}: script errors: {lab.page_errors[n_errors:][:3]}"
        external = lab.external[n_external:]
        assert not external, f"{name}: JupyterLab requested other hosts: {external[:5]}"
    finally:
        try:
            page.evaluate(CLOSE_JS)
        except Exception:  # noqa: BLE001 - the page may be broken; the server's teardown stops the kernel
            pass
    assert _sha256(root / name) == before_hash, f"{name}: JupyterLab saved the notebook (it must not)"
    # JupyterLab makes a checkpoint when it opens a notebook: it must be the notebook as unzipped, with no outputs
    checkpoints = {p.name: _sha256(p) for p in root.glob(".ipynb_checkpoints/*")}
    assert set(checkpoints) <= {f"{Path(name).stem}-checkpoint.ipynb"}, sorted(checkpoints)
    assert set(checkpoints.values()) <= {before_hash}, f"{name}: JupyterLab saved a checkpoint with outputs"
    assert _notebook_files(BOOK) == book_before, "notebooks or checkpoints in book/ changed"


def _notebook_files(folder: Path) -> dict[str, str]:
    """Every notebook under ``folder`` (checkpoints included) and its hash."""
    return {p.relative_to(folder).as_posix(): _sha256(p) for p in folder.rglob("*.ipynb")}
