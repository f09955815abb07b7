"""Related Content: editors' picks first, then articles sharing a topic, three at most."""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import pytest

from tests.factories import ArticlePageFactory, ImageFactory, TopicFactory, related
from tests.utils.comments import make_comment
from tests.utils.html import parse, text, texts

pytestmark = pytest.mark.django_db


def related_cards(client, article) -> list[dict]:
    """The cards of the article's "Related Content" section: what each says and links to."""
    heading = parse(client.get(article.url)).find(id="related-heading")
    if heading is None:
        return []
    cards = []
    for card in heading.find_parent("section").select(".article-card"):
        link = card.select_one(".article-card__link")
        cards.append(
            {
                "title": link.find(string=True, recursive=False).strip(),
                "href": link["href"],
                "label": text(card.select_one(".article-card__label")),
                "summary": text(card.select_one(".article-card__summary")),
                "pictures": len(card.find_all("picture")),
            }
        )
    return cards


def related_titles(client, article):
    return [card["title"] for card in related_cards(client, article)]


def test_picks_come_first_in_the_editors_order(client, index):
    a, b = (
        ArticlePageFactory(parent=index, title="Pick A"),
        ArticlePageFactory(parent=index, title="Pick B"),
    )
    article = ArticlePageFactory(parent=index, title="Main")
    related(article, 0, linked_page=b)
    related(article, 1, linked_page=a)
    assert related_titles(client, article) == ["Pick B", "Pick A"]


def test_fewer_than_three_picks_are_topped_up_with_the_newest_articles_sharing_a_topic(
    client, index
):
    climate, other = TopicFactory(), TopicFactory()
    article = ArticlePageFactory(parent=index, title="Main", topics=[climate])
    pick = ArticlePageFactory(parent=index, title="Pick")
    ArticlePageFactory(parent=index, title="Shared newer", topics=[climate])
    ArticlePageFactory(parent=index, title="Shared older", topics=[climate])
    ArticlePageFactory(parent=index, title="Shared oldest", topics=[climate])
    ArticlePageFactory(parent=index, title="Different topic", topics=[other])
    related(article, 0, linked_page=pick)
    assert related_titles(client, article) == ["Pick", "Shared newer", "Shared older"]


def test_fallback_never_shows_the_article_itself_a_duplicate_or_a_draft(client, index):
    climate, budgets = TopicFactory(), TopicFactory()
    article = ArticlePageFactory(parent=index, title="Main", topics=[climate, budgets])
    both = ArticlePageFactory(parent=index, title="Shares both topics", topics=[climate, budgets])
    ArticlePageFactory(parent=index, title="Draft sharing", topics=[climate], live=False)
    related(article, 0, linked_page=both)
    related(article, 1, linked_page=both)
    related(article, 2, linked_page=article)
    assert related_titles(client, article) == ["Shares both topics"]


def test_a_picked_draft_or_private_page_is_left_out(client, index):
    draft = ArticlePageFactory(parent=index, title="Draft pick", live=False)
    article = ArticlePageFactory(parent=index, title="Main")
    related(article, 0, linked_page=draft)
    assert related_titles(client, article) == []
    assert "Related Content" not in texts(parse(client.get(article.url)), "h2")


def test_documents_and_external_links_show_as_cards_with_overrides(client, index):
    Document = get_document_model()
    report = Document(title="Report file")
    report.file.save("report.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    report.save()
    article = ArticlePageFactory(parent=index, title="Main")
    related(
        article,
        0,
        document=report,
        title="Annual report",
        label="Report",
        summary="All the findings.",
    )
    related(
        article,
        1,
        external_url="https://example.org/guide",
        title="A guide",
        label="Guide",
        thumbnail=ImageFactory(),
    )
    report_card, guide_card = related_cards(client, article)
    assert report_card == {
        "title": "Annual report",
        "href": report.url,
        "label": "Report",
        "summary": "All the findings.",
        "pictures": 0,
    }
    assert (guide_card["title"], guide_card["href"]) == ("A guide", "https://example.org/guide")
    assert (guide_card["label"], guide_card["pictures"]) == ("Guide", 1)


def test_overrides_replace_a_picked_articles_title_summary_and_label(client, index):
    target = ArticlePageFactory(parent=index, title="Original title", summary="Original summary.")
    article = ArticlePageFactory(parent=index, title="Main")
    related(
        article,
        0,
        linked_page=target,
        title="Better title",
        summary="Better summary.",
        label="Story",
    )
    (card,) = related_cards(client, article)
    assert card == {
        "title": "Better title",
        "href": target.url,
        "label": "Story",
        "summary": "Better summary.",
        "pictures": card["pictures"],
    }


def test_at_most_three_related_cards_are_shown(client, index):
    article = ArticlePageFactory(parent=index, title="Main")
    for n in range(5):
        related(article, n, linked_page=ArticlePageFactory(parent=index, title=f"Pick {n}"))
    assert related_titles(client, article) == ["Pick 0", "Pick 1", "Pick 2"]


def test_the_cached_related_block_updates_when_a_related_article_is_published(
    client, index, django_capture_on_commit_callbacks
):
    topic = TopicFactory()
    article = ArticlePageFactory(parent=index, title="Main", topics=[topic])
    assert related_titles(client, article) == []
    newcomer = ArticlePageFactory(parent=index, title="Newcomer", topics=[topic], live=False)
    assert related_titles(client, article) == []  # a draft is never related
    with django_capture_on_commit_callbacks(execute=True):  # the purge follows the commit
        newcomer.save_revision().publish()
    assert related_titles(client, article) == ["Newcomer"]


def test_a_comment_approved_on_one_article_changes_nothing_on_another(client, index):
    # Approving a comment purges the article it is on, not every article that lists it.
    topic = TopicFactory()
    commented = ArticlePageFactory(parent=index, title="Commented", topics=[topic])
    other = ArticlePageFactory(parent=index, title="Other", topics=[topic])
    before = text(parse(client.get(other.url)).select_one(".related"))
    assert "Commented" in before

    make_comment(commented, comment="Approved and public.")

    assert text(parse(client.get(other.url)).select_one(".related")) == before
