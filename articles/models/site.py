"""Pages and settings that belong to the site rather than to the news: notices and the masthead."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from core.cache import request_generation
from core.languages import active_language_code
from core.seo import wagtail_page_meta

from ..blocks import ArticleBodyBlock
from .mixins import FramedPreviewMixin

MASTHEAD_SECONDS = 3600


class StandardPage(FramedPreviewMixin, Page):
    """A plain page under the home page: the privacy notice, About, Contact."""

    parent_page_types = ["articles.HomePage"]
    subpage_types = []

    introduction = models.TextField(
        blank=True, max_length=400, help_text="A sentence or two under the title."
    )
    body = StreamField(ArticleBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    def get_meta(self, request, context):
        return wagtail_page_meta(request, self, context)


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """The masthead's wordmark or logo, and the pages every form and footer points to."""

    select_related = ["logo", "privacy_page"]

    wordmark = models.CharField(
        max_length=60,
        blank=True,
        help_text="The name shown in the masthead. Leave empty to use the site name.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. Shown instead of the wordmark; it is used as the logo's alt text.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The privacy notice, linked from the comment form and the footer.",
    )

    panels = [FieldPanel("wordmark"), FieldPanel("logo"), FieldPanel("privacy_page")]

    class Meta:
        verbose_name = "site identity"


@dataclass(frozen=True)
class Masthead:
    """What the header and footer show of the site's identity, cached between requests."""

    wordmark: str
    logo: object | None = None
    privacy_url: str = ""


def masthead(request) -> Masthead:
    """The site's identity for this request: one cache read, the database only after a change.

    Keyed on the page-cache generation, which every publish and every save of the setting
    moves on (articles/signal_handlers.py), so a renamed wordmark shows on the next request.
    """
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return Masthead(settings.WAGTAIL_SITE_NAME)
    language = active_language_code()
    key = f"articles:masthead:{site.pk}:{request_generation(request)}:{language}"
    found = cache.get(key)
    if found is None:
        identity = (
            SiteIdentity.objects.filter(site=site).select_related("logo", "privacy_page").first()
        )
        privacy = identity.privacy_page if identity else None
        if privacy is not None:  # the notice in the reader's language, where it is translated
            privacy = (
                Page.objects.live()
                .filter(translation_key=privacy.translation_key, locale__language_code=language)
                .first()
                or privacy
            )
        found = Masthead(
            wordmark=(identity.wordmark if identity else "") or settings.WAGTAIL_SITE_NAME,
            logo=identity.logo if identity else None,
            privacy_url=privacy.get_url(request) if privacy is not None and privacy.live else "",
        )
        cache.set(key, found, MASTHEAD_SECONDS)
    return found
