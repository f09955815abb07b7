"""What readers see on each page type, and what they must never see."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

import pytest

from articles.models import ArticleIndexPage, ArticlePage, HomePage
from tests.factories import ArticlePageFactory, AuthorFactory, ImageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_article_page_shows_label_title_byline_date_reading_time_body_and_topics(client, index):
    topic = TopicFactory(name="Climate action", slug="climate-action")
    article = ArticlePageFactory(
        parent=index,
        title="Green plans",
        label="report",
        authors=[AuthorFactory(name="Ann Lee", slug="ann-lee")],
        topics=[topic],
        body=[
            {"type": "heading", "value": {"text": "Why it matters", "level": "h2"}},
            {"type": "paragraph", "value": "<p>" + "word " * 440 + "</p>"},
        ],
    )
    page = html(client.get(article.url))
    label, title, byline = page.index(">Report<"), page.index("<h1"), page.index("By <a")
    date, body, topics = (
        page.index("<time datetime="),
        page.index("Why it matters"),
        page.index('href="/topics/climate-action/"'),
    )
    assert label < title < byline < date < body < topics
    assert "2 min read" in page
    assert '<a class="byline__author" href="/authors/ann-lee/">Ann Lee</a>' in page
    assert page.count("<h1") == 1


def test_article_page_opens_with_a_skip_link_to_the_main_content(client, index):
    article = ArticlePageFactory(parent=index)
    page = html(client.get(article.url))
    body = page[page.index("<body") :]
    first_link = body[body.index("<a ") : body.index("</a>")]
    assert 'href="#main"' in first_link and "Skip to content" in first_link
    assert '<main id="main"' in page


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Ann"], "By Ann"),
        (["Ann", "Ben"], "By Ann and Ben"),
        (["Ann", "Ben", "Cy"], "By Ann, Ben and Cy"),
        (["Cy", "Ann", "Ben", "Di"], "By Cy, Ann, Ben and Di"),
    ],
)
def test_byline_joins_authors_in_the_editors_order(client, index, names, expected):
    authors = [AuthorFactory(name=name) for name in names]
    article = ArticlePageFactory(parent=index, authors=authors)
    page = html(client.get(article.url))
    byline = page[
        page.index('<span class="byline">') : page.index(
            "</span>", page.index('<span class="byline">')
        )
    ]
    import re

    assert re.sub(r"<[^>]+>", "", byline) == expected


def test_feature_image_is_a_responsive_webp_picture_with_alt_text_and_dimensions(client, index):
    image = ImageFactory(description="Residents at a town hall")
    article = ArticlePageFactory(parent=index, feature_image=image)
    page = html(client.get(article.url))
    figure = page[page.index('<figure class="article__feature') : page.index("</figure>")]
    assert 'type="image/webp"' in figure
    assert "srcset=" in figure and "480w" in figure and "800w" in figure
    assert 'alt="Residents at a town hall"' in figure
    assert 'width="' in figure and 'height="' in figure


def test_feature_image_alt_override_wins_over_the_image_description(client, index):
    image = ImageFactory(description="Generic description")
    article = ArticlePageFactory(
        parent=index, feature_image=image, feature_image_alt="Mayor speaking"
    )
    assert 'alt="Mayor speaking"' in html(client.get(article.url))


def test_home_page_features_the_editors_pick_and_lists_the_latest(client, home, index):
    newest = ArticlePageFactory(parent=index, title="Newest story")
    picked = ArticlePageFactory(parent=index, title="Editors pick")
    home.featured_article = picked
    home.save_revision().publish()
    page = html(client.get("/"))
    featured = page[page.index('id="featured-heading"') : page.index('id="latest-heading"')]
    latest = page[page.index('id="latest-heading"') :]
    assert "Editors pick" in featured and "Newest story" not in featured
    assert "Newest story" in latest and "Editors pick" not in latest
    assert newest.url in latest


def test_home_page_features_the_latest_article_when_editors_pick_none(client, home, index):
    ArticlePageFactory(parent=index, title="Older story")
    ArticlePageFactory(
        parent=index, title="Newest story", date=ArticlePage.objects.first().date.replace(year=2100)
    )
    page = html(client.get("/"))
    featured = page[page.index('id="featured-heading"') : page.index('id="latest-heading"')]
    assert "Newest story" in featured


def test_index_lists_articles_newest_first_twelve_per_page(client, index):
    for n in range(14):
        ArticlePageFactory(parent=index, title=f"Story {n:02d}")  # each one day older than the last
    first = html(client.get("/news/"))
    titles = [f"Story {n:02d}" for n in range(14)]
    positions = [first.find(f">{t}<") for t in titles[:12]]
    assert all(p > 0 for p in positions) and positions == sorted(positions)
    assert ">Story 12<" not in first
    second = html(client.get("/news/?page=2"))
    assert ">Story 12<" in second and ">Story 13<" in second and ">Story 00<" not in second


@pytest.mark.parametrize(
    ("query", "shown"),
    [("abc", "Story 00"), ("0", "Story 00"), ("99", "Story 12"), ("-3", "Story 00")],
)
def test_bad_or_out_of_range_page_numbers_show_the_first_or_last_page(client, index, query, shown):
    for n in range(13):
        ArticlePageFactory(parent=index, title=f"Story {n:02d}")
    assert f">{shown}<" in html(client.get(f"/news/?page={query}"))


def test_author_page_shows_photo_role_bio_and_their_articles(client, index):
    author = AuthorFactory(
        name="Ann Lee",
        slug="ann-lee",
        role="Analyst",
        organisation="OGP",
        bio="Writes on budgets.",
        photo=ImageFactory(),
    )
    ArticlePageFactory(parent=index, title="Ann's story", authors=[author])
    ArticlePageFactory(parent=index, title="Someone else's story", authors=[AuthorFactory()])
    page = html(client.get(reverse("author_detail", args=["ann-lee"])))
    assert (
        "<h1" in page
        and "Ann Lee" in page
        and "Analyst, OGP" in page
        and "Writes on budgets." in page
    )
    assert 'class="profile__photo"' in page
    assert "Ann&#x27;s story" in page and "Someone else" not in page


def test_topic_page_lists_only_that_topics_articles(client, index):
    climate, budgets = TopicFactory(name="Climate", slug="climate"), TopicFactory(slug="budgets")
    ArticlePageFactory(parent=index, title="Heat plan", topics=[climate])
    ArticlePageFactory(parent=index, title="Budget plan", topics=[budgets])
    page = html(client.get("/topics/climate/"))
    assert "Heat plan" in page and "Budget plan" not in page


def test_unknown_author_or_topic_is_a_friendly_404(client, home):
    for url in ("/authors/nobody/", "/topics/nothing/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


def test_drafts_never_appear_in_listings_archives_search_or_at_their_url(client, home, index):
    author, topic = AuthorFactory(slug="ann"), TopicFactory(slug="climate")
    ArticlePageFactory(parent=index, title="Published piece", authors=[author], topics=[topic])
    draft = ArticlePageFactory(
        parent=index, title="Secret draft", live=False, authors=[author], topics=[topic]
    )
    for url in ("/", "/news/", "/authors/ann/", "/topics/climate/", "/search/?q=Secret"):
        assert "Secret draft" not in html(client.get(url)), url
    assert client.get(draft.url or "/news/" + draft.slug + "/").status_code == 404


def test_unpublished_and_private_articles_are_hidden_from_anonymous_readers(client, home, index):
    author = AuthorFactory(slug="ann")
    gone = ArticlePageFactory(parent=index, title="Withdrawn piece", authors=[author])
    gone.unpublish()
    private = ArticlePageFactory(parent=index, title="Members only", authors=[author])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    ArticlePageFactory(parent=index, title="Open piece", authors=[author])
    for url in ("/", "/news/", "/authors/ann/"):
        page = html(client.get(url))
        assert "Withdrawn piece" not in page and "Members only" not in page
        assert "Open piece" in page
    assert client.get("/news/withdrawn-piece/").status_code == 404
    assert client.get(private.url).status_code == 302  # sent to log in


def test_pages_sit_only_where_they_belong_in_the_tree():
    assert ArticlePage.allowed_parent_page_models() == [ArticleIndexPage]
    assert ArticleIndexPage.allowed_parent_page_models() == [HomePage]
    assert HomePage.allowed_parent_page_models() == [Page]
    assert ArticlePage.allowed_subpage_models() == []
    assert ArticleIndexPage.max_count == 1 and HomePage.max_count == 1


def test_search_finds_published_articles_by_title(client, index):
    ArticlePageFactory(parent=index, title="Participatory budgeting lessons")
    ArticlePageFactory(parent=index, title="Unrelated piece")
    page = html(client.get("/search/?q=budgeting"))
    assert "Participatory budgeting lessons" in page and "Unrelated piece" not in page


def test_moderators_group_is_not_given_page_editing_rights_by_fixtures(moderator):
    assert not Group.objects.get(name="Moderators").page_permissions.exists()


def test_an_edited_and_republished_article_shows_its_new_text_at_once(client, index, settings):
    settings.PAGE_CACHE_ENABLED = False  # a signed-in or session reader: drawn fragments only
    article = ArticlePageFactory(parent=index, title="First title")
    assert "First title" in html(client.get(article.url))
    article.title = "Second title"
    article.body = [{"type": "paragraph", "value": "<p>Corrected paragraph.</p>"}]
    article.save_revision().publish()
    page = html(client.get(article.url))
    assert '<h1 class="article__title">Second title</h1>' in page
    assert "Corrected paragraph." in page and "Body text." not in page
