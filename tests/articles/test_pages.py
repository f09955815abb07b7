"""What readers see on each page type, and what they must never see."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

import pytest

from articles.models import ArticleIndexPage, ArticlePage, HomePage
from tests.factories import ArticlePageFactory, AuthorFactory, ImageFactory, TopicFactory
from tests.utils.html import card_titles, parse, text, texts

pytestmark = pytest.mark.django_db


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
    page = parse(client.get(article.url))
    main = page.find("main")
    order = [
        main.find(string="Report"),
        main.find("h1"),
        main.select_one(".byline"),
        main.find("time"),
        main.find("h2", string="Why it matters"),
        main.find("a", href="/topics/climate-action/"),
    ]
    assert None not in order
    in_page_order = list(main.descendants)
    positions = [in_page_order.index(element) for element in order]
    assert positions == sorted(positions)
    assert text(main.find("h1")) == "Green plans"
    assert "2 min read" in text(main)
    assert [(a["href"], text(a)) for a in main.select(".byline a")] == [
        ("/authors/ann-lee/", "Ann Lee")
    ]
    assert len(page.find_all("h1")) == 1


def test_article_page_opens_with_a_skip_link_to_the_main_content(client, index):
    article = ArticlePageFactory(parent=index)
    page = parse(client.get(article.url))
    first_link = page.body.find("a")
    assert first_link["href"] == "#main" and text(first_link) == "Skip to content"
    assert page.find("main")["id"] == "main"


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
    byline = parse(client.get(article.url)).find("main").select_one(".byline")
    assert text(byline) == expected


def test_feature_image_is_a_responsive_webp_picture_with_alt_text_and_dimensions(client, index):
    image = ImageFactory(description="Residents at a town hall")
    article = ArticlePageFactory(parent=index, feature_image=image)
    figure = parse(client.get(article.url)).select_one("figure.article__feature")
    webp = figure.find("source", type="image/webp")
    assert webp is not None
    widths = {candidate.split()[-1] for candidate in webp["srcset"].split(",")}
    assert {"480w", "800w"} <= widths
    img = figure.find("img")
    assert img["alt"] == "Residents at a town hall"
    assert int(img["width"]) > 0 and int(img["height"]) > 0


def test_feature_image_alt_override_wins_over_the_image_description(client, index):
    image = ImageFactory(description="Generic description")
    article = ArticlePageFactory(
        parent=index, feature_image=image, feature_image_alt="Mayor speaking"
    )
    figure = parse(client.get(article.url)).select_one("figure.article__feature")
    assert figure.find("img")["alt"] == "Mayor speaking"


def test_home_page_features_the_editors_pick_and_lists_the_latest(client, home, index):
    newest = ArticlePageFactory(parent=index, title="Newest story")
    picked = ArticlePageFactory(parent=index, title="Editors pick")
    home.featured_article = picked
    home.save_revision().publish()
    page = parse(client.get("/"))
    assert card_titles(page, "section.featured") == ["Editors pick"]
    assert card_titles(page, "section.latest") == ["Newest story"]
    assert [a["href"] for a in page.select("section.latest .article-card__link")] == [newest.url]


def test_home_page_features_the_latest_article_when_editors_pick_none(client, home, index):
    ArticlePageFactory(parent=index, title="Older story")
    ArticlePageFactory(
        parent=index, title="Newest story", date=ArticlePage.objects.first().date.replace(year=2100)
    )
    page = parse(client.get("/"))
    assert card_titles(page, "section.featured") == ["Newest story"]


def test_index_lists_articles_newest_first_twelve_per_page(client, index):
    for n in range(14):
        ArticlePageFactory(parent=index, title=f"Story {n:02d}")  # each one day older than the last
    titles = [f"Story {n:02d}" for n in range(14)]
    assert card_titles(parse(client.get("/news/"))) == titles[:12]
    assert card_titles(parse(client.get("/news/?page=2"))) == titles[12:]


@pytest.mark.parametrize(
    ("query", "shown"),
    [("abc", "Story 00"), ("0", "Story 00"), ("99", "Story 12"), ("-3", "Story 00")],
)
def test_bad_or_out_of_range_page_numbers_show_the_first_or_last_page(client, index, query, shown):
    for n in range(13):
        ArticlePageFactory(parent=index, title=f"Story {n:02d}")
    assert card_titles(parse(client.get(f"/news/?page={query}")))[0] == shown


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
    page = parse(client.get(reverse("author_detail", args=["ann-lee"])))
    main = page.find("main")
    assert text(main.find("h1")) == "Ann Lee"
    assert "Analyst, OGP" in text(main) and "Writes on budgets." in text(main)
    assert main.select_one("img.profile__photo")["alt"] == "Ann Lee"
    assert card_titles(main) == ["Ann's story"]


def test_topic_page_lists_only_that_topics_articles(client, index):
    climate, budgets = TopicFactory(name="Climate", slug="climate"), TopicFactory(slug="budgets")
    ArticlePageFactory(parent=index, title="Heat plan", topics=[climate])
    ArticlePageFactory(parent=index, title="Budget plan", topics=[budgets])
    assert card_titles(parse(client.get("/topics/climate/"))) == ["Heat plan"]


def test_unknown_author_or_topic_is_a_friendly_404(client, home):
    for url in ("/authors/nobody/", "/topics/nothing/"):
        assert texts(parse(client.get(url), status=404), "h1") == ["Page not found"]


def test_drafts_never_appear_in_listings_archives_search_or_at_their_url(client, home, index):
    author, topic = AuthorFactory(slug="ann"), TopicFactory(slug="climate")
    ArticlePageFactory(parent=index, title="Published piece", authors=[author], topics=[topic])
    draft = ArticlePageFactory(
        parent=index, title="Secret draft", live=False, authors=[author], topics=[topic]
    )
    for url in ("/", "/news/", "/authors/ann/", "/topics/climate/", "/search/?q=Secret"):
        assert "Secret draft" not in text(parse(client.get(url))), url
    assert client.get(draft.url or "/news/" + draft.slug + "/").status_code == 404


def test_unpublished_and_private_articles_are_hidden_from_anonymous_readers(client, home, index):
    author = AuthorFactory(slug="ann")
    gone = ArticlePageFactory(parent=index, title="Withdrawn piece", authors=[author])
    gone.unpublish()
    private = ArticlePageFactory(parent=index, title="Members only", authors=[author])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    ArticlePageFactory(parent=index, title="Open piece", authors=[author])
    for url in ("/", "/news/", "/authors/ann/"):
        assert card_titles(parse(client.get(url))) == ["Open piece"], url
    assert client.get("/news/withdrawn-piece/").status_code == 404
    assert client.get(private.url).status_code == 302  # sent to log in


def test_pages_sit_only_where_they_belong_in_the_tree():
    assert ArticlePage.allowed_parent_page_models() == [ArticleIndexPage]
    assert ArticleIndexPage.allowed_parent_page_models() == [HomePage]
    assert HomePage.allowed_parent_page_models() == [Page]
    assert ArticlePage.allowed_subpage_models() == []
    assert HomePage.max_count == 1  # other languages' homes come from translating it


def test_each_home_has_one_news_index(index):
    home = index.get_parent()
    assert not ArticleIndexPage.can_create_at(home)


def test_search_finds_published_articles_by_title(client, index):
    ArticlePageFactory(parent=index, title="Participatory budgeting lessons")
    ArticlePageFactory(parent=index, title="Unrelated piece")
    page = parse(client.get("/search/?q=budgeting"))
    assert card_titles(page, "main") == ["Participatory budgeting lessons"]


def test_moderators_group_is_not_given_page_editing_rights_by_fixtures(moderator):
    assert not Group.objects.get(name="Moderators").page_permissions.exists()


def test_an_edited_and_republished_article_shows_its_new_text_at_once(
    client, index, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = False  # a signed-in or session reader: drawn fragments only
    article = ArticlePageFactory(parent=index, title="First title")
    assert text(parse(client.get(article.url)).h1) == "First title"
    article.title = "Second title"
    article.body = [{"type": "paragraph", "value": "<p>Corrected paragraph.</p>"}]
    with django_capture_on_commit_callbacks(execute=True):  # the purge follows the commit
        article.save_revision().publish()
    page = parse(client.get(article.url))
    assert text(page.select_one("h1.article__title")) == "Second title"
    assert text(page.select_one(".article__body")) == "Corrected paragraph."
