"""The harness itself: the live server must not stall a page behind a socket nobody uses."""

import socket
from urllib.parse import urlsplit

from playwright.sync_api import expect


def test_a_page_loads_while_another_socket_sits_idle(page, demo_site):
    # Chromium opens sockets before it has a request for them; a server that waits on the
    # first socket it accepted would leave the page, and every image on it, waiting too.
    address = urlsplit(demo_site)
    with socket.create_connection((address.hostname, address.port)):
        page.goto("/authors/amara-okafor/", timeout=5_000)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
