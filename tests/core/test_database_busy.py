"""A database too busy to take a write in time: readers get a friendly 503, never a 500.

Another connection holds the write lock (SQLite) or an exclusive table lock (PostgreSQL) while
the site's own connection waits only a moment for it.
"""

import contextlib

from django.db import connection, connections
from django.test import Client

import pytest

from comments.models import ArticleComment
from comments.notifications import unsubscribe_token
from tests.factories import ArticlePageFactory
from tests.utils.comments import csrf_client, form_fields, make_comment
from tests.utils.html import field_value, form_errors, parse, text

pytestmark = pytest.mark.django_db(transaction=True)


@contextlib.contextmanager
def database_busy():
    """Hold the write lock from a second connection; the site's connection gives up quickly."""
    other = connections.create_connection("default")
    other.ensure_connection()
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        connection.connection.execute("PRAGMA busy_timeout = 200")
        other.connection.execute("BEGIN IMMEDIATE")
    else:
        connection.connection.execute("SET lock_timeout = '200ms'")
        other.connection.execute("BEGIN")
        # A comment's fields live in three tables (multi-table inheritance from xtd).
        tables = [
            m._meta.db_table for m in [ArticleComment, *ArticleComment._meta.get_parent_list()]
        ]
        other.connection.execute(f"LOCK TABLE {', '.join(tables)} IN EXCLUSIVE MODE")
    try:
        yield
    finally:
        other.connection.rollback()
        other.close()
        connection.close()  # the next test gets the configured timeouts back


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Bins and recycling", slug="bins")


def test_a_comment_that_cannot_get_the_lock_answers_503_and_keeps_the_text(article):
    client = csrf_client()
    data = form_fields(client, article) | {
        "name": "Patient Reader",
        "email": "patient@example.org",
        "url": "",
        "comment": "Collections moved to Tuesday without notice.",
    }
    with database_busy():
        response = client.post("/comments/post/", data)
    page = parse(response, 503)
    assert int(response["Retry-After"]) > 0
    assert text(page.h1) == "Bins and recycling"  # the article again, not an error page
    assert field_value(page, "comment") == "Collections moved to Tuesday without notice."
    assert field_value(page, "name") == "Patient Reader"
    assert any("very busy" in error for error in form_errors(page))
    assert ArticleComment.objects.count() == 0
    # The re-rendered form can be sent again as it is once the database is free.
    again = form_fields(client, article) | {k: data[k] for k in ("name", "email", "comment")}
    assert client.post("/comments/post/", again).status_code == 302
    assert ArticleComment.objects.count() == 1


@pytest.mark.parametrize("debug", [False, True], ids=["production", "make run"])
def test_any_other_write_that_cannot_get_the_lock_answers_a_friendly_503(article, settings, debug):
    settings.DEBUG = debug
    make_comment(article, user_email="busy@example.org", followup=True)
    client = Client(raise_request_exception=False)
    with database_busy():
        response = client.post(f"/comments/unsubscribe/{unsubscribe_token('busy@example.org')}/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    page = parse(response, 503)
    assert text(page.h1) == "The site is busy"
    assert page.find("link", rel="stylesheet")["href"] == "/static/css/main.css"
    assert ArticleComment.objects.get().followup is True
