"""What search engines and sharing previews read: meta tags, canonical URLs and JSON-LD."""

import json
from html.parser import HTMLParser

import pytest

from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    TopicFactory,
    image_file,
)

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """Collects <title>, <meta>, <link> and JSON-LD blocks from a page."""

    def __init__(self):
        super().__init__()
        self.title, self.meta, self.links, self.json_ld = "", [], [], []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in = "title"
        elif tag == "meta":
            self.meta.append(attrs)
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self._in = "json" if attrs.get("type") == "application/ld+json" else "script"

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "json":
            self.json_ld.append(json.loads(data))

    def values(self, key):
        """Every content of <meta property=key> or <meta name=key>, in order."""
        return [m["content"] for m in self.meta if key in (m.get("property"), m.get("name"))]

    def value(self, key):
        (found,) = self.values(key)
        return found

    def link(self, rel):
        (found,) = [link["href"] for link in self.links if link.get("rel") == rel]
        return found


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def article(index):
    return ArticlePageFactory(
        parent=index,
        title="Five takeaways",
        slug="five-takeaways",
        summary="What mayors learned at the first assembly.",
        label="news",
        feature_image=ImageFactory(file=image_file(size=(1600, 1000))),
        feature_image_alt="Mayors on a stage",
        authors=[
            AuthorFactory(name="Ann Lee", slug="ann-lee"),
            AuthorFactory(name="Ben Cho", slug="ben-cho"),
        ],
        topics=[TopicFactory(name="Youth", slug="youth"), TopicFactory(name="Climate")],
    )


def test_article_has_title_description_and_absolute_canonical(client, article):
    page = head(client, article.url)
    assert page.title == "Five takeaways | Open Government Local"
    assert page.value("description") == "What mayors learned at the first assembly."
    assert page.link("canonical") == "http://localhost/news/five-takeaways/"


def test_the_search_description_wins_over_the_summary(client, article):
    article.search_description = "Written for search engines."
    article.save()
    page = head(client, article.url)
    assert page.value("description") == "Written for search engines."
    assert page.value("og:description") == "Written for search engines."


def test_article_open_graph_tags(client, article):
    page = head(client, article.url)
    assert page.value("og:type") == "article"
    assert page.value("og:title") == "Five takeaways"
    assert page.value("og:description") == "What mayors learned at the first assembly."
    assert page.value("og:url") == "http://localhost/news/five-takeaways/"
    assert page.value("og:site_name") == "Open Government Local"
    assert page.value("article:published_time") == article.date.isoformat()
    assert page.value("article:modified_time")
    assert page.values("article:author") == [
        "http://localhost/authors/ann-lee/",
        "http://localhost/authors/ben-cho/",
    ]
    assert page.values("article:tag") == ["Climate", "Youth"]


def test_the_share_image_is_an_absolute_1200_by_630_rendition_with_alt_text(client, article):
    page = head(client, article.url)
    url = page.value("og:image")
    assert url.startswith("http://localhost/media/images/") and url.endswith(".jpg")
    assert (page.value("og:image:width"), page.value("og:image:height")) == ("1200", "630")
    assert page.value("og:image:alt") == "Mayors on a stage"
    assert page.value("twitter:image") == url


def test_article_twitter_card_tags(client, article):
    page = head(client, article.url)
    assert page.value("twitter:card") == "summary_large_image"
    assert page.value("twitter:title") == "Five takeaways"
    assert page.value("twitter:description") == "What mayors learned at the first assembly."


def test_article_json_ld_describes_the_article_its_authors_and_publisher(client, article):
    posting, breadcrumbs = head(client, article.url).json_ld
    assert posting["@context"] == "https://schema.org"
    assert posting["@type"] == "NewsArticle"
    assert posting["headline"] == "Five takeaways"
    assert posting["description"] == "What mayors learned at the first assembly."
    assert posting["image"][0].startswith("http://localhost/media/images/")
    assert posting["datePublished"] == article.date.isoformat()
    assert posting["dateModified"]
    assert posting["author"] == [
        {"@type": "Person", "name": "Ann Lee", "url": "http://localhost/authors/ann-lee/"},
        {"@type": "Person", "name": "Ben Cho", "url": "http://localhost/authors/ben-cho/"},
    ]
    assert posting["publisher"]["@type"] == "Organization"
    assert posting["publisher"]["name"] == "Open Government Local"
    assert posting["mainEntityOfPage"]["@id"] == "http://localhost/news/five-takeaways/"


