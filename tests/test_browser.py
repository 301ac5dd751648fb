"""The catalogue and the HTML pages in a real headless Chromium (Debian's `chromium`, driven by
Playwright; nothing downloads a browser).

Every request the pages make is checked: one that leaves the output folder fails the test.
Screenshots go to the test's temporary folder, or to $PUBLISH_SCREENSHOTS when it is set
(that is how the README's pictures in docs/ are made).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}

pytestmark = pytest.mark.chromium


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (scripts/setup.sh --test installs Debian's)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        # A fresh profile in a temporary folder each time (Playwright makes it).
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


class Visit:
    """A page with every console error, page error and request outside `root` recorded."""

    def __init__(self, browser, root: Path, viewport: dict, base: str | None = None) -> None:
        self.root = root.resolve()
        self.base = base  # http://host:port/ when served, else file://
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.loaded: list[str] = []
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        self.context.route("**/*", self._route)

    def _console(self, message) -> None:
        if message.type in {"error", "warning"}:
            self.errors.append(f"{message.type}: {message.text}")

    def local_path(self, url: str) -> Path | None:
        """The file a URL names inside the output folder, or None when it leaves it."""
        parsed = urlparse(url)
        if self.base and url.startswith(self.base):
            path = (self.root / unquote(parsed.path).lstrip("/")).resolve()
        elif not self.base and parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
        else:
            return None
        return path if path == self.root or self.root in path.parents else None

    def _route(self, route) -> None:
        url = route.request.url
        if self.local_path(url) is None:
            self.outside.append(url)
            route.abort()
        else:
            self.loaded.append(url)
            route.continue_()

    def open(self, relative: str):
        url = (self.base or self.root.as_uri() + "/") + relative
        self.page.goto(url)
        self.page.evaluate("document.fonts.ready.then(() => true)")
        return self.page

    def close(self) -> None:
        self.context.close()

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.outside == []


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def screenshot(page, tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("PUBLISH_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(target))  # what the window shows
    return target


def load_all_images(page) -> None:
    """Bring every (lazily loaded) image into view and wait for it."""
    for image in page.locator("img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_function("[...document.images].every(i => i.complete)")


def test_catalogue_from_disk(browser, published_inputs: Path, tmp_path: Path):
    visit = Visit(browser, published_inputs, DESKTOP)
    try:
        page = visit.open("index.html")
        entries = page.locator("li.doc")
        assert entries.count() == 3
        load_all_images(page)
        widths = page.eval_on_selector_all("li.doc img", "all => all.map(i => i.naturalWidth)")
        assert len(widths) == 3 and all(w > 0 for w in widths)
        screenshot(page, tmp_path, "catalogue-desktop")

        # The search box: by title, then by a phrase only the full text has.
        # (expect() retries: the search index script loads on the first keystroke.)
        search, visible = page.locator("#search"), page.locator("li.doc:visible h3")
        search.fill("停水")
        expect(visible).to_have_count(1)
        expect(visible).to_contain_text("停水通知")
        search.fill("学思用贯通")  # a run-in heading inside the speech, not its title
        expect(visible).to_have_count(1)
        expect(visible).to_contain_text("以学促干")
        search.fill("没有这样的文字")
        expect(visible).to_have_count(0)
        expect(page.locator("#nothing")).to_be_visible()
        search.fill("")
        expect(visible).to_have_count(3)

        # Sorting by title, then back by date (newest first; the notice dated by its signature).
        page.select_option("#sort", "title")
        titles = page.eval_on_selector_all("li.doc", "all => all.map(li => li.dataset.title)")
        collated = page.evaluate("t => [...t].sort((a, b) => a.localeCompare(b, 'zh-CN'))", titles)
        assert titles == collated
        page.select_option("#sort", "date")
        dates = page.eval_on_selector_all("li.doc", "all => all.map(li => li.dataset.date)")
        assert dates == ["2025-09", "2025-07-02", "2025-06-16"]

        # Every link leads to a file in the output folder.
        hrefs = page.eval_on_selector_all("a[href]", "all => all.map(a => a.href)")
        assert len(hrefs) >= 18
        for href in hrefs:
            target = visit.local_path(href)
            assert target is not None and target.is_file(), href
        visit.assert_clean()
    finally:
        visit.close()


def test_catalogue_on_a_phone(browser, published_inputs: Path, tmp_path: Path):
    visit = Visit(browser, published_inputs, PHONE)
    try:
        page = visit.open("index.html")
        load_all_images(page)
        # Nothing wider than the screen: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, tmp_path, "catalogue-phone")
        visit.assert_clean()
    finally:
        visit.close()


@pytest.fixture(scope="module")
def served(published_inputs: Path):
    """The output folder behind a plain static server (http.server) on a free port."""
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(published_inputs)
    )
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_catalogue_and_page_from_a_static_server(browser, published_inputs: Path, served: str):
    visit = Visit(browser, published_inputs, DESKTOP, base=served)
    try:
        page = visit.open("index.html")
        page.locator("#search").fill("学思用贯通")  # needs the search index script
        expect(page.locator("li.doc:visible")).to_have_count(1)
        page.locator("li.doc:visible h3 a").click()
        page.wait_for_load_state()
        assert page.url == served + "speech-study-session.html"
        assert page.evaluate("document.fonts.status") == "loaded"
        assert any(url.endswith(".woff2") for url in visit.loaded)
        visit.assert_clean()
    finally:
        visit.close()


def fonts_used(page) -> dict[tuple[str, bool], int]:
    """{(family, is web font): glyphs} over every element, as Chromium laid them out."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]
    body = next(
        node
        for html in root["children"]
        if html.get("nodeName") == "HTML"
        for node in html["children"]
        if node["nodeName"] == "BODY"
    )
    used: dict[tuple[str, bool], int] = {}
    stack = [body]
    while stack:
        node = stack.pop()
        stack.extend(node.get("children", []))
        if node["nodeType"] != 1:
            continue
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]:
            key = (font["familyName"], font["isCustomFont"])
            used[key] = used.get(key, 0) + font["glyphCount"]
    return used


