"""The page types: home, the article index at /news/, and articles with their inline parts."""

from dataclasses import replace
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as subpage
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.cache import keep_no_copy
from core.seo import wagtail_page_meta

from .. import seo
from ..blocks import ArticleBodyBlock, body_word_count
from ..cards import CARD_RENDITIONS, FEATURE_RENDITIONS, Card, shorten
from ..feeds import LatestArticlesAtomFeed, LatestArticlesFeed
from ..filters import ArticleFilters
from ..panels import RequiredChooserPanel, TemplatePanel
from .mixins import FramedPreviewMixin
from .querysets import ArticlePageManager, card_prefetches, paginate
from .snippets import Author, Topic

RELATED_LIMIT = 3
WORDS_PER_MINUTE = 220


class HomePage(FramedPreviewMixin, Page):
    """The front page: a featured article and the latest ones."""

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    introduction = models.TextField(
        blank=True,
        max_length=400,
        help_text="A sentence under the site name, shown above the stories.",
    )
    featured_article = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty to feature the newest article.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("featured_article"),
    ]

    LATEST_COUNT = 6

    def get_meta(self, request, context):
        return wagtail_page_meta(
            request, self, context, title=self.seo_title or settings.WAGTAIL_SITE_NAME
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.for_cards().in_locale_of(self)
        featured = None
        if self.featured_article_id:  # the editor's pick, unless it is no longer published
            featured = articles.filter(pk=self.featured_article_id).first()
        if featured is None:
            latest = list(articles[: self.LATEST_COUNT + 1])
            featured = latest.pop(0) if latest else None
        else:
            latest = list(articles.exclude(pk=featured.pk)[: self.LATEST_COUNT])
        context["featured"] = featured.as_card(request) if featured else None
        context["latest"] = [article.as_card(request) for article in latest]
        context["index_page"] = ArticleIndexPage.objects.live().child_of(self).first()
        return context


class ArticleIndexPage(FramedPreviewMixin, RoutablePageMixin, Page):
    """The list of all articles at /news/, newest first, with its RSS and Atom feeds."""

    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count_per_parent = 1  # one per home, and each language has its home

    introduction = models.TextField(blank=True, max_length=400)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    def get_cached_paths(self):
        # Purged with the list: its feeds show the same articles (articles/purging.py).
        return ["/", "/feed/", "/feed/atom/"]

    @subpage("feed/")
    def rss_feed(self, request):
        return LatestArticlesFeed.view(request, self, ArticlePage.objects.child_of(self))

    @subpage("feed/atom/")
    def atom_feed(self, request):
        return LatestArticlesAtomFeed.view(request, self, ArticlePage.objects.child_of(self))

    def get_meta(self, request, context):
        filters = context.get("filters")
        return wagtail_page_meta(request, self, context, query=filters.query if filters else {})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = ArticleFilters(
            request.GET,
            ArticlePage.objects.for_cards().child_of(self),
            topics=Topic.objects.live().filter(locale_id=self.locale_id).only("name", "slug"),
            authors=Author.objects.live().filter(locale_id=self.locale_id).only("name", "slug"),
        )
        if filters.unknown:
            keep_no_copy(request)  # a slug nobody has: an empty list, kept nowhere
        page_obj, page_range = paginate(request, filters.qs)
        context.update(
            filters=filters,
            page_obj=page_obj,
            page_range=page_range,
            cards=[article.as_card(request) for article in page_obj],
        )
        return context


class ArticlePage(FramedPreviewMixin, Page):
    """A dated story with ordered authors, topics, a body and related content."""

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    class Label(models.TextChoices):
        BLOG = "blog", _("Blog")
        NEWS = "news", _("News")
        STORY = "story", _("Story")
        REPORT = "report", _("Report")

    date = models.DateTimeField(
        "publication date",
        null=True,
        blank=True,
        db_index=True,
        help_text="Leave empty to use the moment the article is first published.",
    )
    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences for cards, feeds and search engines.",
    )
    label = models.CharField(max_length=20, choices=Label.choices, default=Label.BLOG)
    feature_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feature_image_alt = models.CharField(
        "feature image alt text",
        max_length=250,
        blank=True,
        help_text="What the image shows, for people who cannot see it. "
        "Leave empty to use the image's own description.",
    )
    feature_image_caption = models.CharField(
        "caption",
        max_length=250,
        blank=True,
        help_text="Shown under the feature image: what it shows, for every reader.",
    )
    feature_image_credit = models.CharField(
        "credit",
        max_length=120,
        blank=True,
        help_text="Who made the image, for example: Photo: Jane Doe / Agency.",
    )
    body = StreamField(ArticleBodyBlock(), blank=True)
    topics = ParentalManyToManyField("articles.Topic", blank=True, related_name="articles")
    allow_comments = models.BooleanField(
        "comments enabled", default=True, help_text="Readers may leave comments on this article."
    )

    content_panels = [
        *Page.content_panels,
        RequiredChooserPanel(
            "authors", chooser_field_name="author", heading="Authors", label="author", min_num=1
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("label"), FieldPanel("date")]), FieldPanel("topics")],
            heading="Label, date and topics",
        ),
        MultiFieldPanel(
            [
                FieldPanel("feature_image"),
                FieldPanel("feature_image_alt"),
                FieldPanel("feature_image_caption"),
                FieldPanel("feature_image_credit"),
            ],
            heading="Feature image",
        ),
        FieldPanel("body"),
        InlinePanel("related_items", heading="Related content", label="related item", max_num=12),
        MultiFieldPanel(
            [
                FieldPanel("allow_comments"),
                # Drawn by the comments app's template; this app knows nothing of comments.
                TemplatePanel("comments_admin/article_panel.html"),
            ],
            heading="Comments",
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields(
            "authors", [index.RelatedFields("author", [index.SearchField("name")])]
        ),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("date"),
        index.FilterField("label"),
    ]

    objects = ArticlePageManager()

    class Meta:
        ordering = ["-date"]

    def clean(self):
        super().clean()
        if self.feature_image and not self.feature_image_alt and not self.feature_image.description:
            raise ValidationError(
                {
                    "feature_image_alt": "Describe the feature image, or give the image a description."
                }
            )

    def save(self, *args, **kwargs):
        # Publishing sets first_published_at before saving, so the default date follows it.
        if self.date is None and self.live:
            self.date = self.first_published_at or timezone.now()
        return super().save(*args, **kwargs)

    # Display helpers, read more than once per render, so cached.

    @cached_property
    def author_list(self):
        links = self.authors.all()
        if "authors" not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("author")
        # A draft author (not yet published) is left off the byline.
        return [link.author for link in links if link.author_id and link.author.live]

    @cached_property
    def topic_list(self):
        return [topic for topic in self.topics.all() if topic.live]

    @property
    def display_date(self):
        return self.date or self.first_published_at or self.latest_revision_created_at

    @property
    def modified_at(self):
        """When readers last saw a change: the last publish, never before the publication date."""
        published = self.display_date
        modified = self.last_published_at or self.latest_revision_created_at or published
        if published and modified and modified < published:
            return published
        return modified

    @property
    def feature_image_alt_text(self):
        if self.feature_image_alt:
            return self.feature_image_alt
        return self.feature_image.description if self.feature_image else ""

    @cached_property
    def reading_time(self):
        return max(1, round(body_word_count(self.body) / WORDS_PER_MINUTE))

    def as_card(self, request=None):
        return Card(
            title=self.title,
            url=self.get_url(request),
            summary=shorten(self.summary),
            label=self.get_label_display(),
            image=self.feature_image,
            date=self.display_date,
            authors=self.author_list,
            comment_count=getattr(self, "comment_count", 0),
        )

    @cached_property
    def related_items_list(self):
        Image = get_image_model()
        return list(
            self.related_items.select_related("document").prefetch_related(
                Prefetch("thumbnail", queryset=Image.objects.prefetch_renditions(*CARD_RENDITIONS))
            )
        )

    def related_cards(self, request=None, prefetch_self=False):
        """Editors' picks in their order, then the newest articles sharing a topic, up to three.

        Picked and topic-matched articles come back in one query, and their authors and images
        (with this article's own, when `prefetch_self`) in one more each. The cards leave out
        comment counts: approving a comment then changes only its own article's page, so only
        that page needs purging.
        """
        items = self.related_items_list
        pick_ids = [item.linked_page_id for item in items if item.linked_page_id]
        shared = ArticlePage.objects.none()
        if self.topic_list:
            shared = (
                ArticlePage.objects.related_to(self)
                .exclude(pk__in=pick_ids)
                .values("pk")[:RELATED_LIMIT]
            )
        candidates = list(
            ArticlePage.objects.published()
            .defer_streamfields()
            .filter(Q(pk__in=pick_ids) | Q(pk__in=shared))
            .exclude(pk=self.pk)
            .order_by("-date", "-pk")
        )
        to_prefetch = [self, *candidates] if prefetch_self and self.pk else candidates
        prefetch_related_objects(to_prefetch, *card_prefetches(ArticlePage, *FEATURE_RENDITIONS))
        articles = {article.pk: article for article in candidates}
        others = [pk for pk in pick_ids if pk not in articles]
        pages = (
            {p.pk: p for p in Page.objects.live().public().filter(pk__in=others)} if others else {}
        )

        cards, used = [], {self.pk}
        for item in items:
            target = None
            if item.linked_page_id:
                target = articles.get(item.linked_page_id) or pages.get(item.linked_page_id)
                if (
                    target is None or target.pk in used
                ):  # a draft, private, deleted or repeated page
                    continue
                used.add(target.pk)
            card = item.as_card(request, target)
            if card is not None:
                cards.append(card)
        for article in candidates:
            if article.pk not in used:
                cards.append(article.as_card(request))
                used.add(article.pk)
        return cards[:RELATED_LIMIT]

    def get_meta(self, request, context):
        return seo.article_meta(request, self)

    def get_feed_links(self, request):
        return seo.article_feed_links(request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A preview shows the editor's unsaved authors and image; reading this page's saved
        # rows along with the cards' would replace them.
        preview = getattr(request, "is_preview", False)
        context["related_cards"] = self.related_cards(request, prefetch_self=not preview)
        return context


class ArticleAuthor(Orderable):
    """An author of an article, in the order the editor set."""

    page = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="authors")
    author = models.ForeignKey(
        "articles.Author", on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "author"], name="unique_author_per_article")
        ]

    def __str__(self):
        return str(self.author)


