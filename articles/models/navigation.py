"""The links in the site's header and footer, edited in Settings > Navigation and footer."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page, Site

from core.cache import request_generation
from core.languages import active_language_code

from .pages import ArticleIndexPage

NAVIGATION_SECONDS = 600


@dataclass(frozen=True)
class Link:
    label: str
    url: str


class NavigationLink(Orderable):
    """A link to a page of the site, or to an address such as /topics/."""

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = models.CharField(
        "address",
        max_length=300,
        blank=True,
        help_text="A path on this site such as /topics/, or a full web address. "
        "Used when no page is chosen.",
    )
    label = models.CharField(
        max_length=60, blank=True, help_text="Leave empty to use the page's title."
    )

    panels = [FieldPanel("page"), FieldPanel("url"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self):
        super().clean()
        if bool(self.page_id) == bool(self.url):
            raise ValidationError("Choose a page or give an address, not both.")
        if self.url and not self.label:
            raise ValidationError({"label": "Give a label for an address."})

    def as_link(self, request, translations):
        """The link in the reader's language: the chosen page's translation where there is
        one (`translations` maps translation keys to pages), and local addresses prefixed.

        A label is the editor's words; where it is also one of the interface's own words
        ("Topics", "Authors"), the interface's translation of it is shown.
        """
        label = gettext(self.label) if self.label else ""
        if self.page_id:
            page = translations.get(self.page.translation_key, self.page)
            return Link(label or page.title, page.get_url(request))
        if self.url.startswith("/"):
            # The address is written in the default language; Django's translate_url reads
            # it in the active one, so read it in the default language and give the reader's.
            language = translation.get_language()
            with translation.override(settings.LANGUAGE_CODE):
                return Link(label, translate_url(self.url, language))
        return Link(label, self.url)


class HeaderLink(NavigationLink):
    setting = ParentalKey(
        "articles.NavigationSettings", on_delete=models.CASCADE, related_name="header_links"
    )


class FooterLink(NavigationLink):
    setting = ParentalKey(
        "articles.NavigationSettings", on_delete=models.CASCADE, related_name="footer_links"
    )


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """The site's header and footer links, in the editor's order."""

    panels = [
        InlinePanel("header_links", heading="Header links", label="header link", max_num=8),
        InlinePanel("footer_links", heading="Footer links", label="footer link", max_num=12),
    ]

    class Meta:
        verbose_name = "navigation and footer"

    @classmethod
    def links_for(cls, request):
        """{"header": [Link], "footer": [Link], "index_url": str}, cached until content changes."""
        language = active_language_code()
        key = f"navigation:{request_generation(request)}:{request.get_host()}:{language}"
        links = cache.get(key)
        if links is None:
            links = cls.build_links(request)
            cache.set(key, links, NAVIGATION_SECONDS)
        return links

    @classmethod
    def build_links(cls, request):
        language = active_language_code()
        index = ArticleIndexPage.objects.live().filter(locale__language_code=language).first()
        index_url = index.get_url(request) if index else "/"
        # Not for_request(): that creates the row, and rendering never writes.
        setting = cls.objects.filter(site=Site.find_for_request(request)).first()
        if setting is None:  # not edited yet: the sections every site has
            defaults = [
                Link(index.title if index else gettext("News"), index_url),
                Link(gettext("Topics"), reverse("topic_list")),
                Link(gettext("Authors"), reverse("author_list")),
            ]
            return {"header": defaults, "footer": defaults, "index_url": index_url}
        links = {
            name: list(getattr(setting, f"{name}_links").select_related("page"))
            for name in ("header", "footer")
        }
        keys = {
            link.page.translation_key for group in links.values() for link in group if link.page
        }
        translations = {
            page.translation_key: page
            for page in Page.objects.live().filter(
                translation_key__in=keys, locale__language_code=language
            )
        }
        return {
            name: [link.as_link(request, translations) for link in group]
            for name, group in links.items()
        } | {"index_url": index_url}
