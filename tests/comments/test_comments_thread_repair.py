"""Threads broken by simultaneous replies before posting locked them are repaired on migrate."""

import importlib

from django.apps import apps

import pytest

from comments.models import ArticleComment
from tests.factories import ArticlePageFactory
from tests.utils.comments import make_comment
from tests.utils.html import comment_bodies, parse

pytestmark = pytest.mark.django_db

repair = importlib.import_module("comments.migrations.0004_a_repair_threads").repair_threads


def positions(*comments):
    rows = ArticleComment.objects.filter(pk__in=[c.pk for c in comments]).order_by("pk")
    return list(rows.values_list("thread_id", "level", "order", "nested_count"))


def test_half_saved_and_doubled_replies_are_put_back_in_their_thread(index, client):
    article = ArticlePageFactory(parent=index, title="Broken threads", slug="broken")
    top = make_comment(article, comment="Top")
    first = make_comment(article, parent=top, comment="First reply")
    second = make_comment(article, parent=top, comment="Second reply")
    deeper = make_comment(article, parent=first, comment="Reply to the first")
    sound = make_comment(article, comment="Sound thread")
    sound_reply = make_comment(article, parent=sound, comment="Sound reply")
    gone = make_comment(article, comment="Deleted later")
    orphan = make_comment(article, parent=gone, comment="Orphan")
    ArticleComment.objects.filter(pk=gone.pk).delete()
    untouched = positions(sound, sound_reply, orphan)
    # What the races left: a half-saved reply and two replies at one place.
    ArticleComment.objects.filter(pk=second.pk).update(thread_id=0, level=0, order=1)
    ArticleComment.objects.filter(pk=deeper.pk).update(order=2)

    repair(apps, None)

    # (thread, level, order, replies below): top, first, second, deeper, in creation order.
    assert positions(top, first, second, deeper) == [
        (top.pk, 0, 1, 3),
        (top.pk, 1, 2, 1),
        (top.pk, 1, 4, 0),
        (top.pk, 2, 3, 0),
    ]
    assert positions(sound, sound_reply, orphan) == untouched
    shown = comment_bodies(parse(client.get(article.url)))
    threads = ["Top", "First reply", "Reply to the first", "Second reply"]
    assert shown == [*threads, "Sound thread", "Sound reply"]  # and no orphan


def test_sound_threads_are_left_alone(index):
    article = ArticlePageFactory(parent=index, title="Sound threads", slug="sound")
    top = make_comment(article)
    replies = [make_comment(article, parent=top, comment=f"Reply {n}") for n in range(3)]
    before = positions(top, *replies)
    repair(apps, None)
    assert positions(top, *replies) == before
