"""Snippets: the people who write and the subjects that group articles."""

from django.db import models
from django.urls import reverse

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from .. import seo


class Author(index.Indexed, models.Model):
    """A person who writes for the site."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True, max_length=120, help_text="Used in /authors/<slug>/.")
    role = models.CharField(max_length=120, blank=True, help_text="For example: Senior Analyst.")
    organisation = models.CharField(max_length=160, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = models.TextField(blank=True, max_length=1200, help_text="Two or three sentences.")
    website = models.URLField(blank=True, help_text="An optional external profile or website.")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("website"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("author_detail", args=[self.slug])

    def get_meta(self, request, context):
        return seo.author_meta(request, self, context)

    def get_feed_links(self, request):
        return seo.archive_feed_link(request, f"articles by {self.name}", "author_feed", self.slug)


class Topic(models.Model):
    """A subject that groups articles, with its own page at /topics/<slug>/."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(unique=True, max_length=80)
    description = models.TextField(blank=True, max_length=600)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topic_detail", args=[self.slug])

    def get_meta(self, request, context):
        return seo.topic_meta(request, self, context)

    def get_feed_links(self, request):
        return seo.archive_feed_link(request, f"articles on {self.name}", "topic_feed", self.slug)
