"""The built HTML book in a real browser (headless Chromium), page by page, with the network off.

Every page of the table of contents is served from _build/html by a local http.server and loaded twice: as a
phone (390 × 844 CSS px, touch, 2 device pixels per CSS pixel) and on a desktop (1366 × 900). The tests below
then look at that live page, in order (pytest groups tests by the page and width they share):

- a full-page screenshot goes to _build/screenshots/<phone|desktop>/<page>.png;
- the page never scrolls sideways;
- the visible menu button opens the chapter list and a link in it navigates; on a phone the contents button
  opens the page's contents (pydata-sphinx-theme #2451, see book/_assets/lanicemine-reading.js);
- the "hide code" switch hides every code cell's input, by mouse or keyboard, and the choice holds on the
  next page;
- axe-core finds no "serious" or "critical" accessibility violations;
- math is typeset by MathJax inside every element of class ``math``;
- every widget view renders, and every explorer shows a slider and one frame;
- every content image has alt text without bibtex keys or status codes, and is SVG or at least 2× as wide
  in pixels as it is displayed;
- tables are padded and ruled, and a table box that scrolls sideways has a visible cue;
- self-check questions read at body size and no answer wraps under its radio button;
- the kernel-free explorers work: a key press on the slider shows another frame, whose alt text starts with
  the control's label and readout;
- the self-check questions answer, with no kernel and no JavaScript of their own;
- last, the page made no request to any other host, no request failed, and no script error or console
  error happened while it was loaded and used.

Separately, one chapter is printed to PDF by Chromium (the download menu's ".pdf" is the browser's print):
its text has no toggle labels ("Click to hide", "Show code cell source") and no solutions.

A summary (pages, requests, axe results, time) is merged into _build/browser-report.json.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import (
    ALLOWED_AXE_RULES,
    AXE_BLOCKING_IMPACTS,
    BUILD,
    HANDLE_KEY_JS,
    axe_node_allowed,
    book_html,
    console_error_allowed,
    launched_browser,
    print_summary,
    static_server,
    update_report,
)
from conftest import ROOT, blank_below_text, in_ci, toc_files

pytestmark = [pytest.mark.browser, pytest.mark.built_book]

PAGES = toc_files()
SCREENSHOTS = BUILD / "screenshots"
#: The two ways every page is read: a phone (touch, 2× pixels) and a desktop browser.
DEVICES = {
    "phone": dict(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True),
    "desktop": dict(viewport={"width": 1366, "height": 900}, device_scale_factor=1, is_mobile=False, has_touch=False),
}
VISITS = [(page, device) for page in PAGES for device in DEVICES]
PRINTED_CHAPTER = "book/mechanism"  # has hidden code, solutions with code, figures, tables and self-checks

# Text that readers must never see: bibtex keys and the facts sheet's status codes. "PopPK" is also the
# pharmacometric abbreviation the chapters define and use, so as a word it is reader vocabulary.
_BIB_KEYS = [
    key
    for key in re.findall(r"@\w+\{([^,]+),", (ROOT / "book" / "references.bib").read_text(encoding="utf-8"))
    if key != "PopPK"
]
INTERNAL_WORDS = re.compile(
    r"\b(?:" + "|".join(map(re.escape, _BIB_KEYS)) + r")\b|\bSEED\b|NOT AVAILABLE|\bUNVERIFIED\b|\bVERIFIED\b"
    r"|\bDERIVED\b|\bFITTED\b"
)
LOAD_TIMEOUT_MS = 30_000
RENDER_TIMEOUT_MS = 20_000
VIEW_SELECTOR = 'script[type="application/vnd.jupyter.widget-view+json"]'
STATE_SELECTOR = 'script[type="application/vnd.jupyter.widget-state+json"]'


# -- fixtures --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def report():
    """Per-page numbers, written to _build/browser-report.json when the module ends."""
    data = {"started": time.monotonic(), "pages": {}}
    yield data
    pages = data["pages"]
    summary = {
        "pages_checked": len(pages),
        "requests_seen": sum(p.get("requests", 0) for p in pages.values()),
        "external_requests": sum(len(p.get("external", [])) for p in pages.values()),
        "failed_requests": sum(len(p.get("failed", [])) for p in pages.values()),
        "axe_blocking_violations": sum(len(p.get("axe_blocking", [])) for p in pages.values()),
        "axe_allowed_rules": {rule: reason for rule, (reason, _t) in ALLOWED_AXE_RULES.items()},
        "explorers_driven": sum(p.get("explorers_driven", 0) for p in pages.values()),
        "quizzes_answered": sum(p.get("quizzes_answered", 0) for p in pages.values()),
        "seconds": round(time.monotonic() - data["started"], 1),
        "pages": pages,
    }
    update_report("built_book", summary)
    print_summary(
        f"built book: {summary['pages_checked']} pages, {summary['requests_seen']} requests "
        f"({summary['external_requests']} external, {summary['failed_requests']} failed), "
        f"{summary['explorers_driven']} explorers driven, {summary['quizzes_answered']} quizzes answered, "
        f"{summary['axe_blocking_violations']} blocking axe violations, {summary['seconds']} s"
    )


@pytest.fixture(scope="module")
def site() -> str:
    root = book_html()
    if not (root / "index.html").exists():
        pytest.fail(f"{root} has no index.html: build the book first (`make html`)", pytrace=False)
    with static_server(root) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched_browser() as chromium:
        yield chromium


@dataclass
class Visit:
    """One page loaded in the browser, with everything it did on the wire and in the console."""

    name: str
    device: str
    url: str
    page: object
    context: object
    origin: str
    site: str
    requests: int = 0
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    stats: dict = field(default_factory=dict)


def _new_context(browser, device: str):
    return browser.new_context(**DEVICES[device], service_workers="block", java_script_enabled=True)


@pytest.fixture(scope="module", params=VISITS, ids=[f"{p}-{d}" for p, d in VISITS])
def visit(request, browser, site, report):
    name, device = request.param
    html_file = book_html() / f"{name}.html"
    if not html_file.exists():
        pytest.fail(f"{name}.html was not built (it is in the table of contents)", pytrace=False)
    url = f"{site}{name}.html"
    origin = f"{urlsplit(site).scheme}://{urlsplit(site).netloc}"
    context = _new_context(browser, device)
    page = context.new_page()
    v = Visit(name=name, device=device, url=url, page=page, context=context, origin=origin, site=site)
    v.stats = report["pages"].setdefault(f"{name} ({device})", {})

    def route(rt):
        req_url = rt.request.url
        if req_url.startswith(origin + "/") or req_url.startswith(("data:", "blob:")):
            rt.continue_()
        else:  # never let a page reach the internet, and count the attempt
            v.external.append(req_url)
            rt.abort("blockedbyclient")

    context.route("**/*", route)

    def on_request(req):
        v.requests += 1

    def on_failed(req):
        if not any(req.url == e for e in v.external):
            v.failed.append(f"{req.url}: {req.failure}")

    def on_response(resp):
        if resp.status >= 400:
            v.failed.append(f"{resp.url}: HTTP {resp.status}")

    def on_console(msg):
        if msg.type == "error" and not console_error_allowed(msg.text):
            loc = msg.location or {}
            v.console_errors.append(f"{msg.text} ({loc.get('url', '?')}:{loc.get('lineNumber', '?')})")

    page.on("request", on_request)
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: v.page_errors.append(str(exc)))

    start = time.monotonic()
    _load(page, url)
    v.stats["load_seconds"] = round(time.monotonic() - start, 2)
    yield v
    v.stats.update(
        requests=v.requests,
        external=v.external,
        failed=v.failed,
        console_errors=v.console_errors,
        page_errors=v.page_errors,
        seconds_on_page=round(time.monotonic() - start, 2),
    )
    context.close()


def _load(page, url: str) -> None:
    """Open ``url`` and wait until MathJax has typeset and every widget view has rendered."""
    page.goto(url, wait_until="load", timeout=LOAD_TIMEOUT_MS)
    # MathJax 3 typesets the page once at start-up; wait for it wherever the page loads MathJax.
    if page.locator('script[src*="mathjax"]').count():
        try:
            page.wait_for_function(
                "() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=LOAD_TIMEOUT_MS
            )
            page.evaluate("() => MathJax.startup.promise.then(() => true)")
        except Exception as exc:  # noqa: BLE001 - reported by test_math_is_typeset
            page.evaluate("(msg) => { window.__mathjaxError = msg; }", f"MathJax did not start: {str(exc)[:200]}")
    # The widget manager replaces each view <script> by a rendered view in a preceding .widget-subarea.
    if page.locator(VIEW_SELECTOR).count():
        try:
            page.wait_for_function(
                """(sel) => Array.from(document.querySelectorAll(sel)).every((s) => {
                     const area = s.previousElementSibling;
                     return area && area.classList.contains('widget-subarea') && area.childElementCount > 0;
                   })""",
                arg=VIEW_SELECTOR,
                timeout=RENDER_TIMEOUT_MS,
            )
        except Exception:  # noqa: BLE001 - reported precisely by test_every_widget_view_renders
            pass


# -- checks, in the order they run on each page ---------------------------------------------------------
def test_screenshot(visit: Visit):
    folder = SCREENSHOTS / visit.device
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{Path(visit.name).name}.png"
    visit.page.screenshot(path=str(target), full_page=True, timeout=LOAD_TIMEOUT_MS)
    assert target.stat().st_size > 1000, f"{target} looks empty"


def test_page_never_scrolls_sideways(visit: Visit):
    widths = visit.page.evaluate(
        """() => [document.documentElement.scrollWidth, document.body.scrollWidth,
                  document.documentElement.clientWidth]"""
    )
    visit.stats["scroll_width"] = widths[:2]
    assert max(widths[:2]) <= widths[2] + 1, (
        f"{visit.name} ({visit.device}): the page scrolls sideways: {max(widths[:2])} CSS px of content "
        f"in a {widths[2]}-px window"
    )


def _click(page, locator, device: str) -> None:
    """A finger tap on a phone, a mouse click on a desktop."""
    if device == "phone":
        locator.tap()
    else:
        locator.click()


NAV_LINKS = "nav.bd-docs-nav a.reference.internal"


def test_menu_button_opens_the_chapter_list_and_a_link_navigates(visit: Visit):
    page = visit.context.new_page()
    try:
        _load(page, visit.url)
        button = page.locator(".primary-toggle:visible")
        assert button.count() == 1, f"{visit.name} ({visit.device}): {button.count()} visible menu buttons"
        if visit.device == "phone":
            links = page.locator(f"#pst-primary-sidebar-modal {NAV_LINKS}")
            assert not page.locator(NAV_LINKS).first.is_visible(), "the chapter list shows before the menu opens"
            _click(page, button, visit.device)
            try:
                page.locator("#pst-primary-sidebar-modal[open]").wait_for(state="visible", timeout=3_000)
            except Exception:  # noqa: BLE001
                pytest.fail(
                    f"{visit.name} (phone): tapping the menu button did not open the chapter list", pytrace=False
                )
        else:
            links = page.locator(f"#pst-primary-sidebar {NAV_LINKS}")
            assert links.first.is_visible(), f"{visit.name} (desktop): the chapter list is not shown beside the page"
            _click(page, button, visit.device)  # hides the list ...
            page.wait_for_function(
                "() => document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')",
                timeout=3_000,
            )
            page.wait_for_timeout(400)  # the collapse is animated
            _click(page, button, visit.device)  # ... and shows it again
            page.wait_for_function(
                "() => !document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')",
                timeout=3_000,
            )
            page.wait_for_timeout(400)
        if visit.device == "phone":  # for review: the open chapter list as the reader sees it
            (SCREENSHOTS / "phone").mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "phone" / f"{Path(visit.name).name}-menu.png"))
        chapters = [links.nth(i) for i in range(links.count()) if links.nth(i).is_visible()]
        assert len(chapters) >= len(PAGES) - 1, f"{visit.name} ({visit.device}): {len(chapters)} chapter links visible"
        here = Path(visit.name).name + ".html"
        target = next(a for a in chapters if (a.get_attribute("href") or "").split("#")[0] not in ("", here))
        href = target.get_attribute("href").split("#")[0]
        _click(page, target, visit.device)
        page.wait_for_url(re.compile(re.escape(href.split("/")[-1]) + r"(#.*)?$"), timeout=LOAD_TIMEOUT_MS)
        assert page.locator("article.bd-article h1").count() == 1
    finally:
        page.close()


def test_contents_button_opens_the_page_contents(visit: Visit):
    page = visit.page
    toc_links = page.locator("nav.page-toc a.nav-link")
    if not toc_links.count():
        return  # a page without sections has no contents list (and no contents button)
    if visit.device == "desktop":
        assert toc_links.first.is_visible(), f"{visit.name} (desktop): the page contents are not shown"
        return
    button = page.locator(".secondary-toggle:visible")
    assert button.count() == 1, f"{visit.name} (phone): {button.count()} visible contents buttons"
    assert not toc_links.first.is_visible()
    _click(page, button, visit.device)
    try:
        page.locator("#pst-secondary-sidebar-modal[open] nav.page-toc a.nav-link").first.wait_for(
            state="visible", timeout=3_000
        )
    except Exception:  # noqa: BLE001
        pytest.fail(f"{visit.name} (phone): tapping the contents button did not open the contents", pytrace=False)
    page.keyboard.press("Escape")
    page.locator("#pst-secondary-sidebar-modal[open]").wait_for(state="detached", timeout=3_000)


def test_hide_code_switch_hides_code_and_is_remembered(visit: Visit, browser):
    # A context of its own: the switch's storage must not reach the page the other tests look at.
    context = _new_context(browser, visit.device)
    page = context.new_page()
    try:
        _load(page, visit.url)
        cells = page.locator("article .cell .cell_input")
        switch = page.locator(".lanicemine-code-switch")
        if not cells.count():
            assert switch.count() == 0, f"{visit.name}: a hide-code switch on a page without code"
            return
        assert switch.count() == 1 and switch.is_visible(), f"{visit.name} ({visit.device}): no hide-code switch"
        assert switch.get_attribute("aria-pressed") == "false"
        shown = page.evaluate("() => document.querySelectorAll('article .cell_input').length")
        if visit.device == "desktop":  # keyboard
            switch.focus()
            page.keyboard.press("Enter")
        else:
            switch.tap()
        assert switch.get_attribute("aria-pressed") == "true"
        visible = page.evaluate(
            "() => Array.from(document.querySelectorAll('article .cell_input')).filter(e => e.offsetParent).length"
        )
        assert visible == 0, f"{visit.name}: {visible} of {shown} code cells still shown after 'Hide code'"
        outputs = page.evaluate(
            "() => Array.from(document.querySelectorAll('article .cell_output')).filter(e => e.offsetParent).length"
        )
        assert outputs > 0 or page.locator("article .cell_output").count() == 0, "outputs must stay visible"
        # the choice holds on the next page (localStorage, no network)
        page.reload(wait_until="load")
        assert page.locator(".lanicemine-code-switch").get_attribute("aria-pressed") == "true"
        still = page.evaluate(
            "() => Array.from(document.querySelectorAll('article .cell_input')).filter(e => e.offsetParent).length"
        )
        assert still == 0, f"{visit.name}: code shows again after reloading"
        page.locator(".lanicemine-code-switch").click()
        # Code comes back as it was: open cells show their input, folded (hide-input) cells their fold bar.
        back = page.evaluate(
            "() => Array.from(document.querySelectorAll("
            "'article .cell_input:not(details:not([open]) *), article .cell details.above-input'))"
            ".filter(e => e.offsetParent).length"
        )
        assert back > 0, f"{visit.name}: 'Show code' did not bring the code back"
    finally:
        context.close()


def _axe(page, context=None) -> list[dict]:
    """Run axe-core (shipped inside axe_playwright_python, injected: no network); return its violations."""
    from axe_playwright_python.sync_playwright import Axe

    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(Axe().axe_script)
    # preload: false — axe would otherwise re-fetch every stylesheet to build a CSSOM (only for the rule
    # css-orientation-lock), resolving @import against the page instead of the sheet: a spurious 404.
    results = page.evaluate(
        "([context, options]) => axe.run(context || document, options)",
        [context, {"resultTypes": ["violations"], "preload": False}],
    )
    return results["violations"]


def _blocking(violations: list[dict]) -> list[str]:
    found = []
    for v in violations:
        if v.get("impact") not in AXE_BLOCKING_IMPACTS:
            continue
        nodes = [n for n in v["nodes"] if not axe_node_allowed(v["id"], " ".join(map(str, n.get("target", []))))]
        if not nodes:
            continue
        targets = "; ".join(" ".join(map(str, n.get("target", []))) for n in nodes[:5])
        summary = nodes[0].get("failureSummary", "").replace("\n", " ")[:300]
        found.append(f"{v['id']} ({v['impact']}, {len(nodes)} nodes): {v['help']} — {targets} — {summary}")
    return found


def test_accessibility_axe(visit: Visit):
    start = time.monotonic()
    violations = _axe(visit.page)
    blocking = _blocking(violations)
    visit.stats["axe_seconds"] = round(time.monotonic() - start, 2)
    visit.stats["axe_violations"] = {v["id"]: v.get("impact") for v in violations}
    visit.stats["axe_blocking"] = blocking
    assert not blocking, f"{visit.name}: axe found serious/critical violations:\n" + "\n".join(blocking)


def test_math_is_typeset(visit: Visit):
    page = visit.page
    n_math = page.locator(".math").count()
    visit.stats["math_elements"] = n_math
    error = page.evaluate("() => window.__mathjaxError || null")
    assert not error, f"{visit.name}: {error}"
    if not n_math:
        return
    untypeset = page.evaluate(
        """() => Array.from(document.querySelectorAll('.math'))
             .filter((el) => !el.querySelector('mjx-container'))
             .map((el) => el.textContent.trim().slice(0, 80))"""
    )
    assert not untypeset, f"{visit.name}: {len(untypeset)} of {n_math} math elements not typeset: {untypeset[:5]}"
    errors = page.locator("mjx-merror").all_inner_texts()
    assert not errors, f"{visit.name}: MathJax reported TeX errors: {errors[:5]}"


def _explorer_models(page) -> tuple[int, int]:
    """(number of widget views, number of views whose model carries the class lanicemine-explorer)."""
    return page.evaluate(
        """([viewSel, stateSel]) => {
             const models = {};
             for (const s of document.querySelectorAll(stateSel)) {
               Object.assign(models, JSON.parse(s.textContent).state || {});
             }
             let views = 0, explorers = 0;
             for (const s of document.querySelectorAll(viewSel)) {
               views += 1;
               const m = models[JSON.parse(s.textContent).model_id];
               const classes = (m && m.state && m.state._dom_classes) || [];
               if (classes.includes('lanicemine-explorer')) explorers += 1;
             }
             return [views, explorers];
           }""",
        [VIEW_SELECTOR, STATE_SELECTOR],
    )


def test_every_widget_view_renders(visit: Visit):
    page = visit.page
    views, expected_explorers = _explorer_models(page)
    visit.stats["widget_views"] = views
    if not views:
        assert page.locator(".lanicemine-explorer").count() == 0
        return
    unrendered = page.evaluate(
        """(sel) => Array.from(document.querySelectorAll(sel)).map((s, i) => {
             const area = s.previousElementSibling;
             const ok = area && area.classList.contains('widget-subarea') && area.childElementCount > 0;
             const text = area ? area.textContent : '';
             return ok && !/Error displaying widget|Could not create a view/.test(text) ? null
                    : `view ${i}: ${text.slice(0, 200) || 'not rendered'}`;
           }).filter(Boolean)""",
        VIEW_SELECTOR,
    )
    assert not unrendered, f"{visit.name}: widget views failed to render: {unrendered}"
    explorers = page.locator(".lanicemine-explorer")
    assert explorers.count() == expected_explorers, (
        f"{visit.name}: {expected_explorers} explorer views in the page's widget state, "
        f"{explorers.count()} rendered .lanicemine-explorer boxes"
    )
    for i in range(explorers.count()):
        box = explorers.nth(i)
        box.scroll_into_view_if_needed()
        assert box.locator(".noUi-handle").count() == 1, f"{visit.name}: explorer {i} has no slider handle"
        assert box.locator(".noUi-handle").is_visible(), f"{visit.name}: explorer {i}: slider not visible"
        frames = box.locator("img.lanicemine-frame")
        visible = [j for j in range(frames.count()) if frames.nth(j).is_visible()]
        assert len(visible) == 1, f"{visit.name}: explorer {i} shows {len(visible)} frames (expected 1)"
        ok = frames.nth(visible[0]).evaluate("(img) => img.complete && img.naturalWidth > 0")
        assert ok, f"{visit.name}: explorer {i}: its frame image did not decode"
        readout = box.locator(".widget-readout").first
        clipped = readout.evaluate("(r) => r.scrollWidth > r.clientWidth + 1")
        right = readout.evaluate("(r) => r.getBoundingClientRect().right")
        assert not clipped and right <= page.viewport_size["width"], (
            f"{visit.name} ({visit.device}): explorer {i}: the slider's readout is cut off ({readout.inner_text()!r})"
        )
    visit.stats["explorers"] = explorers.count()


def test_content_images_are_sharp_and_described_in_reader_words(visit: Visit):
    images = visit.page.evaluate(
        """() => Array.from(document.querySelectorAll('article.bd-article img')).map((img) => ({
             src: (img.currentSrc || img.getAttribute('src') || ''),
             alt: (img.getAttribute('alt') || '').trim(),
             shown: img.getClientRects().length > 0 ? img.getBoundingClientRect().width : 0,
             natural: img.naturalWidth,
           }))"""
    )
    visit.stats["content_images"] = len(images)
    dpr = visit.page.evaluate("() => window.devicePixelRatio")
    problems = []
    for img in images:
        where = img["src"][:60]
        if not img["alt"]:
            problems.append(f"no alt text: {where}")
        internal = sorted({m.group(0) for m in INTERNAL_WORDS.finditer(img["alt"])})
        if internal:
            problems.append(f"alt text shows internal keys or status codes {internal}: {img['alt'][:80]}")
        svg = img["src"].startswith("data:image/svg+xml") or urlsplit(img["src"]).path.endswith(".svg")
        if not svg and img["shown"] and img["natural"] < 2 * img["shown"]:
            problems.append(
                f"raster image {img['natural']} px wide shown at {img['shown']:.0f} CSS px "
                f"(needs SVG or at least 2×; screen has {dpr}× pixels): {where}"
            )
    assert not problems, f"{visit.name} ({visit.device}):\n" + "\n".join(problems)


def test_tables_are_padded_ruled_and_scroll_in_their_own_box(visit: Visit):
    page = visit.page
    cells = page.evaluate(
        """() => Array.from(document.querySelectorAll('article.bd-article table td, article.bd-article table th'))
             .filter((c) => !c.closest('.highlight, .highlighttable, .MathJax, mjx-container'))
             .map((c) => { const s = getComputedStyle(c);
               return [parseFloat(s.paddingLeft), parseFloat(s.paddingRight), parseFloat(s.borderBottomWidth),
                       c.textContent.trim().slice(0, 30)]; })"""
    )
    visit.stats["table_cells"] = len(cells)
    tight = [c for c in cells if min(c[0], c[1]) < 4]
    assert not tight, f"{visit.name} ({visit.device}): {len(tight)} table cells without padding, e.g. {tight[:3]}"
    unruled = [c for c in cells if c[2] < 1]
    assert not unruled, f"{visit.name} ({visit.device}): {len(unruled)} table cells without a rule: {unruled[:3]}"
    page.wait_for_timeout(300)  # the cue is placed after layout settles
    uncued = page.evaluate(
        """() => Array.from(document.querySelectorAll('article.bd-article table')).map((t) => {
             let box = t.parentElement;
             while (box && box.tagName !== 'ARTICLE' && box.scrollWidth <= box.clientWidth + 1) box = box.parentElement;
             if (!box || box.tagName === 'ARTICLE') return null;
             const cue = box.previousElementSibling;
             return cue && cue.classList.contains('lanicemine-scroll-cue') && cue.offsetParent ? null
                    : (t.textContent || '').trim().slice(0, 40);
           }).filter(Boolean)"""
    )
    assert not uncued, f"{visit.name} ({visit.device}): wide tables scroll without a visible cue: {uncued}"


def test_self_checks_read_at_body_size_and_answers_never_wrap_under_the_radio(visit: Visit):
    page = visit.page
    if not page.locator("fieldset.lq-quiz").count():
        return
    layout = page.evaluate(
        """() => {
             const body = getComputedStyle(document.querySelector('article.bd-article section > p')).fontSize;
             const out = {body, questions: [], wrapped: []};
             for (const quiz of document.querySelectorAll('fieldset.lq-quiz')) {
               out.questions.push(getComputedStyle(quiz.querySelector('legend')).fontSize);
               for (const option of quiz.querySelectorAll('.lq-option')) {
                 const radio = option.querySelector('input').getBoundingClientRect();
                 const range = document.createRange();
                 range.selectNodeContents(option.querySelector('label'));
                 const lines = Array.from(range.getClientRects()).filter((r) => r.width > 0);
                 if (lines.some((r) => r.left < radio.right - 0.5)) {
                   out.wrapped.push(option.querySelector('label').textContent.trim().slice(0, 50));
                 }
               }
             }
             return out;
           }"""
    )
    bad = sorted({size for size in layout["questions"] if size != layout["body"]})
    assert not bad, f"{visit.name} ({visit.device}): questions at {bad}, body text at {layout['body']}"
    assert not layout["wrapped"], (
        f"{visit.name} ({visit.device}): {len(layout['wrapped'])} answers run under their radio button: "
        f"{layout['wrapped'][:3]}"
    )
    # Dark mode: the question box follows the page (no light box around dark-themed radio buttons).
    dark = page.evaluate(
        """() => {
             const root = document.documentElement, before = root.dataset.theme;
             root.dataset.theme = 'dark';
             const quiz = document.querySelector('fieldset.lq-quiz');
             const box = getComputedStyle(quiz.closest('.output') || quiz.parentElement).backgroundColor;
             const scheme = getComputedStyle(quiz).colorScheme;
             root.dataset.theme = before;
             return [box, scheme];
           }"""
    )
    assert dark == ["rgba(0, 0, 0, 0)", "dark"], f"{visit.name}: self-checks in dark mode: box, scheme = {dark}"


def _visible_frame_alt(box) -> str | None:
    return box.evaluate(
        """(box) => {
             const shown = Array.from(box.querySelectorAll('img.lanicemine-frame'))
               .filter((img) => img.offsetParent !== null && img.getClientRects().length > 0);
             return shown.length === 1 ? shown[0].getAttribute('alt') : null;
           }"""
    )


def test_kernel_free_explorers_switch_frames(visit: Visit):
    page = visit.page
    explorers = page.locator(".lanicemine-explorer")
    driven = 0
    for i in range(explorers.count()):
        box = explorers.nth(i)
        box.scroll_into_view_if_needed()
        handle = box.locator(".noUi-handle")
        before = _visible_frame_alt(box)
        assert before, f"{visit.name}: explorer {i}: no single visible frame before the key press"
        key = handle.evaluate(HANDLE_KEY_JS)
        handle.focus()
        handle.press(key)
        changed = box.element_handle()
        try:
            page.wait_for_function(
                """([box, before]) => {
                     const shown = Array.from(box.querySelectorAll('img.lanicemine-frame'))
                       .filter((img) => img.offsetParent !== null && img.getClientRects().length > 0);
                     return shown.length === 1 && shown[0].getAttribute('alt') !== before;
                   }""",
                arg=[changed, before],
                timeout=5_000,
            )
        except Exception:  # noqa: BLE001
            pytest.fail(
                f"{visit.name}: explorer {i}: pressing {key} on the slider did not change the frame "
                f"(still {before[:60]!r}...)",
                pytrace=False,
            )
        after = _visible_frame_alt(box)
        label = box.locator(".widget-slider .widget-label").first.inner_text().strip()
        readout = box.locator(".widget-readout").first.inner_text().strip()
        expected = f"{label} {readout}:"
        assert after.startswith(expected), (
            f"{visit.name}: explorer {i}: the frame shown does not match the control: "
            f"readout says {expected!r}, frame alt is {after[:80]!r}"
        )
        driven += 1
    visit.stats["explorers_driven"] = driven


def test_self_check_questions_answer_offline(visit: Visit):
    page = visit.page
    quizzes = page.locator("fieldset.lq-quiz")
    n = quizzes.count()
    visit.stats["quizzes"] = n
    for i in range(n):
        quiz = quizzes.nth(i)
        quiz.scroll_into_view_if_needed()
        for correct, verdict in (("true", "Correct"), ("false", "Not quite")):
            option = quiz.locator(f'.lq-option:has(input[data-correct="{correct}"])').first
            if not option.count():
                assert correct == "false", f"{visit.name}: quiz {i} has no correct option"
                continue  # every option is correct: nothing wrong to pick
            radio_id = option.locator("input").get_attribute("id")
            feedback = option.locator(".lq-feedback")
            assert not feedback.is_visible(), f"{visit.name}: quiz {i}: feedback shown before answering"
            quiz.locator(f'label[for="{radio_id}"]').click()
            assert option.locator("input").is_checked(), f"{visit.name}: quiz {i}: clicking the label did not choose"
            feedback.wait_for(state="visible", timeout=2_000)
            text = feedback.inner_text().strip()
            assert text.startswith(verdict), f"{visit.name}: quiz {i}: feedback {text[:60]!r}, expected {verdict!r}"
            others = [
                j
                for j in range(quiz.locator(".lq-feedback").count())
                if quiz.locator(".lq-feedback").nth(j).is_visible()
            ]
            assert len(others) == 1, f"{visit.name}: quiz {i}: {len(others)} feedback boxes visible at once"
    if n:
        # The feedback boxes are hidden until answered, so the first axe run did not see them: check them now
        # (the last answer of each question, a wrong one where there is one, is showing).
        blocking = _blocking(_axe(page, {"include": [["fieldset.lq-quiz"]]}))
        assert not blocking, f"{visit.name}: axe, answered questions:\n" + "\n".join(blocking)
    visit.stats["quizzes_answered"] = n


def test_no_network_no_errors(visit: Visit):
    """Runs last on each page: covers its load and every interaction above."""
    problems = (
        [f"request to another host: {u}" for u in visit.external]
        + [f"failed request: {f}" for f in visit.failed]
        + [f"page error: {e}" for e in visit.page_errors]
        + [f"console error: {e}" for e in visit.console_errors]
    )
    visit.stats["requests"] = visit.requests
    assert visit.requests > 0, f"{visit.name}: no requests seen (the page did not load?)"
    assert not problems, f"{visit.name}:\n" + "\n".join(problems)


# -- print ------------------------------------------------------------------------------------------------
TOGGLE_LABELS = ("Click to hide", "Click to show", "Show code cell source", "Hide code cell source")


def test_printed_chapter_keeps_solutions_and_hidden_code_folded(browser, site):
    """Chromium prints one chapter to PDF (as the download menu's ".pdf" does); pdftotext reads it back."""
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        message = "pdftotext not found (`sudo apt-get install poppler-utils`): the printed chapter cannot be read"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    context = _new_context(browser, "desktop")
    page = context.new_page()
    try:
        _load(page, f"{site}{PRINTED_CHAPTER}.html")
        assert page.locator(".solution.dropdown").count(), "the printed chapter should have folded solutions"
        assert page.locator("details.above-input").count(), "the printed chapter should have hidden code"
        solution_text = page.locator(".solution.dropdown section").first.text_content().strip().splitlines()[0]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        pdf = SCREENSHOTS / f"print-{Path(PRINTED_CHAPTER).name}.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True, margin={"top": "15mm", "bottom": "15mm"})
    finally:
        context.close()
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Mechanism" in text and len(text) > 5000, "the printed chapter is missing its text"
    shown = [label for label in TOGGLE_LABELS if label in text]
    assert not shown, f"the printed chapter shows toggle labels: {shown}"
    assert solution_text[:40] not in text, f"the printed chapter shows a solution: {solution_text[:60]!r}"
    pages = text.split("\f")
    # No large gaps: only a figure or table too tall for the rest of a page leaves one (the last page is exempt).
    blank = blank_below_text(pdf)[:-1]
    gaps = {number: round(fraction, 2) for number, fraction in enumerate(blank, start=1) if fraction > 0.4}
    assert len(gaps) <= len(blank) / 6, f"{len(gaps)} of {len(blank)} printed pages end more than 40 % blank: {gaps}"
    update_report(
        "print",
        {"chapter": PRINTED_CHAPTER, "pages": len(pages), "pdf": str(pdf.relative_to(BUILD)), "gaps": gaps},
    )
