"""Helpers shared by the comment tests (no tests here)."""

import json
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from wagtail.models import Site

from bs4 import BeautifulSoup

from articles.models import ArticlePage
from comments.models import ArticleComment, CommentSettings, CommentStatus


def csrf_client():
    return Client(enforce_csrf_checks=True)


def form_fields(client, article, query=""):
    """GET the article as a browser would and return the form's hidden fields, CSRF token included."""
    response = client.get(article.url + query)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    form = page.find(id="comment-form") or page  # closed comments: no form, post anyway
    return {
        field["name"]: field.get("value", "") for field in form.find_all("input", type="hidden")
    }


def post_comment(client, article, query="", ip="203.0.113.7", **fields):
    data = form_fields(client, article, query)
    data.update(
        name="Ada Reader",
        email="ada@example.org",
        url="",
        comment="A thoughtful comment about local government.",
    )
    data.update(fields)
    return client.post("/comments/post/", data, REMOTE_ADDR=ip)


def rules(**values):
    site = Site.objects.get(is_default_site=True)
    settings_obj, _ = CommentSettings.objects.update_or_create(site=site, defaults=values)
    return settings_obj


def make_comment(article, status=CommentStatus.APPROVED, parent=None, **fields):
    values = {
        "user_name": "Reader",
        "user_email": "reader@example.org",
        "comment": "Comment text.",
        "ip_address": "198.51.100.4",
        **fields,
    }
    comment = ArticleComment(
        content_type=ContentType.objects.get_for_model(ArticlePage),
        object_pk=str(article.pk),
        site_id=1,
        submit_date=timezone.now(),
        parent_id=parent.pk if parent else 0,
        **values,
    )
    comment.set_status(status)
    comment.save()
    return comment


def _sidebar_strings(response) -> list[str]:
    """Every string in the Wagtail admin sidebar's JSON props: labels, URLs, names."""
    props = BeautifulSoup(response.content, "html.parser").find(id="wagtail-sidebar-props")
    found = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.append(value)

    walk(json.loads(props.string))
    return found


def admin_menu_urls(response) -> set[str]:
    """The path of every link in the Wagtail admin's sidebar menu (from its JSON props)."""
    return {urlsplit(s).path for s in _sidebar_strings(response) if s.startswith("/admin/")}


def admin_menu_labels(response) -> set[str]:
    """The strings of the admin sidebar menu, among them every item's label."""
    return set(_sidebar_strings(response))


def as_user(user):
    """A test client signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client
