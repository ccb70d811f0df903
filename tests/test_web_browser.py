"""The browser workspace in a real browser: headless Chromium (Debian's, `.ci/chromium`)
driven by Playwright against `lagebild serve` started on localhost. Paste an article and
see its marks, filter the events table, open an actor, browse quotes, at laptop and phone
widths; any console error fails the test. Screenshots go to a folder the tests print."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from lagebild.corpus.run import CorpusRun
from lagebild.pipeline import default_pipeline
from lagebild.store import open_engine

playwright_api = pytest.importorskip("playwright.sync_api")


def _chromium() -> str:
    path = os.environ.get("LAGEBILD_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the browser tests: no chromium (see .ci/chromium)")
        pytest.skip("no Chromium: install it (.ci/chromium) or set LAGEBILD_CHROMIUM")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, repo):
    """`lagebild serve` in its own process on a store filled by a corpus run."""
    store = str(tmp_path_factory.mktemp("browser") / "store.db")
    inputs = [str(repo / "examples")] + [str(p) for p in sorted((repo / "eval" / "heldout").glob("*.txt"))]
    CorpusRun(open_engine(store), default_pipeline()).run(inputs)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "lagebild.cli", "serve", "--store", store, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/openapi.json", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"lagebild serve ended: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("LAGEBILD_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    print(f"\nscreenshots of the workspace: {folder}", file=sys.__stderr__)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and uncaught exceptions; any fails the test."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    yield pg
    context.close()
    assert not errors, errors


def test_paste_an_article_and_see_its_marks(page, server, shots, repo):
    text = (repo / "examples" / "wikinews-gdp-schaeuble-2005-12-19.txt").read_text(encoding="utf-8")
    page.goto(server + "/ui/")
    page.fill("#text", text)
    page.fill("input[name=published]", "2005-12-19")
    page.click("#analyse")
    page.wait_for_selector("#marked .m")
    assert page.locator("#marked .m.trigger").count() >= 1
    assert page.locator("#marked .m.quote").count() >= 1
    assert page.locator("#marked .m.actor").count() >= 5
    assert page.locator("#marked").inner_text().strip()[:40] == text.strip()[:40]
    # a click on an event trigger shows the event in the panel and selects its marks
    page.locator("#marked .m.trigger").first.click()
    assert "Event" in page.inner_text("#details")
    assert page.locator("#marked .m.selected").count() >= 1
    page.screenshot(path=str(shots / "article.png"), full_page=True)


def test_filter_the_events_table(page, server, shots):
    page.goto(server + "/ui/events")
    total = int(page.inner_text("#event-total"))
    assert total > 1
    assert page.locator("svg .country").count() > 150            # the world map
    first_type = page.locator("#events-table tbody tr .type").first.inner_text()
    page.select_option("select[name=type]", first_type)
    page.click("#filter")
    page.wait_for_url("**type=*")
    filtered = int(page.inner_text("#event-total"))
    assert 1 <= filtered <= total
    types = page.locator("#events-table tbody tr .type").all_inner_texts()
    assert types and set(types) == {first_type}
    page.screenshot(path=str(shots / "events.png"), full_page=True)


def test_open_an_actor_and_the_network(page, server, shots):
    page.goto(server + "/ui/events")
    link = page.locator("#events-table tbody a[href^='/ui/actors/']").first
    name = link.inner_text()
    link.click()
    page.wait_for_selector("#actor-name")
    assert page.inner_text("#actor-name") == name
    page.screenshot(path=str(shots / "actor.png"), full_page=True)
    page.goto(server + "/ui/actors")
    page.wait_for_selector("#network[data-ready]", timeout=20_000)
    assert int(page.get_attribute("#network", "data-ready")) >= 2
    assert page.locator("#actors-table tbody tr").count() > 5
    page.screenshot(path=str(shots / "actors.png"), full_page=True)


def test_quotes_by_speaker(page, server, shots):
    page.goto(server + "/ui/quotes")
    assert page.locator("blockquote").count() >= 1
    options = page.locator("select[name=speaker] option")
    assert options.count() > 1
    page.screenshot(path=str(shots / "quotes.png"), full_page=True)


@pytest.mark.parametrize("path", ["/ui/", "/ui/events", "/ui/actors", "/ui/quotes"])
def test_pages_fit_a_phone(browser, server, shots, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(server + path)
    # the page itself never scrolls sideways: wide tables scroll inside their card
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    pg.screenshot(path=str(shots / f"phone-{path.strip('/').replace('/', '-') or 'home'}.png"), full_page=True)
    context.close()
    assert not errors
