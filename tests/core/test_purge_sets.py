"""Each kind of change purges exactly the cached URLs it affects, and only after commit.

The URLs are caught by a frontend-cache backend that records them (tests/utils/purges.py), in
place of the site's own cache and Varnish, which receive the same batch in production.
"""

import threading

from django.db import connection, transaction
from django.test import Client

import pytest

from articles.models import ArticleAuthor
from comments.models import CommentStatus
from tests.factories import ArticlePageFactory, AuthorFactory, TopicFactory, related
from tests.utils.comments import as_user, make_comment
from tests.utils.languages import translate_page, translate_snippet
from tests.utils.purges import RecordingBackend, purged

pytestmark = pytest.mark.django_db

SITE = "http://localhost"


@pytest.fixture
def purges(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "record": {"BACKEND": f"{RecordingBackend.__module__}.{RecordingBackend.__name__}"}
    }
    purged.clear()
    yield purged
    purged.clear()


@pytest.fixture
def topic():
    return TopicFactory(name="Budgets", slug="budgets")


@pytest.fixture
def author():
    return AuthorFactory(name="Ana Writer", slug="ana")


@pytest.fixture
def article(index, topic, author):
    return ArticlePageFactory(
        parent=index, title="Budgets", slug="budgets-story", topics=[topic], authors=[author]
    )


@pytest.fixture
def neighbours(index, topic, article):
    """One article sharing the topic, one picking `article` by hand, one unrelated."""
    sharing = ArticlePageFactory(parent=index, slug="sharing", topics=[topic])
    picking = ArticlePageFactory(parent=index, slug="picking", topics=[TopicFactory()])
    related(picking, linked_page=article)
    unrelated = ArticlePageFactory(parent=index, slug="unrelated", topics=[TopicFactory()])
    return sharing, picking, unrelated


def lists(*paths):
    return {SITE + path for path in paths}


def comment_feeds(article, prefix=""):
    return lists(
        f"{prefix}/comments/articles/{article.pk}/feed/",
        f"{prefix}/comments/articles/{article.pk}/feed/atom/",
    )


def article_set(slug="budgets-story", topics=("budgets",), authors=("ana",)):
    """What a change to an article's card purges: its page and every list showing it."""
    urls = lists(
        f"/news/{slug}/",
        "/",
        "/news/",
        "/news/feed/",
        "/news/feed/atom/",
        "/search/",
        "/sitemap.xml",
    )
    for kind, slugs in (("topics", topics), ("authors", authors)):
        for item in slugs:
            urls |= lists(f"/{kind}/{item}/", f"/{kind}/{item}/feed/", f"/{kind}/{item}/feed/atom/")
    return urls


