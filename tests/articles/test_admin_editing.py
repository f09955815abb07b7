"""Editors write, order authors, and publish articles through the Wagtail admin."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from articles.models import ArticlePage
from tests.factories import ArticlePageFactory, AuthorFactory, ImageFactory, TopicFactory
from tests.utils.html import admin_errors, card_titles, field_value, parse, text, texts

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
    public = parse(client.get("/news/listening-cities/"))
    assert texts(public, ".article__meta a.byline__author") == ["Ann First", "Zoe Second"]
    body = public.select_one(".article__body")
    assert "What happened" in texts(body, "h2") and "They met and talked." in text(body)
    assert card_titles(public, ".related") == ["Earlier story"]
    client.logout()
    assert "Listening cities" in card_titles(parse(client.get("/news/")))


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
    assert field_value(parse(response), "title") == "No byline"


def test_feature_image_needs_alt_text_from_the_page_or_the_image(client, editor, index):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    data = article_form(
        "No alt", "no-alt", [AuthorFactory()], TopicFactory(), ImageFactory(description="")
    )
    data["feature_image_alt"] = ""
    response = client.post(url, data)
    assert response.status_code == 200
    assert any("Describe the feature image" in error for error in admin_errors(response))


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
    preview = parse(client.get(preview_url))
    assert text(preview.h1) == "Previewed title"
    assert text(preview.select_one(".article__meta .byline")) == "By Ben and Ann"
    client.logout()
    assert text(parse(client.get(article.url)).h1) == "Saved title"


def edit_screen(client, index):
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    return parse(client.get(url))


def test_the_author_chooser_starts_with_no_empty_row(client, editor, index):
    client.force_login(editor)
    page = edit_screen(client, index)
    # No pre-rendered author row (which min_num made required); only the template of a new one.
    assert field_value(page, "authors-TOTAL_FORMS") == "0"
    assert field_value(page, "authors-MIN_NUM_FORMS") == "1"
    assert field_value(page, "authors-0-author") is None


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
    errors = admin_errors(client.post(url, data))
    assert "Choose at least one author." in errors
    assert not any("This field is required" in error for error in errors)


def test_panel_labels_read_as_words(client, editor, index):
    client.force_login(editor)
    page = edit_screen(client, index)
    words = text(page.select_one("form"))
    assert "Add author" in words and "Add related item" in words
    assert "Authors 1" not in words and "Link to one of" not in words
    assert "Linked page" not in words


def test_topics_label_date_and_comments_are_on_the_content_tab(client, editor, index):
    client.force_login(editor)
    page = edit_screen(client, index)
    content, promote = page.find(id="tab-content"), page.find(id="tab-promote")
    for field in ("id_topics", "id_label", "id_date", "id_allow_comments"):
        assert content.find(id=field) is not None, field
        assert promote.find(id=field) is None, field
