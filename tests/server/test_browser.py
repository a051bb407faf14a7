"""A real browser against the real server: paste the sample, click Analyze, look at the report.

Uses Debian's ``/usr/bin/chromium`` driven by the ``playwright`` package (never
``playwright install``, which downloads a browser); ``make browser`` installs
chromium with apt-get. Saves ``out/test-artifacts/report.png`` (the top of the
report, used in the README) and ``report-full.png`` (the whole page).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsift import registry
from newsift.errors import NewsiftError
from newsift.pipeline import DEFAULT_PIPELINE, Pipeline
from newsift.report import render_html
from newsift.server import Settings, create_app
from tests.conftest import ROOT
from tests.report.hostile import HOSTILE_DUMP, hostile_document
from tests.server.conftest import SAMPLE_TEXT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = ROOT / "out" / "test-artifacts"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} not found: run `make browser` (apt-get install chromium) to enable",
)


def _pipeline() -> Pipeline:
    """The default pipeline, with claims when that analyzer loads (a fuller screenshot)."""
    if "claims.checkworthy.v1" in registry.names():
        try:
            extended = Pipeline.from_config([*DEFAULT_PIPELINE, "claims.checkworthy.v1"])
            extended.setup()
            return extended
        except (NewsiftError, OSError):  # another package half-built: not this test's subject
            pass
    return Pipeline.from_config(DEFAULT_PIPELINE)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    import uvicorn

    app = create_app(_pipeline(), Settings())
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    runner = uvicorn.Server(config)
    thread = threading.Thread(target=runner.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not runner.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    runner.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 1500})
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.csp_errors = []  # type: ignore[attr-defined]

    def on_dialog(dialog: Any) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "console",
        lambda m: page.csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield page
    context.close()


def _analyze(page: Any, server: str, text: str) -> None:
    page.goto(server + "/")
    page.fill("#text", text)
    with page.expect_navigation():
        page.click("#analyze")


def test_paste_sample_and_see_the_report(page: Any, server: str) -> None:
    _analyze(page, server, SAMPLE_TEXT)
    assert page.title().startswith("Closing Ferncastle General")
    assert page.locator("mark.q").count() >= 10  # quote highlights
    assert page.locator("mark.q-anon").count() >= 1
    assert page.locator("#sources table tbody tr").count() >= 6
    assert page.locator(".comment").count() == 7
    assert page.locator(".comment .badge").count() >= 1
    assert page.locator("ol.notes li.n-flag").count() >= 1
    # the stylesheet applied under the CSP (its hash matched): highlights are coloured
    colour = page.eval_on_selector("mark.q-named", "m => getComputedStyle(m).backgroundColor")
    assert colour == "rgb(214, 230, 255)"
    assert page.csp_errors == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"))
    page.screenshot(path=str(ARTIFACTS / "report-full.png"), full_page=True)


def test_keyboard_reaches_skip_links_and_marks(page: Any, server: str) -> None:
    _analyze(page, server, SAMPLE_TEXT)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.evaluate("document.activeElement.textContent") == "Skip to summary"
    page.locator("mark[tabindex='0']").first.focus()
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label and label.startswith(("Indirect quote", "Direct quote", "Mixed quote", "Check"))


def test_hostile_paste_runs_nothing(page: Any, server: str) -> None:
    _analyze(page, server, HOSTILE_DUMP)
    page.wait_for_load_state("load")
    assert page.dialogs == []
    assert page.evaluate("document.querySelectorAll('script, img, iframe, svg a').length") == 0
    assert "<script>alert('script')</script>" in page.inner_text("body")  # shown as text


def test_hostile_report_file_runs_nothing(page: Any) -> None:
    page.set_content(render_html(hostile_document()))
    page.wait_for_load_state("load")
    assert page.dialogs == []
    assert page.evaluate("document.querySelectorAll('script, img, iframe').length") == 0
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h.lower().lstrip().startswith("javascript")]