def test_article_json_ld_includes_a_home_news_article_breadcrumb(client, article):
    _, breadcrumbs = head(client, article.url).json_ld
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [
        (item["position"], item["name"], item["item"]) for item in breadcrumbs["itemListElement"]
    ] == [
        (1, "Home", "http://localhost/"),
        (2, "News", "http://localhost/news/"),
        (3, "Five takeaways", "http://localhost/news/five-takeaways/"),
    ]


@pytest.mark.parametrize(
    ("label", "schema_type"), [("blog", "BlogPosting"), ("news", "NewsArticle")]
)
def test_the_json_ld_type_follows_the_label(client, index, label, schema_type):
    article = ArticlePageFactory(parent=index, label=label)
    assert head(client, article.url).json_ld[0]["@type"] == schema_type


def test_json_ld_cannot_be_closed_early_by_an_editors_text(client, index):
    article = ArticlePageFactory(
        parent=index, title="Title </script><script>alert(1)</script> & more"
    )
    # The raw markup on purpose: the question is where a browser would see the script end.
    html = client.get(article.url).content.decode()
    block = html[html.index('<script type="application/ld+json">') :]
    block = block[: block.index("</script>")]
    assert "<script>alert(1)" not in block
    posting = json.loads(block[block.index(">") + 1 :])
    assert posting["headline"] == "Title </script><script>alert(1)</script> & more"


def test_json_ld_blocks_are_data_only_for_a_strict_content_security_policy(client, article):
    html = client.get(article.url).content.decode()  # raw: any <script> tag at all counts
    assert html.count('<script type="application/ld+json">') == 2
    assert "<script>" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/news/",
        "/news/?topic=youth",
        "/authors/",
        "/authors/ann-lee/",
        "/topics/",
        "/topics/youth/",
        "/search/",
        "/search/?q=mayors",
    ],
)
def test_every_page_has_title_description_canonical_open_graph_and_twitter_tags(
    client, article, url
):
    page = head(client, url)
    assert "Open Government Local" in page.title  # the home page names it once, first
    if url != "/":
        assert page.title.strip().endswith("| Open Government Local")
    assert page.value("description")
    assert page.link("canonical").startswith("http://localhost/")
    for key in ("og:title", "og:description", "og:url", "og:site_name", "og:type"):
        assert page.value(key), key
    assert page.value("og:type") in ("website", "profile")
    assert page.value("twitter:card") in ("summary", "summary_large_image")
    assert page.values("article:published_time") == []
    assert page.json_ld == []


def test_listing_pages_share_the_newest_articles_image(client, article):
    for url in ("/", "/news/", "/topics/youth/", "/authors/ann-lee/"):
        page = head(client, url)
        assert page.value("og:image").startswith("http://localhost/media/images/"), url
        assert page.value("twitter:card") == "summary_large_image"


def test_canonical_urls_of_listings_keep_the_page_number_and_known_filters(client, index):
    topic = TopicFactory(slug="youth")
    for _ in range(13):
        ArticlePageFactory(parent=index, topics=[topic])
    assert head(client, "/news/?page=2").link("canonical") == "http://localhost/news/?page=2"
    assert head(client, "/news/?page=1").link("canonical") == "http://localhost/news/"
    assert (
        head(client, "/news/?topic=youth&page=2&utm_source=x").link("canonical")
        == "http://localhost/news/?topic=youth&page=2"
    )
    assert head(client, "/news/?topic=nope").link("canonical") == "http://localhost/news/"
    assert (
        head(client, "/topics/youth/?page=2").link("canonical")
        == "http://localhost/topics/youth/?page=2"
    )


def test_search_results_ask_not_to_be_indexed(client, article):
    assert head(client, "/search/?q=mayors").value("robots") == "noindex, follow"
    assert head(client, "/news/").values("robots") == []


def test_author_pages_describe_the_person(client, index):
    AuthorFactory(name="Ann Lee", slug="ann-lee", bio="Ann writes about cities.")
    page = head(client, "/authors/ann-lee/")
    assert page.value("og:title") == "Ann Lee"
    assert page.value("og:description") == page.value("description") == "Ann writes about cities."
    assert page.value("og:type") == "profile"


def test_angle_brackets_in_a_summary_are_kept_as_text_not_dropped(client, index):
    article = ArticlePageFactory(parent=index, summary="Budgets <1% of spending & more.")
    page = head(client, article.url)
    assert page.value("og:description") == "Budgets <1% of spending & more."
    assert page.json_ld[0]["description"] == "Budgets <1% of spending & more."
