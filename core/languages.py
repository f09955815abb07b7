"""The site's languages: which one a request reads in, and a page's versions in the others.

English is the default and unprefixed; Spanish and French live under /es/ and /fr/
(django.conf.urls.i18n.i18n_patterns in ogp_site/urls.py). A page, author or topic may be
translated into some languages and not others, so every page says which versions exist:
`<link rel="alternate" hreflang>` for search engines, and the language switcher for readers,
which sends a reader to that language's home page where a version is missing.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from .links import absolute_url, page_url
from .restrictions import outside_restrictions


def active_language_code() -> str:
    """The Wagtail locale code of the language this request is served in ("en-gb", "es")."""
    return get_supported_content_language_variant(translation.get_language())


def hreflang(language_code: str) -> str:
    """What hreflang says for a language: our English is for every English reader ("en")."""
    return language_code.split("-")[0]


@dataclass(frozen=True)
class LanguageVersion:
    code: str  # the locale's code, "en-gb"
    name: str  # in its own language, "Español"
    url: str  # absolute: this page in that language, or that language's home page
    exists: bool  # False: no version of this page; `url` is the language's home page
    current: bool

    @property
    def hreflang(self) -> str:
        return hreflang(self.code)


def home_url(request, language_code: str) -> str:
    # Reversed, not translate_url("/"): "/" resolves only in English, so translating it from
    # inside another language, or into one, would leave every language's home at "/".
    with translation.override(language_code):
        return absolute_url(request, reverse("wagtail_serve", args=[""]))


def page_translations(request, page) -> dict[str, str]:
    """The live, public versions of a Wagtail page by language code: one query."""
    versions = outside_restrictions(
        Page.objects.filter(translation_key=page.translation_key).live().select_related("locale")
    )
    return {version.locale.language_code: page_url(version, request) for version in versions}


def object_translations(request, obj) -> dict[str, str]:
    """The live versions of an author or topic by language code: one query."""
    versions = (
        type(obj)
        .objects.live()
        .filter(translation_key=obj.translation_key)
        .select_related("locale")
    )
    urls = {}
    for version in versions:
        with translation.override(version.locale.language_code):
            urls[version.locale.language_code] = absolute_url(request, version.get_absolute_url())
    return urls


def view_translations(request) -> dict[str, str]:
    """A page that every language has (a list, search): the same address in each."""
    path = request.path
    return {
        code: absolute_url(request, translate_url(path, code)) for code, _name in settings.LANGUAGES
    }


def translations_of(request, about) -> dict[str, str]:
    if isinstance(about, Page):
        return page_translations(request, about)
    if hasattr(about, "translation_key"):
        return object_translations(request, about)
    return view_translations(request)


def language_versions(request, about) -> list[LanguageVersion]:
    """Every site language, each with this page's version in it or that language's home."""
    if request is None:
        return []
    translations = translations_of(request, about)
    current = active_language_code()
    return [
        LanguageVersion(
            code=code,
            name=name,
            url=translations.get(code) or home_url(request, code),
            exists=code in translations,
            current=code == current,
        )
        for code, name in settings.LANGUAGES
    ]