class ArticleRelatedItem(Orderable):
    """A hand-picked related page, document or link under an article."""

    page = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="related_items"
    )
    linked_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    external_url = models.URLField("external URL", blank=True)
    title = models.CharField(max_length=200, blank=True, help_text="Overrides the target's title.")
    summary = models.CharField(
        max_length=300, blank=True, help_text="Overrides the target's summary."
    )
    thumbnail = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    label = models.CharField(max_length=40, blank=True, help_text="For example: Blog, Report.")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("linked_page", heading="Page on this site"),
                FieldPanel("document"),
                FieldPanel("external_url", heading="Web address"),
            ],
            heading="Links to (choose one)",
        ),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("thumbnail"), FieldPanel("label")]),
    ]

    def clean(self):
        super().clean()
        targets = [bool(self.linked_page_id), bool(self.document_id), bool(self.external_url)]
        if sum(targets) != 1:
            raise ValidationError("Choose exactly one of a page, a document or an external URL.")
        if (self.document_id or self.external_url) and not self.title:
            raise ValidationError({"title": "Give a title for a document or an external link."})

    def as_card(self, request, target=None):
        """The target's own card (page, document or link) with the editor's overrides on top."""
        if isinstance(target, ArticlePage):
            base = target.as_card(request)
        elif target is not None:
            base = Card(title=target.title, url=target.get_url(request))
        elif self.document_id:
            base = Card(title=self.document.title, url=self.document.url, label=_("Report"))
        elif self.external_url:
            base = Card(title=self.external_url, url=self.external_url, external=True)
        else:
            return None
        return replace(
            base,
            title=self.title or base.title,
            summary=shorten(self.summary) or base.summary,
            label=self.label or base.label,
            image=self.thumbnail or base.image,
        )
