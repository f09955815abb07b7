"""Real-browser harness: Debian's Chromium driven by Playwright against pytest-django's live server.

One browser per session; each test gets fresh browser contexts (a context is a private
window: its own cookies) and a live server on the same test database, loaded with the demo
content. Requests to anything but loopback are aborted, and a test that made one fails: the
site must make no third-party calls. When a test fails, a screenshot and the HTML of every
page it had open are saved under tests/artifacts/ and their paths are printed.
"""

import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

from django.db import connection

import pytest

from tests.utils.demo import DEMO_PASSWORD, load_demo

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A dead proxy keeps Chromium's own calls home off the network. Chromium never sends
    # loopback addresses to a proxy, so the live server is still reached directly (do not add
    # --proxy-bypass-list=<-loopback>: that removes the implicit bypass and breaks loopback).
    "--proxy-server=http://127.0.0.1:9",
]
ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
TIMEOUT_MS = 15_000

_contexts_key = pytest.StashKey[list]()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def unavailable(reason: str):
    """Fail in CI, where the browser tests must run; skip elsewhere with the reason."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            # Their live server makes them transactional (pytest-django); tests/conftest.py puts
            # the migrations' rows back after each one's flush.
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time():
    """On SQLite, the site answers one request at a time, while every socket has a thread.

    The test database is one SQLite file, which takes one writer at a time: a page, the
    renditions its images make and the admin's autosave, all at once, would queue on its lock
    and on a slow machine give up with a 503 after SQLITE_BUSY_TIMEOUT. So the site runs under
    a lock and reads its whole answer before letting go. The sockets keep their own threads: a
    server with one thread waits on whichever socket it accepted first, and Chromium opens
    sockets before it needs them, so a page could stall behind an idle one until the browser
    gave up on it (tests/browser/test_live_server.py).
    """
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite":
        yield
        return

    class OneAnswerAtATimeServer(ThreadedWSGIServer):
        def set_app(self, application):
            lock = threading.Lock()

            def one_at_a_time(environ, start_response):
                with lock:
                    result = application(environ, start_response)
                    try:
                        return [b"".join(result)]
                    finally:
                        if hasattr(result, "close"):
                            result.close()

            super().set_app(one_at_a_time)

    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = OneAnswerAtATimeServer
    yield
    LiveServerThread.server_class = threaded


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed: pip install -e '.[dev]'")
    if not Path(CHROMIUM).exists():
        unavailable(f"No Chromium at {CHROMIUM}: apt-get install chromium")
    # Playwright's sync API keeps an event loop running in this thread while it is started,
    # which trips Django's guard against ORM calls from async code; the tests' ORM calls are
    # plain synchronous code. Set only while this module's browser runs (module scope), so no
    # other test, or subprocess, inherits it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as exc:
        playwright.stop()
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        unavailable(f"Chromium at {CHROMIUM} could not start: {exc}")
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo_site(live_server, settings, monkeypatch, request, tmp_path_factory):
    """The live server's base URL, with the demo content loaded and media files served."""
    settings.ROOT_URLCONF = "tests.browser.urls"
    # Absolute links (the language switcher, feeds) lead to the server the browser talks to.
    settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    load_demo(request.config, tmp_path_factory, Path(settings.MEDIA_ROOT))
    return live_server.url


def is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in {"http", "https", "ws", "wss"} or parts.hostname in LOOPBACK


@pytest.fixture
def new_context(browser, demo_site, request):
    """Open a fresh browser context (no cookies) on the live server: new_context(**options)."""
    contexts = request.node.stash.setdefault(_contexts_key, [])
    blocked = []

    def block(route):
        blocked.append(route.request.url)
        route.abort("blockedbyclient")

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 800})
        context = browser.new_context(base_url=demo_site, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        context.route(lambda url: not is_loopback(url), block)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    if blocked:
        pytest.fail(
            "The pages asked for non-loopback resources (blocked):\n  " + "\n  ".join(blocked),
            pytrace=False,
        )


@pytest.fixture
def page(new_context):
    return new_context().new_page()


def login(context, username: str):
    """Log a context in to the Wagtail admin with the demo password."""
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def skip_to_main(page):
    """Tab once from the top: the skip link is focused and visible; Enter puts focus in main."""
    from playwright.sync_api import expect

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()


def comment_form(page):
    """The "Leave a Reply" section under an article, with the comment form."""
    return page.get_by_role("region", name="Leave a Reply")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and report.when in {"setup", "call"}:
        saved = save_artifacts(item)
        terminal = item.config.pluginmanager.get_plugin("terminalreporter")
        if saved and terminal is not None:
            terminal.write_line("")
            terminal.write_line(f"Browser artifacts of {item.nodeid}:")
            for line in saved:
                terminal.write_line(f"  {line}")
    return report


def save_artifacts(item) -> list[str]:
    pages = [page for context in item.stash.get(_contexts_key, []) for page in context.pages]
    fixture_page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if fixture_page is not None and fixture_page not in pages:
        pages.insert(0, fixture_page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", item.nodeid.split("::", 1)[-1])
    saved = []
    for n, page in enumerate(pages):
        if page.is_closed():
            continue
        base = ARTIFACTS / (stem if n == 0 else f"{stem}-{n}")
        try:
            page.screenshot(path=f"{base}.png", full_page=True, timeout=10_000)
            saved.append(f"{base}.png  ({page.url})")
        except Exception as exc:  # a crashed page must not hide the test's own failure
            saved.append(f"{base}.png could not be saved: {exc}")
        try:
            Path(f"{base}.html").write_text(page.content(), encoding="utf-8")
            saved.append(f"{base}.html")
        except Exception as exc:
            saved.append(f"{base}.html could not be saved: {exc}")
    return saved
