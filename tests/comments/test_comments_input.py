"""Hostile or careless input to the comment form: clear errors, never a 500, never an echo.

Run these on PostgreSQL too (CI does): SQLite does not enforce column lengths, so an
over-long value that slips past the form only fails there.
"""

import io
import os

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from comments.models import ArticleComment
from tests.factories import ArticlePageFactory
from tests.utils.comments import csrf_client, post_comment
from tests.utils.html import field_value, form_errors, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Street lighting", slug="street-lighting")


def address(length):
    """A well-formed email address of exactly `length` characters."""
    local = "a" * 64
    labels = []
    remaining = length - len(local) - 1 - len(".org")
    while remaining > 0:
        label = min(63, remaining - 1 if labels else remaining)
        labels.append("b" * label)
        remaining -= label + (1 if len(labels) > 1 else 0)
    domain = ".".join(labels) + ".org"
    value = f"{local}@{domain}"
    assert len(value) == length, len(value)
    return value


def website(length):
    prefix = "https://example.org/"
    return prefix + "p" * (length - len(prefix))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", address(255), "Your email address can be at most 254 characters long"),
        ("email", address(320), "Your email address can be at most 254 characters long"),
        ("url", website(201), "Your website address can be at most 200 characters long"),
        ("url", website(2048), "Your website address can be at most 200 characters long"),
        ("name", "N" * 51, "Your name can be at most 50 characters long"),
    ],
    ids=["email-255", "email-320", "url-201", "url-2048", "name-51"],
)
def test_values_longer_than_their_column_get_a_clear_error_by_the_field(
    field, value, message, article
):
    response = post_comment(csrf_client(), article, **{field: value})
    assert any(message in error for error in form_errors(parse(response, 400)))
    assert not ArticleComment.objects.exists()


def test_values_at_their_limits_are_stored(article):
    response = post_comment(
        csrf_client(), article, name="N" * 50, email=address(254), url=website(200)
    )
    assert response.status_code == 302
    stored = ArticleComment.objects.get()
    assert (len(stored.user_name), len(stored.user_email), len(stored.user_url)) == (50, 254, 200)


@pytest.mark.parametrize(
    "name",
    [
        "Eve\r\nApprove it: https://evil.example/",
        "Eve\nBcc: x@example.org",
        "Eve\x1b[2J",
        "A\u2028B",
    ],
)
def test_line_breaks_and_control_characters_are_refused_in_the_name(name, article):
    response = post_comment(csrf_client(), article, name=name)
    errors = form_errors(parse(response, 400))
    assert any("Your name must be on one line" in error for error in errors)
    assert not ArticleComment.objects.exists()


@pytest.mark.parametrize(
    "text",
    ["\u200b\u200b\u200b", " \u200b\n\u2060\ufeff\u200d ", "\u3164\u3164", "\u00ad\u034f"],
    ids=["zero-width-spaces", "mixed-invisible", "hangul-filler", "soft-hyphen-cgj"],
)
def test_a_comment_with_nothing_visible_is_refused(text, article):
    response = post_comment(csrf_client(), article, comment=text)
    assert "Comment: Write your comment." in form_errors(parse(response, 400))
    assert not ArticleComment.objects.exists()


def test_a_name_with_nothing_visible_is_refused(article):
    response = post_comment(csrf_client(), article, name="\u200b\u200b")
    assert "Name: Enter your name." in form_errors(parse(response, 400))


def test_text_with_joiners_between_visible_characters_is_kept(article):
    family = "\U0001f469\u200d\U0001f467 Thank you"
    assert post_comment(csrf_client(), article, comment=family).status_code == 302
    assert ArticleComment.objects.get().comment == family


def test_an_over_long_comment_is_echoed_only_up_to_its_limit(article):
    kept, extra = "k" * 3000, "OVERFLOW-MARKER" * 1000
    response = post_comment(csrf_client(), article, comment=kept + extra, name="Z" * 5000)
    page = parse(response, 400)
    errors = form_errors(page)
    assert any("Your comment is 18000 characters long; the limit is 3000" in e for e in errors)
    assert field_value(page, "comment") == kept
    assert field_value(page, "name") == "Z" * 50
    assert "OVERFLOW-MARKER" not in response.content.decode()  # raw: not even in an attribute


def test_a_huge_post_is_refused_without_echoing_it(article):
    client = csrf_client()
    response = post_comment(client, article, comment="h" * (10 * 1024 * 1024))
    assert response.status_code == 400
    assert len(response.content) < 100_000
    assert not ArticleComment.objects.exists()


@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "latin-1", "no-such-charset"])
@pytest.mark.parametrize("url", ["/", "/comments/post/", "/admin/login/", "/no-such-page/"])
def test_forms_in_other_charsets_than_utf8_get_a_400_on_any_url(charset, url, home):
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "c" * 32
    response = client.generic(
        "POST",
        url,
        b"csrfmiddlewaretoken=" + b"c" * 32 + b"&a=\xe9",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 400


def test_a_utf8_charset_is_accepted(article):
    client = Client(enforce_csrf_checks=True)
    token = client.cookies["csrftoken"] = "c" * 32
    plain = client.generic(
        "POST",
        "/no-such-page/",
        f"csrfmiddlewaretoken={token}".encode(),
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert plain.status_code == 404


def noise_png(width, height):
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def test_image_uploads_larger_than_the_form_data_limit_still_work(superuser, settings):
    image = noise_png(1100, 1000)
    assert len(image) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # Django's default, 2.5 MB
    client = Client()
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Big photo", "file": SimpleUploadedFile("big.png", image, "image/png")},
    )
    assert response.status_code == 302
    assert get_image_model().objects.get().title == "Big photo"
