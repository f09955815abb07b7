"""The demo in Spanish and French: translations of the English pages and snippets.

Every translation is a Wagtail copy of its English original (same translation_key), so
the site's language switch and fallbacks find it. Anything already translated is left as
it is, which keeps load_demo safe to run again and keeps an editor's changes.
"""

from django.conf import settings

from wagtail.models import Locale

from articles.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    Author,
    HomePage,
    StandardPage,
    Topic,
)
from demo import content as english
from demo import content_es, content_fr
from demo.comments import add_comments

LANGUAGES = (content_es, content_fr)


def translate_demo(report):
    """Translate the demo into every language in LANGUAGES; `report` is the linked PDF."""
    for words in LANGUAGES:
        DemoTranslation(words, report).build()


class DemoTranslation:
    """The demo in one language, built from a module shaped like demo/content_es.py."""

    def __init__(self, words, report):
        self.words = words
        self.report = report
        self.locale, _ = Locale.objects.get_or_create(language_code=words.LOCALE)
        self.default_locale = Locale.get_default()

    def build(self):
        home = self.translate_home()
        self.translate_page(
            ArticleIndexPage.objects.get(locale=self.default_locale), self.words.NEWS_INDEX
        )
        self.authors = self.translate_snippets(Author, self.words.AUTHORS, self.author_fields)
        self.topics = self.translate_snippets(Topic, self.words.TOPICS, self.topic_fields)
        for data in self.article_data():
            self.translate_article(data)
        for slug, data in self.words.STANDARD_PAGES.items():
            body = data.get("body") or self.words.privacy_body(settings.COMMENTS_IP_RETENTION_DAYS)
            self.translate_page(self.english(StandardPage, slug), {**data, "body": body})
        model = self.english(ArticlePage, english.MODEL_SLUG).get_translation(self.locale)
        if home.featured_article_id is None:
            # Its children were added since it was loaded; saving a stale copy would
            # reset the tree's child count and hide them from routing.
            home.refresh_from_db()
            home.featured_article = model
            home.save_revision().publish()
        add_comments(model, self.words.COMMENTS)

    def english(self, model, slug):
        return model.objects.get(locale=self.default_locale, slug=slug)

    # Pages

    def translate_home(self):
        """The home page first, so that every other page finds its translated parents.

        Left to copy_parents, Wagtail would make the home page and the news index aliases
        of the English ones, and every English publish would copy English words over them.
        """
        english_home = HomePage.objects.get(locale=self.default_locale)
        # The English pick is an English article; the translated one is set once it exists.
        return self.translate_page(english_home, self.words.HOME, featured_article=None)

    def translate_page(self, original, data, **fields):
        """A published translation of `original` with the words in `data`, or the existing one."""
        existing = original.get_translation_or_none(self.locale)
        if existing is not None:
            return existing.specific
        page = original.copy_for_translation(self.locale, copy_parents=True)
        for name in ("title", "slug", "introduction", "summary", "body"):
            if name in data:
                setattr(page, name, data[name])
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
        return page

    def article_data(self):
        """The articles this language translates, each with the English slug it comes from."""
        yield self.words.DIALOGUE_ARTICLE
        for title, (translated_title, slug, summary) in self.words.MORE_ARTICLES.items():
            yield {
                "source": english.more_article_slug(title),
                "slug": slug,
                "title": translated_title,
                "summary": summary,
                "body": self.words.more_article_body(translated_title, summary),
            }
        yield self.words.MODEL_ARTICLE

    def translate_article(self, data):
        original = self.english(ArticlePage, data["source"])
        if original.get_translation_or_none(self.locale) is not None:
            return
        page = self.translate_page(
            original,
            {**data, "body": english.with_report_links(data["body"], self.report)},
            feature_image_alt=data.get("alt", ""),
            feature_image_caption=data.get("caption", ""),
            feature_image_credit=self.words.IMAGE_CREDIT,
            authors=[
                ArticleAuthor(author=self.authors[link.author.slug], sort_order=link.sort_order)
                for link in original.authors.select_related("author")
            ],
            topics=[self.topics[topic.slug] for topic in original.topics.all()],
            related_items=self.translate_related(original),
        )
        backdate(page, original)

    def translate_related(self, original):
        """The original's related items, pointing at translated pages where there are some."""
        items = []
        for item in original.related_items.all():
            copy = type(item)(
                **{
                    field.name: getattr(item, field.name)
                    for field in item._meta.concrete_fields
                    if field.name not in ("id", "page")
                }
            )
            if copy.linked_page_id:
                linked = copy.linked_page
                copy.linked_page = linked.get_translation_or_none(self.locale) or linked
            if copy.document_id == self.report.pk:
                for name, value in self.words.REPORT_LINK.items():
                    setattr(copy, name, value)
            items.append(copy)
        return items

    # Snippets

    def translate_snippets(self, model, words, fields_for):
        """Translated copies of `model`'s English rows, keyed by the English slug."""
        translations = {}
        for original in model.objects.filter(locale=self.default_locale, slug__in=words):
            snippet = original.get_translation_or_none(self.locale)
            if snippet is None:
                snippet = original.copy_for_translation(self.locale)
                for name, value in fields_for(words[original.slug]).items():
                    setattr(snippet, name, value)
                snippet.save()
            translations[original.slug] = snippet
        return translations

    @staticmethod
    def author_fields(words):
        return {"role": words["role"], "bio": words["bio"]}

    @staticmethod
    def topic_fields(words):
        name, slug, description = words
        return {"name": name, "slug": slug, "description": description}


def backdate(page, original):
    """Give a translation its original's dates, so feeds do not call it new today."""
    published = original.first_published_at
    updated = original.last_published_at
    page.revisions.update(created_at=updated)
    type(page).objects.filter(pk=page.pk).update(
        date=original.date,
        first_published_at=published,
        last_published_at=updated,
        latest_revision_created_at=updated,
    )
