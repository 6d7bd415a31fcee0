"""Headless Chromium over the real app, for the pages people open in a browser.

tests/conftest.py imports the fixtures below once for the whole session; a test
module just asks for them:

    @pytest.mark.browser
    def test_page(browser_page, live_server):
        page = browser_page
        page.goto(live_server.url + "/viz/")
        ...
        assert browser_page.external_requests == []
        browser_page.snap("viz-index")

- `chromium_path`: Debian's chromium, installed with apt-get when missing (CI runs as
  root; elsewhere the tests skip with the reason). Playwright's own browser download
  is never used, so no `playwright install`.
- `live_server`: the FastAPI app under uvicorn on a free 127.0.0.1 port, in a thread,
  over the session's seed-loaded Ladybug store (`ladybug_store` from conftest.py).
- `browser_page`: a fresh Playwright page; every request it makes is recorded on
  `page.requests`, the ones that did not go to 127.0.0.1 on `page.external_requests`,
  console errors on `page.console_errors`; `page.snap(name)` saves a PNG under
  tests/artifacts/ (gitignored) and returns its path.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("PLANKG_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--font-render-hinting=none",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

__all__ = ["chromium_path", "live_server", "playwright_browser", "browser_page", "LiveServer", "ensure_chromium", "is_local"]


def ensure_chromium() -> Path:
    """Debian's chromium, apt-installed if missing. Returns the binary; raises
    RuntimeError with the reason when it cannot be had."""
    # Without a CJK font the pages still draw, but screenshots show boxes for Chinese.
    has_cjk = any(Path("/usr/share/fonts").glob("**/NotoSansCJK*"))
    if CHROMIUM.exists() and (has_cjk or os.geteuid() != 0):
        return CHROMIUM
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        raise RuntimeError(f"{CHROMIUM} is missing and cannot be installed here (needs root and apt-get)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", "chromium", "fonts-noto-cjk"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr[-2000:]}")
    if not CHROMIUM.exists():
        raise RuntimeError(f"apt-get installed chromium but {CHROMIUM} is still missing")
    return CHROMIUM


def is_local(url: str) -> bool:
    """True for loopback http(s) and for URLs that never touch the network."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome", "chrome-extension", "devtools"):
        return True
    return parts.hostname in LOCAL_HOSTS or f"[{parts.hostname}]" in LOCAL_HOSTS


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    app: object
    server: object
    thread: threading.Thread


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    try:
        return ensure_chromium()
    except RuntimeError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def live_server(ladybug_store):
    """The app served by uvicorn on 127.0.0.1 in a daemon thread."""
    import uvicorn

    from plankg.api.app import create_app

    app = create_app(store=ladybug_store)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="plankg-live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    yield LiveServer(url=f"http://127.0.0.1:{port}", app=app, server=server, thread=thread)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def playwright_browser(chromium_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]' (playwright)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(playwright_browser, request):
    """A fresh page (1280×900, zh-CN) recording its requests; closed after the test."""
    context = playwright_browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.requests = []
    page.external_requests = []
    page.console_errors = []

    def _on_request(req):
        page.requests.append(req.url)
        if not is_local(req.url):
            page.external_requests.append(req.url)

    page.on("request", _on_request)
    # Recorded above; aborted here so an offline CI fails fast instead of waiting.
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))

    def snap(name: str, **kwargs) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), **kwargs)
        return path

    page.snap = snap
    yield page
    context.close()
