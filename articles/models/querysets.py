"""The one queryset every listing reads its cards from, and pagination."""

from django.core.paginator import Paginator
from django.db.models import CharField, Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Cast, Coalesce

from wagtail.images import get_image_model
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

import django_comments

from core.cache import get_page
from core.restrictions import outside_restrictions

from ..cards import CARD_RENDITIONS, SOCIAL_IMAGE_SPEC

ARTICLES_PER_PAGE = 12


def card_prefetches(model, *extra_renditions):
    """What a card of `model` (ArticlePage) reads beyond the page row: authors in order, and
    the image with renditions."""
    author_links = model._meta.get_field("authors").related_model
    Image = get_image_model()
    return [
        Prefetch(
            "authors",
            queryset=author_links.objects.select_related("author").order_by("sort_order"),
        ),
        Prefetch(
            "feature_image",
            queryset=Image.objects.prefetch_renditions(
                *CARD_RENDITIONS, SOCIAL_IMAGE_SPEC, *extra_renditions
            ),
        ),
    ]


def approved_comment_count():
    """The number of published comments on the outer article, as a subquery of its own row.

    Read through django-contrib-comments' configured model and its public flags, so this app
    needs nothing from the comments app; a listing gets every card's count in its one query.
    """
    comments = (
        django_comments.get_model()
        .objects.filter(
            content_type__app_label="articles",
            content_type__model="articlepage",
            object_pk=Cast(OuterRef("pk"), CharField()),
            is_public=True,
            is_removed=False,
        )
        .order_by()
        .values("object_pk")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(comments, output_field=IntegerField()), 0)


class ArticlePageQuerySet(PageQuerySet):
    def published(self):
        """Live and outside any private section (same result as .live().public(), cached lookup)."""
        return outside_restrictions(self.live())

    def with_comment_counts(self):
        return self.annotate(comment_count=approved_comment_count())

    def for_cards(self, *extra_renditions):
        """Published articles, newest first, with everything a card shows in a fixed number of queries.

        `extra_renditions` are rendition specs fetched with the card's own (a feed's enclosure).
        """
        return (
            self.published()
            .defer_streamfields()
            .with_comment_counts()
            .prefetch_related(*card_prefetches(self.model, *extra_renditions))
            .order_by("-date", "-pk")
        )

    def in_locale_of(self, obj):
        """The articles in the language of `obj` (a page, author or topic)."""
        return self.filter(locale_id=obj.locale_id)

    def by_topic(self, topic):
        return self.in_locale_of(topic).filter(topics=topic)

    def by_author(self, author):
        return self.in_locale_of(author).filter(authors__author=author)

    def related_to(self, article):
        """Newest published articles sharing a topic with `article`, never `article` itself.

        Plain rows: ArticlePage.related_cards reads only their ids, inside its one card query.
        """
        sharing = self.model.topics.through.objects.filter(
            topic_id__in=[topic.pk for topic in article.topic_list]
        ).values("articlepage_id")
        return (
            self.published()
            .in_locale_of(article)
            .filter(pk__in=sharing)
            .exclude(pk=article.pk)
            .order_by("-date", "-pk")
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


def paginate(request, queryset, per_page=ARTICLES_PER_PAGE):
    """A page of results; a bad or out-of-range ?page= gives the first or last page."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page")
    # Django sends numbers below 1 to the last page; readers expect the first.
    if number and number.lstrip("-").isdigit() and int(number) < 1:
        number = 1
    page_obj = get_page(request, paginator, number)
    page_range = paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    return page_obj, list(page_range)