def publish(page, django_capture_on_commit_callbacks, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_publishing_an_article_purges_its_page_lists_feeds_and_related_articles(
    article, neighbours, purges, django_capture_on_commit_callbacks
):
    publish(article, django_capture_on_commit_callbacks, title="Budgets, revised")
    assert set(purges) == article_set() | comment_feeds(article) | lists(
        "/news/sharing/", "/news/picking/"
    )


def test_a_new_slug_purges_the_old_address_and_the_new(
    article, purges, django_capture_on_commit_callbacks
):
    publish(article, django_capture_on_commit_callbacks, slug="budgets-renamed")
    expected = article_set("budgets-renamed") | lists("/news/budgets-story/")
    assert set(purges) == expected | comment_feeds(article)


def test_moving_an_article_purges_its_old_address_and_both_sections(
    article, index, purges, django_capture_on_commit_callbacks
):
    other_section = translate_page(index, "es", title="Noticias", slug="noticias")
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.move(other_section, pos="last-child")
    new_section = lists(
        "/es/noticias/budgets-story/",
        "/es/",
        "/es/noticias/",
        "/es/noticias/feed/",
        "/es/noticias/feed/atom/",
    )
    assert set(purges) == article_set() | comment_feeds(article) | new_section


def test_an_author_or_topic_taken_off_an_article_has_its_pages_purged(
    article, purges, django_capture_on_commit_callbacks
):
    # As the editor's form does: the new byline and topics go into the revision.
    article.authors = [ArticleAuthor(author=AuthorFactory(slug="ben"), sort_order=0)]
    publish(article, django_capture_on_commit_callbacks, topics=[])
    assert set(purges) == article_set(authors=("ana", "ben")) | comment_feeds(article)


def test_unpublishing_and_deleting_an_article_purge_the_same_urls(
    article, purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert set(purges) == article_set() | comment_feeds(article)
    purges.clear()
    publish(article, django_capture_on_commit_callbacks)
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert set(purges) == article_set() | comment_feeds(article)


def test_a_spanish_article_purges_spanish_lists_and_its_english_version(
    article, author, topic, purges, django_capture_on_commit_callbacks
):
    translate_snippet(author, "es", slug="ana-es")
    translate_snippet(topic, "es", name="Presupuestos", slug="presupuestos")
    spanish = translate_page(article, "es", title="Presupuestos", slug="presupuestos-abiertos")
    purges.clear()
    publish(spanish, django_capture_on_commit_callbacks, title="Presupuestos, corregido")
    expected = lists(
        "/es/news/presupuestos-abiertos/",
        "/es/",
        "/es/news/",
        "/es/news/feed/",
        "/es/news/feed/atom/",
        "/es/search/",
        "/es/topics/presupuestos/",
        "/es/topics/presupuestos/feed/",
        "/es/topics/presupuestos/feed/atom/",
        "/es/authors/ana-es/",
        "/es/authors/ana-es/feed/",
        "/es/authors/ana-es/feed/atom/",
        f"/es/comments/articles/{spanish.pk}/feed/",
        f"/es/comments/articles/{spanish.pk}/feed/atom/",
        "/sitemap.xml",
        # Its language switcher and hreflang links point to the Spanish version.
        "/news/budgets-story/",
    )
    assert set(purges) == expected


def test_renaming_an_author_purges_their_pages_and_the_articles_showing_them(
    article, author, purges, django_capture_on_commit_callbacks
):
    author.name = "Ana B. Writer"
    with django_capture_on_commit_callbacks(execute=True):
        author.save_revision().publish()
    assert set(purges) == article_set() | lists("/authors/")


def test_unpublishing_an_author_purges_what_showed_them(
    article, author, purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        author.unpublish()
    assert set(purges) == article_set() | lists("/authors/")


def test_deleting_a_topic_purges_its_pages_and_its_articles(
    article, topic, purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        topic.delete()
    assert set(purges) == article_set() | lists("/topics/")


def test_a_new_slug_for_a_topic_purges_the_old_address(
    article, topic, purges, django_capture_on_commit_callbacks
):
    topic.slug = "public-budgets"
    with django_capture_on_commit_callbacks(execute=True):
        topic.save_revision().publish()
    assert lists("/topics/budgets/", "/topics/public-budgets/feed/atom/") <= set(purges)


def test_a_new_topic_purges_its_pages_and_the_index_filter_that_offers_it(
    index, purges, django_capture_on_commit_callbacks
):
    topic = TopicFactory(name="Water", slug="water", live=False)
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        topic.save_revision().publish()
    assert set(purges) == lists(
        "/topics/water/",
        "/topics/water/feed/",
        "/topics/water/feed/atom/",
        "/topics/",
        "/news/",
        "/news/feed/",
        "/news/feed/atom/",
        "/sitemap.xml",
    )


def test_a_topic_draft_purges_nothing(topic, article, purges, django_capture_on_commit_callbacks):
    topic.name = "Budgets (draft)"
    with django_capture_on_commit_callbacks(execute=True):
        topic.save_revision()
    assert purges == []


def test_approving_a_comment_on_one_article_purges_that_article_and_its_lists_only(
    article, neighbours, moderator, purges, django_capture_on_commit_callbacks
):
    held = make_comment(article, status=CommentStatus.AWAITING)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(moderator).post(f"/admin/comments/{held.pk}/approve/")
    assert response.status_code == 302
    expected = comment_feeds(article) | lists(
        "/news/budgets-story/",
        # Cards show the comment count.
        "/",
        "/news/",
        "/search/",
        "/topics/budgets/",
        "/authors/ana/",
    )
    assert set(purges) == expected
    # Other articles, the ones whose Related Content shows this one included, stay cached:
    # those cards show no comment count.
    for other in ("/news/unrelated/", "/news/sharing/", "/news/picking/"):
        assert SITE + other not in purges


def test_a_held_comment_arriving_purges_nothing(
    article, purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_comment(article, status=CommentStatus.AWAITING)
    assert purges == []


def test_a_change_inside_a_transaction_purges_only_once_it_commits(
    article, purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        article.title = "Budgets, revised"
        article.save_revision().publish()
        assert purges == []
    assert SITE + "/news/budgets-story/" in purges


def test_a_change_rolled_back_purges_nothing(article, purges, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                article.save_revision().publish()
                raise RuntimeError("the editor's request failed")
        except RuntimeError:
            pass
    assert purges == []


@pytest.mark.django_db(transaction=True)
def test_a_reader_during_a_publish_cannot_keep_the_old_home_page_cached(index, settings):
    """A reader whose view renders while a publish is still uncommitted stores the old home
    page; the purge must come after the commit, so the next reader sees the new article."""
    settings.PAGE_CACHE_ENABLED = True
    ArticlePageFactory(parent=index, title="Older story", slug="older")
    reader = Client()
    assert "Older story" in reader.get("/").content.decode()
    article = ArticlePageFactory(parent=index, title="Fresh story", slug="fresh")
    article.unpublish()

    def read_in_another_connection():
        try:
            Client().get("/")
        finally:
            connection.close()

    with transaction.atomic():
        article.save_revision().publish()
        # The publish is not committed: this reader renders and stores the old list.
        thread = threading.Thread(target=read_in_another_connection)
        thread.start()
        thread.join()
    assert "Fresh story" in reader.get("/").content.decode()
