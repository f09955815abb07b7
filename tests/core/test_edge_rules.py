"""deploy/varnish/site.vcl on its own: what Varnish stores, in front of a stand-in app.

The stand-in answers each path with the headers a test asks for and counts the requests that
reach it, so each rule shows as "the app was asked again" or not. The site itself behind
Varnish is tested in test_edge.py. Skipped without varnishd locally; CI fails instead.
"""

import http.server
import threading
from collections import Counter
from pathlib import Path

import pytest

from tests.utils import edge

# path: the headers the stand-in app answers it with.
ANSWERS = {
    "/public/": {"Cache-Control": "public, max-age=0, s-maxage=600, stale-while-revalidate=30"},
    "/sets-a-cookie/": {
        "Cache-Control": "public, s-maxage=600",
        "Set-Cookie": "csrftoken=abc; Path=/",
    },
    "/private/": {"Cache-Control": "private, no-cache"},
    "/no-lifetime/": {},
    "/by-language/": {"Cache-Control": "public, s-maxage=600", "Vary": "Accept-Language, Cookie"},
}


class StandIn(http.server.BaseHTTPRequestHandler):
    asked: Counter = Counter()

    def do_GET(self):
        self.asked[self.path] += 1
        body = f"{self.path} answer {self.asked[self.path]}".encode()
        self.send_response(200)
        for name, value in ANSWERS.get(self.path.split("?")[0], {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def varnish(tmp_path_factory):
    if not edge.varnishd_available():
        edge.unavailable(f"No varnishd at {edge.VARNISHD}: apt-get install varnish")
    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    logs = Path(tmp_path_factory.mktemp("edge-rules"))
    server, _ = edge.varnish(edge.free_port(), [app.server_address[1]], logs)
    try:
        server.start(ready_path="/ready")
        yield server.url
    finally:
        server.stop()
        app.shutdown()
        app.server_close()


@pytest.fixture(autouse=True)
def _fresh(varnish):
    StandIn.asked.clear()
    assert edge.session().request("BAN", varnish + "/", timeout=edge.REQUEST_SECONDS).ok


def get(url, **headers):
    return edge.session().get(url, headers=headers, timeout=edge.REQUEST_SECONDS)


def test_a_public_answer_is_stored_and_served_again(varnish):
    first, second = get(varnish + "/public/"), get(varnish + "/public/")
    assert [first.headers["X-Edge-Cache"], second.headers["X-Edge-Cache"]] == ["MISS", "HIT"]
    assert second.text == first.text == "/public/ answer 1"
    assert "x-url-path" not in {name.lower() for name in second.headers}


@pytest.mark.parametrize("path", ["/sets-a-cookie/", "/private/", "/no-lifetime/"])
def test_answers_the_app_does_not_share_are_never_stored(varnish, path):
    for n in (1, 2, 3):
        answer = get(varnish + path)
        assert answer.text == f"{path} answer {n}"
        assert answer.headers["X-Edge-Cache"] != "HIT"
    assert StandIn.asked[path] == 3


def test_what_does_not_change_a_page_does_not_split_the_cache(varnish):
    get(varnish + "/by-language/?b=2&a=1", **{"Accept-Language": "es"})
    for url, headers in [
        (
            "/by-language/?a=1&b=2",
            {"Accept-Language": "fr", "Cookie": "csrftoken=x; _ga=1; mysessionid=2"},
        ),
        ("/by-language/?utm_source=mail&b=2&fbclid=z&a=1", {}),
        ("/by-language/?a=1&b=2", {"X-Forwarded-Proto": "made-up"}),
    ]:
        answer = get(varnish + url, **headers)
        assert answer.headers["X-Edge-Cache"] == "HIT", url
    # The stand-in saw the request once, with the campaign tags gone and the rest sorted.
    assert StandIn.asked == {"/by-language/?a=1&b=2": 1}


def test_a_reader_with_a_session_is_passed_with_their_cookies(varnish):
    get(varnish + "/public/")
    for cookie in ("sessionid=abc", "messages=x", "a=1; ogp_own_comments=7"):
        assert get(varnish + "/public/", Cookie=cookie).headers["X-Edge-Cache"] == "PASS"
    assert StandIn.asked["/public/"] == 4
