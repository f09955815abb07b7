"""Spam and abuse defences: each refuses or diverts a comment and keeps what was typed."""

from html.parser import HTMLParser

from django.core import mail

import pytest

from comments.forms import ArticleCommentForm
from comments.models import ArticleComment, CommentStatus
from tests.factories import ArticlePageFactory
from tests.utils.comments import (
    csrf_client,
    form_fields,
    make_comment,
    post_comment,
    rules,
)
from tests.utils.html import comment_bodies, field_value, form_errors, parse, text, texts

pytestmark = pytest.mark.django_db

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "<iframe src=javascript:alert(1)>",
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "javascript:alert(1)",
    '<math><mi//xlink:href="data:x,<script>alert(1)</script>">',
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<base href=javascript:alert(1)//>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<textarea></textarea><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "{{ 7*7 }}{% debug %}",
    "<scr<script>ipt>alert(1)</script>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<div style="background:url(javascript:alert(1))">',
    'http://example.com/"onmouseover="alert(1)',
    "https://example.com/<script>alert(1)</script>",
    '<a href="https://example.com" onclick="alert(1)">click</a>',
]


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.script_text, self._in_script = [], [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value or "") for name, value in attrs)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text.append(data)


def assert_inert(body):
    """No payload became markup: no handlers, scripts, javascript: URLs or embedding tags."""
    parsed = _Elements()
    parsed.feed(body)
    assert not any("alert" in text for text in parsed.script_text)
    for tag, name, value in parsed.attrs:
        assert not (name.startswith("on") and "alert" in value), (tag, name, value)
        if name in ("href", "src", "action", "formaction", "data"):
            assert not value.strip().lower().startswith("javascript:"), (tag, name, value)
        assert not (tag == "meta" and name == "http-equiv" and value.lower() == "refresh")
    # The site's own <details> (search, filters) is fine: a payload's one would need a handler
    # such as ontoggle, which the attribute check above refuses.
    for tag in ("iframe", "object", "embed", "base", "marquee", "video", "math"):
        assert tag not in parsed.tags, tag


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Open contracting", slug="open-contracting")


def test_a_filled_honeypot_is_refused_and_nothing_is_stored(article):
    response = post_comment(csrf_client(), article, honeypot="I am a bot", comment="Buy now")
    page = parse(response, 400)
    assert any("could not be verified" in error for error in form_errors(page))
    assert field_value(page, "comment") == "Buy now"
    assert ArticleComment.objects.count() == 0


def test_a_tampered_form_is_refused_and_keeps_the_text(article):
    response = post_comment(csrf_client(), article, security_hash="0" * 40, comment="Mine")
    assert field_value(parse(response, 400), "comment") == "Mine"
    assert ArticleComment.objects.count() == 0


def test_a_form_signed_with_an_old_key_is_refused_and_can_be_sent_again(article, settings):
    # A page drawn before the site's secret key changed: its signature no longer verifies.
    # (A form that is merely old still posts: tests/comments/test_anonymous_forms.py.)
    client = csrf_client()
    data = form_fields(client, article)
    settings.SECRET_KEY = "the key before it was rotated, long enough for the check"
    old_signature = ArticleCommentForm(article).generate_security_hash(
        data["content_type"], data["object_pk"], data["timestamp"]
    )
    settings.SECRET_KEY = "the key the site signs with now, also long enough to pass"
    data.update(
        security_hash=old_signature,
        name="Late",
        email="late@example.org",
        comment="Written slowly",
    )
    response = client.post("/comments/post/", data)
    page = parse(response, 400)
    assert any("could not be verified" in error for error in form_errors(page))
    assert (field_value(page, "comment"), field_value(page, "name")) == ("Written slowly", "Late")
    assert ArticleComment.objects.count() == 0
    # The form drawn again is signed afresh, so sending it again works.
    form = page.find("form", action="/comments/post/#comment-errors")
    fresh = {field["name"]: field["value"] for field in form.find_all("input", type="hidden")}
    assert fresh["security_hash"] != old_signature
    fresh.update(name="Late", email="late@example.org", comment="Written slowly")
    assert client.post("/comments/post/", fresh).status_code == 302
    assert ArticleComment.objects.count() == 1


def test_the_rate_limit_answers_429_with_the_text_kept(article):
    rules(min_interval_seconds=0)
    client = csrf_client()
    for n in range(5):
        response = post_comment(client, article, email=f"p{n}@example.org", comment=f"Note {n}")
        assert response.status_code == 302
    response = post_comment(client, article, email="p6@example.org", comment="One too many")
    page = parse(response, 429)
    assert field_value(page, "comment") == "One too many"
    assert any("Please wait" in error for error in form_errors(page))
    assert ArticleComment.objects.count() == 5
    # Another address is not affected.
    assert (
        post_comment(
            client, article, ip="203.0.113.99", email="o@example.org", comment="Different network"
        ).status_code
        == 302
    )


