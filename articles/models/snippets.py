"""Snippets: the people who write and the subjects that group articles.

Both have drafts, revisions, preview and history, so a new author or a bio change can be
prepared and previewed, then published when ready. Readers only ever see live ones.
"""

from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import (
    DraftStateMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index

from core.languages import active_language_code

from .. import seo
from .mixins import FramedPreviewMixin
from .querysets import paginate


class LiveQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def in_reader_language(self):
        """The ones in the language of this request (the URL's /es/ or /fr/, else English)."""
        return self.filter(locale__language_code=active_language_code())


class PublishedSnippet(
    FramedPreviewMixin,
    PreviewableMixin,
    DraftStateMixin,
    RevisionMixin,
    TranslatableMixin,
    models.Model,
):
    """A snippet readers see only once published, in each language it is translated into;
    its preview is its public archive page."""

    preview_template = ""

    objects = LiveQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def articles(self):
        raise NotImplementedError

    def get_preview_template(self, request, mode_name):
        return self.preview_template

    def get_preview_context(self, request, mode_name):
        page_obj, page_range = paginate(request, self.articles())
        return {
            "object": self,
            "page_obj": page_obj,
            "page_range": page_range,
            "cards": [article.as_card(request) for article in page_obj],
        }


class Author(index.Indexed, PublishedSnippet):
    """A person who writes for the site."""

    preview_template = "articles/author_detail.html"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, help_text="Used in /authors/<slug>/.")
    role = models.CharField(max_length=120, blank=True, help_text="For example: Senior Analyst.")
    organisation = models.CharField(max_length=160, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = models.TextField(blank=True, max_length=1200, help_text="Two or three sentences.")
    website = models.URLField(blank=True, help_text="An optional external profile or website.")
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="author")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("website"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(PublishedSnippet.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="author_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("author_detail", args=[self.slug])

    def get_meta(self, request, context):
        return seo.author_meta(request, self, context)

    def get_feed_links(self, request):
        return seo.archive_feed_link(
            request, _("articles by %(name)s") % {"name": self.name}, "author_feed", self.slug
        )

    def articles(self):
        return apps.get_model("articles", "ArticlePage").objects.for_cards().by_author(self)


class Topic(PublishedSnippet):
    """A subject that groups articles, with its own page at /topics/<slug>/."""

    preview_template = "articles/topic_detail.html"

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80)
    description = models.TextField(blank=True, max_length=600)
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="topic")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(PublishedSnippet.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "name"], name="topic_name_per_locale"),
            models.UniqueConstraint(fields=["locale", "slug"], name="topic_slug_per_locale"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topic_detail", args=[self.slug])

    def get_meta(self, request, context):
        return seo.topic_meta(request, self, context)

    def get_feed_links(self, request):
        return seo.archive_feed_link(
            request, _("articles on %(name)s") % {"name": self.name}, "topic_feed", self.slug
        )

    def articles(self):
        return apps.get_model("articles", "ArticlePage").objects.for_cards().by_topic(self)
