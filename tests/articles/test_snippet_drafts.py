"""Authors and topics have drafts: readers see an author or topic only once it is published."""

from django.urls import reverse

import pytest

from articles.models import Author
from tests.factories import ArticlePageFactory, AuthorFactory, TopicFactory
from tests.utils.html import parse, text, texts


def byline(client, url):
    return texts(parse(client.get(url)), ".article__meta .byline__author")


def people(client):
    return texts(parse(client.get("/authors/")), ".person__name")


def every_text(client, url):
    return text(parse(client.get(url)))


pytestmark = pytest.mark.django_db


def test_a_draft_author_is_invisible_until_published(
    client, index, django_capture_on_commit_callbacks
):
    known = AuthorFactory(name="Known Writer", slug="known")
    draft = AuthorFactory(name="New Writer", slug="new-writer", live=False)
    article = ArticlePageFactory(parent=index, title="Shared story", authors=[known, draft])

    assert byline(client, article.url) == ["Known Writer"]
    assert "New Writer" not in every_text(client, article.url)
    assert people(client) == ["Known Writer"]
    assert client.get("/authors/new-writer/").status_code == 404
    assert client.get("/authors/new-writer/feed/").status_code == 404
    assert "New Writer" not in every_text(client, "/news/")

    with django_capture_on_commit_callbacks(execute=True):  # the purge follows the commit
        draft.save_revision().publish()

    assert byline(client, article.url) == ["Known Writer", "New Writer"]
    assert sorted(people(client)) == ["Known Writer", "New Writer"]
    assert client.get("/authors/new-writer/").status_code == 200


def test_a_draft_topic_is_invisible_until_published(client, index):
    draft = TopicFactory(name="Budget Watch", slug="budget-watch", live=False)
    article = ArticlePageFactory(parent=index, title="Budget story", topics=[draft])
    assert texts(parse(client.get(article.url)), ".topic-list__link") == []
    assert "Budget Watch" not in every_text(client, article.url)
    assert texts(parse(client.get("/topics/")), ".topic-index__name") == []
    assert client.get("/topics/budget-watch/").status_code == 404
    draft.save_revision().publish()
    assert client.get("/topics/budget-watch/").status_code == 200


def test_an_editor_saves_a_new_author_as_a_draft_and_publishes_it_later(client, editor):
    client.force_login(editor)
    add_url = reverse("wagtailsnippets_articles_author:add")
    data = {"name": "Drafted Person", "slug": "drafted-person", "bio": "Writes about water."}
    assert client.post(add_url, data).status_code == 302
    author = Author.objects.get(slug="drafted-person")
    assert not author.live
    assert client.get("/authors/drafted-person/").status_code == 404

    edit_url = reverse("wagtailsnippets_articles_author:edit", args=[author.pk])
    response = client.post(edit_url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.live
    assert client.get("/authors/drafted-person/").status_code == 200


def test_a_bio_change_can_be_previewed_before_it_is_published(client, editor):
    author = AuthorFactory(name="Previewed Person", slug="previewed", bio="Old bio.")
    client.force_login(editor)
    preview_url = reverse("wagtailsnippets_articles_author:preview_on_edit", args=[author.pk])
    data = {"name": author.name, "slug": author.slug, "bio": "A brand new bio."}
    assert client.post(preview_url, data).json()["is_valid"]
    assert "A brand new bio." in text(parse(client.get(preview_url)).main)
    client.logout()
    public = text(parse(client.get("/authors/previewed/")).main)
    assert "Old bio." in public and "A brand new bio." not in public


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("anonymous", False), ("moderator", False), ("editor", True), ("superuser", True)],
)
def test_only_editors_and_superusers_edit_and_preview_authors(client, request, who, allowed):
    author = AuthorFactory()
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for name in ("edit", "history"):
        url = reverse(f"wagtailsnippets_articles_author:{name}", args=[author.pk])
        assert (client.get(url).status_code == 200) == allowed, name
    preview = reverse("wagtailsnippets_articles_author:preview_on_edit", args=[author.pk])
    response = client.post(preview, {"name": "Changed", "slug": author.slug})
    assert (response.status_code == 200) == allowed
