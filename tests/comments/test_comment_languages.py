"""Comments in each language: a thread per translation, the queue by language, emails."""

from django.core import mail

import pytest

from comments.models import CommentStatus
from comments.notifications import notify_moderators
from tests.factories import ArticlePageFactory
from tests.utils.comments import as_user, make_comment, post_comment
from tests.utils.html import parse, text, texts
from tests.utils.languages import translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Open budgets", slug="open-budgets")


@pytest.fixture
def spanish(article):
    return translate_page(article, "es", title="Presupuestos abiertos", slug="presupuestos")


def shown_comments(client, page) -> list[str]:
    return texts(parse(client.get(page.url)), ".comment__body")


def test_each_translation_has_its_own_thread(client, article, spanish):
    make_comment(article, comment="Great reporting.")
    make_comment(spanish, comment="Muy buen reportaje.")
    assert shown_comments(client, article) == ["Great reporting."]
    assert shown_comments(client, spanish) == ["Muy buen reportaje."]


def test_a_comment_posted_on_the_spanish_article_is_answered_in_spanish(client, spanish):
    response = post_comment(client, spanish, comment="Gracias por el artículo.", email="")
    soup = parse(response, status=response.status_code)
    assert soup.html["lang"] == "es"
    assert response.status_code == 400
    summary = soup.select_one("#comment-errors")
    assert summary is not None and "correo" in text(summary).lower()
    # A browser drops the newline that follows <textarea>; the words are kept.
    assert (
        soup.select_one("textarea[name=comment]").get_text().strip() == "Gracias por el artículo."
    )


def test_moderators_see_each_comments_language_and_can_filter_by_it(moderator, article, spanish):
    make_comment(article, status=CommentStatus.AWAITING, comment="Held in English")
    make_comment(spanish, status=CommentStatus.AWAITING, comment="Retenido en español")
    client = as_user(moderator)

    def queue(query=""):
        soup = parse(client.get(f"/admin/comments/{query}"))
        return sorted(
            zip(
                texts(soup, ".comments-queue__text a"),
                texts(soup, "td.comments-queue__language"),
                strict=True,
            )
        )

    assert queue() == [("Held in English", "English"), ("Retenido en español", "Español")]
    assert queue("?language=es") == [("Retenido en español", "Español")]
    assert queue("?language=en-gb") == [("Held in English", "English")]
    assert queue("?language=fr") == []


def test_the_moderators_email_is_in_the_articles_language(
    moderator, spanish, django_capture_on_commit_callbacks
):
    comment = make_comment(spanish, status=CommentStatus.AWAITING, comment="Retenido")
    with django_capture_on_commit_callbacks(execute=True):
        notify_moderators(comment)
    (message,) = [m for m in mail.outbox if m.to == [moderator.email]]
    assert "Presupuestos abiertos" in message.subject
    assert "Comment awaiting moderation" not in message.subject
    assert "Retenido" in message.body
