"""The site heals itself: dropped database connections are replaced, not served as errors."""

import urllib.request

from django.db import connection

import pytest

from tests.factories import ArticlePageFactory


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status


@pytest.mark.django_db(transaction=True)
def test_the_site_recovers_when_postgresql_drops_its_connections(live_server, home, index):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL behaviour; the suite runs again on PostgreSQL in CI")
    article = ArticlePageFactory(parent=index, title="Survivor")
    url = live_server.url + article.url
    assert fetch(url) == 200
    # What a database restart does to an app server: every connection it holds dies.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    statuses = [fetch(url) for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert fetch(live_server.url + "/healthz") == 200