# The paragraphs and list items of a page whose last line holds one letter (marks aside) after
# a line of the same block: their last characters as laid out.
LONE_LAST_LINES = r"""() => {
  const lone = [];
  for (const block of document.querySelectorAll("main p, main li")) {
    const lines = new Map();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (!box || !box.width) continue;
        const top = Math.round(box.top);
        lines.set(top, (lines.get(top) || "") + node.data[i]);
      }
    }
    const texts = [...lines.keys()].sort((a, b) => a - b).map((top) => lines.get(top));
    const letters = (texts.at(-1) || "").replace(/[\s\p{P}]/gu, "");
    if (texts.length > 1 && letters.length === 1) lone.push(texts.slice(-2).join(" | "));
  }
  return lone;
}"""


def check_reading_page(browser, output: Path, name: str, tmp_path: Path, shot: str | None):
    for viewport, suffix in ((DESKTOP, "desktop"), (PHONE, "phone")):
        visit = Visit(browser, output, viewport)
        try:
            page = visit.open(f"{name}.html")
            assert page.evaluate("document.documentElement.lang") == "zh-CN"
            used = fonts_used(page)
            # Every glyph on the page comes from the page's own web fonts: none from a font
            # installed here, so none is a fallback glyph on a reader's machine.
            assert used and all(web for _, web in used), used
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            lone = page.evaluate(LONE_LAST_LINES)
            assert lone == [], (suffix, lone)
            if shot:
                screenshot(page, tmp_path, f"{shot}-{suffix}")
            for href in page.eval_on_selector_all("a[href]", "all => all.map(a => a.href)"):
                target = visit.local_path(href)
                assert target is not None and target.is_file(), href
            visit.assert_clean()
        finally:
            visit.close()


@pytest.mark.shared_samples
def test_sample_speech_page(browser, published_speech: Path, tmp_path: Path):
    check_reading_page(browser, published_speech, "speech", tmp_path, "page-sample-speech")


def test_input_pages(browser, published_inputs: Path, tmp_path: Path):
    for stem in ("speech-study-session", "notice-water-outage", "report-first-half"):
        shot = {"speech-study-session": "page-speech", "notice-water-outage": "page-notice"}.get(
            stem
        )
        check_reading_page(browser, published_inputs, stem, tmp_path, shot)


def test_a_request_leaving_the_output_folder_is_caught(browser, tmp_path: Path):
    """The guard itself: a page reaching outside is seen (so a clean run means something)."""
    (tmp_path / "out").mkdir()
    (tmp_path / "outside.css").write_text("body { color: red; }", "utf-8")
    (tmp_path / "out" / "page.html").write_text(
        '<!DOCTYPE html><html lang="zh-CN"><head><link rel="stylesheet" href="../outside.css">'
        '<link rel="stylesheet" href="https://example.invalid/x.css"></head><body>x</body></html>',
        "utf-8",
    )
    visit = Visit(browser, tmp_path / "out", DESKTOP)
    try:
        visit.open("page.html")
        assert len(visit.outside) == 2
    finally:
        visit.close()


AUTOSPACE = """() => {
  // The first paragraph with a Chinese character next to a Latin letter or a digit: its
  // width as the page sets it, and with the browser's own default (no space added).
  const boundary = /[\\u4e00-\\u9fff][A-Za-z0-9]|[A-Za-z0-9][\\u4e00-\\u9fff]/g;
  for (const p of document.querySelectorAll("main p, body p")) {
    const found = p.textContent.match(boundary);
    if (!found) continue;
    const range = document.createRange();
    range.selectNodeContents(p);
    const width = () => [...range.getClientRects()].reduce((sum, r) => sum + r.width, 0);
    const set = width();
    p.style.textAutospace = "no-autospace";
    const plain = width();
    p.style.textAutospace = "";
    const size = parseFloat(getComputedStyle(p).fontSize);
    return {style: getComputedStyle(p).textAutospace, added: set - plain, size, count: found.length};
  }
  return null;
}"""


def test_a_page_spaces_chinese_from_latin_and_digits(browser, published_inputs: Path):
    """text-autospace: an eighth of an em at each boundary between Chinese and Latin letters
    or digits, measured on the laid-out paragraph against the browser's default."""
    visit = Visit(browser, published_inputs, DESKTOP)
    try:
        page = visit.open("report-first-half.html")
        measured = page.evaluate(AUTOSPACE)
        assert measured is not None, "the report has a number in its text"
        assert measured["style"] == "normal"
        assert measured["added"] >= 0.1 * measured["size"]  # at least one boundary spaced
        visit.assert_clean()
    finally:
        visit.close()
