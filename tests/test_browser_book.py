"""The built HTML book in a real browser (headless Chromium), page by page, with the network off.

Every page of the table of contents is served from _build/html by a local http.server and loaded once; the
tests below then look at that one live page, in order (pytest groups tests by the page they share):

- a full-page screenshot goes to _build/screenshots/<page>.png;
- axe-core finds no "serious" or "critical" accessibility violations;
- math is typeset by MathJax inside every element of class ``math``;
- every widget view renders, and every explorer shows a slider and one frame;
- every content image has alt text;
- the kernel-free explorers work: a key press on the slider shows another frame, whose alt text starts with
  the control's label and readout;
- the self-check questions answer, with no kernel and no JavaScript of their own;
- last, the page made no request to any other host, no request failed, and no script error or console
  error happened while it was loaded and used.

A summary (pages, requests, axe results, time) is merged into _build/browser-report.json.
"""

from __future__ import annotations

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
from conftest import toc_files

pytestmark = [pytest.mark.browser, pytest.mark.built_book]

PAGES = toc_files()
SCREENSHOTS = BUILD / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
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
    url: str
    page: object
    origin: str
    requests: int = 0
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    stats: dict = field(default_factory=dict)


@pytest.fixture(scope="module", params=PAGES, ids=PAGES)
def visit(request, browser, site, report):
    name = request.param
    html_file = book_html() / f"{name}.html"
    if not html_file.exists():
        pytest.fail(f"{name}.html was not built (it is in the table of contents)", pytrace=False)
    url = f"{site}{name}.html"
    origin = f"{urlsplit(site).scheme}://{urlsplit(site).netloc}"
    context = browser.new_context(viewport=VIEWPORT, service_workers="block", java_script_enabled=True)
    page = context.new_page()
    v = Visit(name=name, url=url, page=page, origin=origin)
    v.stats = report["pages"].setdefault(name, {})

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
    page.goto(url, wait_until="load", timeout=LOAD_TIMEOUT_MS)
    # MathJax 3 typesets the page once at start-up; wait for it wherever the page loads MathJax.
    if page.locator('script[src*="mathjax"]').count():
        try:
            page.wait_for_function(
                "() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=LOAD_TIMEOUT_MS
            )
            page.evaluate("() => MathJax.startup.promise.then(() => true)")
        except Exception as exc:  # noqa: BLE001 - reported by test_math_is_typeset
            v.stats["mathjax_error"] = f"MathJax did not start: {str(exc)[:200]}"
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


# -- checks, in the order they run on each page ---------------------------------------------------------
def test_screenshot(visit: Visit):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{Path(visit.name).name}.png"
    visit.page.screenshot(path=str(target), full_page=True, timeout=LOAD_TIMEOUT_MS)
    assert target.stat().st_size > 1000, f"{target} looks empty"


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
    assert "mathjax_error" not in visit.stats, f"{visit.name}: {visit.stats['mathjax_error']}"
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
    visit.stats["explorers"] = explorers.count()


def test_content_images_have_alt_text(visit: Visit):
    missing = visit.page.evaluate(
        """() => Array.from(new Set(document.querySelectorAll('main img, article img')))
             .filter((img) => !(img.getAttribute('alt') || '').trim())
             .map((img) => (img.getAttribute('src') || '').slice(0, 80))"""
    )
    visit.stats["content_images"] = visit.page.locator("main img, article img").count()
    assert not missing, f"{visit.name}: images without alt text: {missing}"


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
