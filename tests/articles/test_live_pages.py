"""Signed-in readers get a live page: nothing on it is kept from an earlier reader's render.

Only the anonymous page cache keeps pages, and a purge retires exactly the pages a change
touches. A part of a page kept for later readers (the comment list) is keyed on what it
shows, so it needs no purge: each change below is written straight to the database, with
no signal and so no purge, and still shows on the next signed-in view.
"""

import pytest

from articles.models import ArticlePage
from comments.models import ArticleComment, CommentStatus
from tests.factories import ArticlePageFactory, TopicFactory, related
from tests.utils.comments import as_user, make_comment
from tests.utils.html import comment_bodies, parse, text, texts

pytestmark = pytest.mark.django_db


def test_a_signed_in_reader_sees_an_article_edited_without_any_purge(index, editor):
    article = ArticlePageFactory(parent=index, title="First title", summary="First summary")
    reader = as_user(editor)
    assert text(parse(reader.get(article.url)).select_one("h1.article__title")) == "First title"

    ArticlePage.objects.filter(pk=article.pk).update(title="Second title", summary="Second summary")

    page = parse(reader.get(article.url))
    assert text(page.select_one("h1.article__title")) == "Second title"
    assert text(page.select_one(".article__summary")) == "Second summary"


def test_a_signed_in_reader_sees_a_related_article_renamed_without_any_purge(index, editor):
    topic = TopicFactory()
    article = ArticlePageFactory(parent=index, topics=[topic])
    picked = ArticlePageFactory(parent=index, title="Picked story")
    related(article, linked_page=picked)
    reader = as_user(editor)
    assert texts(parse(reader.get(article.url)), ".related .article-card__title") == [
        "Picked story"
    ]

    ArticlePage.objects.filter(pk=picked.pk).update(title="Picked story, updated")

    page = parse(reader.get(article.url))
    assert texts(page, ".related .article-card__title") == ["Picked story, updated"]


def test_a_signed_in_reader_sees_a_comment_approved_without_any_purge(index, editor):
    article = ArticlePageFactory(parent=index)
    make_comment(article, comment="Already public.")
    held = make_comment(article, status=CommentStatus.AWAITING, comment="Waiting for review.")
    reader = as_user(editor)
    assert comment_bodies(parse(reader.get(article.url))) == ["Already public."]

    ArticleComment.objects.filter(pk=held.pk).update(status=CommentStatus.APPROVED, is_public=True)

    assert comment_bodies(parse(reader.get(article.url))) == [
        "Already public.",
        "Waiting for review.",
    ]


def test_a_signed_in_reader_sees_a_comment_edited_without_any_purge(index, editor):
    article = ArticlePageFactory(parent=index)
    comment = make_comment(article, comment="Frist draft.")
    reader = as_user(editor)
    assert comment_bodies(parse(reader.get(article.url))) == ["Frist draft."]

    ArticleComment.objects.filter(pk=comment.pk).update(comment="First draft, corrected.")

    assert comment_bodies(parse(reader.get(article.url))) == ["First draft, corrected."]