def test_the_rate_limit_uses_the_trusted_forwarded_address(article, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    rules(min_interval_seconds=0)
    client = csrf_client()
    for n in range(5):
        data = form_fields(client, article) | {
            "name": "P",
            "email": f"f{n}@example.org",
            "comment": f"Forwarded {n}",
        }
        client.post(
            "/comments/post/", data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        )
    assert set(ArticleComment.objects.values_list("ip_address", flat=True)) == {
        f"198.51.100.{n}" for n in range(5)
    }


def test_flood_control_answers_429_within_the_minimum_interval(article):
    client = csrf_client()
    assert post_comment(client, article, comment="First thought").status_code == 302
    response = post_comment(client, article, ip="203.0.113.50", comment="Second thought")
    assert field_value(parse(response, 429), "comment") == "Second thought"
    assert ArticleComment.objects.count() == 1


def test_a_duplicate_comment_is_refused_with_a_message(article):
    rules(min_interval_seconds=0)
    client = csrf_client()
    post_comment(client, article, comment="Same words")
    response = post_comment(client, article, comment="  same   WORDS ")
    errors = form_errors(parse(response, 400))
    assert any("already posted this comment" in error for error in errors)
    assert ArticleComment.objects.count() == 1


def test_too_many_links_are_held_even_when_auto_approval_is_on(article):
    rules(hold_all=False)
    post_comment(csrf_client(), article, comment="http://a.example http://b.example www.c.example")
    comment = ArticleComment.objects.get()
    assert comment.status == CommentStatus.AWAITING
    assert "links" in comment.moderation_note


def test_hold_words_hold_a_comment_that_would_be_published(article):
    rules(hold_all=False, hold_words="casino\n")
    post_comment(csrf_client(), article, name="Casino Fan")
    assert ArticleComment.objects.get().status == CommentStatus.AWAITING


def test_block_words_send_a_comment_to_spam_not_the_queue(article, moderator):
    rules(block_words="viagra\n203.0.113.66")
    response = post_comment(csrf_client(), article, ip="203.0.113.66", comment="Hello")
    assert response.status_code == 302
    assert ArticleComment.objects.get().status == CommentStatus.SPAM
    assert mail.outbox == []  # moderators are not bothered with spam


def test_without_holding_a_comment_is_published_at_once(article, client):
    rules(hold_all=False)
    post_comment(csrf_client(), article, comment="Straight through")
    assert comment_bodies(parse(client.get(article.url))) == ["Straight through"]


def test_a_known_commenter_is_auto_approved_when_allowed(article):
    rules(auto_approve_known=True, min_interval_seconds=0)
    make_comment(article, user_name="Ada Reader", user_email="known@example.org")
    post_comment(csrf_client(), article, email="known@example.org", comment="Again")
    assert ArticleComment.objects.get(comment="Again").status == CommentStatus.APPROVED


def test_injection_payloads_render_inert_on_the_page_and_in_the_admin(article, client, moderator):
    for n, payload in enumerate(XSS_PAYLOADS):
        make_comment(
            article,
            user_name=payload[:50],
            user_url="https://example.org/?q=" + payload.replace(" ", "+") if n % 2 else "",
            user_email=f"x{n}@example.org",
            comment=payload,
        )
    # assert_inert reads the raw markup on purpose: what matters is what a browser would run.
    response = client.get(article.url)
    assert text(parse(response).select_one("#comments-heading")) == f"{len(XSS_PAYLOADS)} comments"
    assert comment_bodies(parse(response))[0] == XSS_PAYLOADS[0]  # shown as text
    assert_inert(response.content.decode())
    client.force_login(moderator)
    admin = client.get("/admin/comments/")
    assert f"x{len(XSS_PAYLOADS) - 1}@example.org" in texts(parse(admin), ".comments-queue__email")
    assert_inert(admin.content.decode())
    comment = ArticleComment.objects.get(user_email="x0@example.org")
    assert_inert(client.get(f"/admin/comments/{comment.pk}/").content.decode())


def test_injection_payloads_in_a_refused_form_render_inert(article):
    assert len(XSS_PAYLOADS) >= 30
    for payload in XSS_PAYLOADS:
        response = post_comment(
            csrf_client(), article, name=payload[:50], email=payload, url=payload, comment=payload
        )
        assert response.status_code == 400
        assert_inert(response.content.decode())  # the raw markup is the point
