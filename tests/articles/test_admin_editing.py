"""Editors write, order authors, and publish articles through the Wagtail admin."""

import re

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from articles.models import ArticlePage
from tests.factories import ArticlePageFactory, AuthorFactory, ImageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def article_form(title, slug, authors, topic, image, related_page=None, publish=True):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Two cities share how they listen to residents.",
            "feature_image": image.pk,
            "feature_image_alt": "Residents at a meeting",
            "label": "story",
            "topics": [topic.pk],
            "allow_comments": "on",
            "body": streamfield(
                [
                    ("heading", {"text": "What happened", "level": "h2"}),
                    ("paragraph", rich_text("<p>They met and talked.</p>")),
                ]
            ),
            "authors": inline_formset([{"author": a.pk} for a in authors]),
            "related_items": inline_formset(
                [{"linked_page": related_page.pk, "title": "", "summary": "", "label": ""}]
                if related_page
                else []
            ),
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def test_editor_creates_and_publishes_an_article_with_two_ordered_authors(client, editor, index):
    client.force_login(editor)
    second, first = AuthorFactory(name="Zoe Second"), AuthorFactory(name="Ann First")
    topic, image = TopicFactory(name="Climate"), ImageFactory()
    other = ArticlePageFactory(parent=index, title="Earlier story")
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        article_form("Listening cities", "listening-cities", [first, second], topic, image, other),
    )

    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    article = ArticlePage.objects.get(slug="listening-cities")
    assert article.live and article.date is not None
    public = client.get("/news/listening-cities/").content.decode()
    assert "By <a" in public and public.index("Ann First") < public.index("Zoe Second")
    assert "What happened" in public and "They met and talked." in public
    assert "Earlier story" in public[public.index("Related Content") :]
    client.logout()
    assert "Listening cities" in client.get("/news/").content.decode()


def test_saving_a_draft_does_not_publish_it(client, editor, index):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    data = article_form(
        "Not yet", "not-yet", [AuthorFactory()], TopicFactory(), ImageFactory(), publish=False
    )
    assert client.post(url, data).status_code == 302
    article = ArticlePage.objects.get(slug="not-yet")
    assert not article.live and article.date is None
    client.logout()
    assert client.get("/news/not-yet/").status_code == 404


def test_an_article_needs_at_least_one_author_and_keeps_the_editors_input(client, editor, index):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    data = article_form("No byline", "no-byline", [], TopicFactory(), ImageFactory())
    response = client.post(url, data)
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="no-byline").exists()
    assert 'value="No byline"' in response.content.decode()


def test_feature_image_needs_alt_text_from_the_page_or_the_image(client, editor, index):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    data = article_form(
        "No alt", "no-alt", [AuthorFactory()], TopicFactory(), ImageFactory(description="")
    )
    data["feature_image_alt"] = ""
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Describe the feature image" in response.content.decode()


def test_editor_preview_shows_unsaved_changes(client, editor, index):
    client.force_login(editor)
    ann, ben = AuthorFactory(name="Ann"), AuthorFactory(name="Ben")
    article = ArticlePageFactory(parent=index, title="Saved title", authors=[ann])
    data = article_form("Previewed title", article.slug, [], TopicFactory(), ImageFactory())
    # Ben is added and moved in front of Ann, as an editor would drag him.
    data.update(
        nested_form_data(
            {
                "authors": inline_formset(
                    [
                        {"id": article.authors.get().pk, "author": ann.pk, "ORDER": "2"},
                        {"author": ben.pk, "ORDER": "1"},
                    ],
                    initial=1,
                )
            }
        )
    )
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    assert client.post(preview_url, data).json()["is_valid"]
    page = client.get(preview_url).content.decode()
    start = page.index('<span class="byline">')
    byline = re.sub(r"<[^>]+>", "", page[start : page.index("</span>", start)])
    assert "Previewed title" in page and byline == "By Ben and Ann"
    client.logout()
    public = client.get(article.url).content.decode()
    assert "Saved title" in public and "Previewed title" not in public


def edit_screen(client, index):
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    return client.get(url).content.decode()


def test_the_author_chooser_starts_with_no_empty_row(client, editor, index):
    client.force_login(editor)
    page = edit_screen(client, index)
    # No pre-rendered author row (which min_num made required); only the template of a new one.
    assert 'name="authors-TOTAL_FORMS" value="0"' in page
    assert 'name="authors-MIN_NUM_FORMS" value="1"' in page
    assert 'name="authors-0-author"' not in page


def test_two_authors_chosen_at_once_are_saved_in_their_order(client, editor, index):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    first, second = AuthorFactory(name="Picked First"), AuthorFactory(name="Picked Second")
    data = article_form("Two picks", "two-picks", [first, second], TopicFactory(), ImageFactory())
    response = client.post(url, data)
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="two-picks")
    assert [a.name for a in article.author_list] == ["Picked First", "Picked Second"]


def test_no_author_is_an_error_that_names_the_authors_panel(client, editor, index):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    data = article_form("No byline", "no-byline", [], TopicFactory(), ImageFactory())
    page = client.post(url, data).content.decode()
    assert "Choose at least one author." in page
    assert "This field is required" not in page


def test_panel_labels_read_as_words(client, editor, index):
    client.force_login(editor)
    page = edit_screen(client, index)
    assert "Add author" in page and "Add related item" in page
    assert "Authors 1" not in page and "Link to one of" not in page
    assert "Linked page" not in page


def test_topics_label_date_and_comments_are_on_the_content_tab(client, editor, index):
    client.force_login(editor)
    page = edit_screen(client, index)
    content = page[page.index('id="tab-content"') : page.index('id="tab-promote"')]
    for field in ("id_topics", "id_label", "id_date", "id_allow_comments"):
        assert f'id="{field}"' in content, field
