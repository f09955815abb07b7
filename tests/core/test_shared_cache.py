"""The embedded default's cache is one cache for every process on the machine.

A running server keeps /news/ in its page cache; a management command, another process,
imports articles; the server's next answer lists them. With a cache in each process's
memory the server went on showing the old list until the entry expired.
"""

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from django.db import connection

import pytest

from tests.factories import ArticlePageFactory
from tests.utils.html import card_titles, parse_markup

BASE_DIR = Path(__file__).resolve().parents[2]
EXPORT = BASE_DIR / "tests" / "wordpress_import" / "fixtures" / "wordpress" / "export.xml"


def fetch(url):
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.headers, response.read().decode()


def listed_titles(html):
    return card_titles(parse_markup(html))


def this_database_url():
    """The URL of the database this test runs on, for a command run in another process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def manage(*args, **env):
    """Run manage.py in a process of its own, with the test environment."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**os.environ, "DATABASE_URL": this_database_url(), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.django_db(transaction=True)
def test_an_import_by_another_process_shows_on_the_running_server_at_once(
    live_server, settings, index, tmp_path
):
    settings.PAGE_CACHE_ENABLED = True
    ArticlePageFactory(parent=index, title="Bus lanes for the market road")
    url = live_server.url + "/news/"
    fetch(url)
    headers, html = fetch(url)
    assert headers["X-Cache"] == "HIT"  # the list now comes from the server's cache
    assert "Five lessons from the local assembly" not in listed_titles(html)

    manage("import_wordpress", str(EXPORT), MEDIA_ROOT=str(tmp_path / "media"))

    _headers, html = fetch(url)
    titles = listed_titles(html)
    assert "Five lessons from the local assembly" in titles
    assert "Bus lanes for the market road" in titles
