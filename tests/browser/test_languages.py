"""The language switcher in a real browser: by keyboard, to a missing version, and its access.

The demo has the model article in Spanish and French, and the dialogue article in English
only, so both the switch and the fallback to a language's home page are there to try.
"""

import re
from urllib.parse import urlsplit

from wagtail.models import Site

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage
from demo.content import MODEL_SLUG

from .test_accessibility import axe_violations, describe
from .test_layout import overflow

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

MODEL_URL = f"/news/{MODEL_SLUG}/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
NAMES = {"en": "English", "es": "Español", "fr": "Français"}


def model_article_in(code: str) -> ArticlePage:
    """The demo's version of the model article in `code` (load_demo translates it)."""
    english = ArticlePage.objects.get(slug=MODEL_SLUG, locale__language_code="en-gb")
    return ArticlePage.objects.get(
        translation_key=english.translation_key, locale__language_code=code
    )


def serve_site_at(url: str):
    """Give the Wagtail site the live server's address, as a real site has its own.

    The switcher's links are absolute, built from the site's hostname and port; the demo's
    site says localhost:80, where nothing listens during the tests.
    """
    address = urlsplit(url)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = address.hostname, address.port
    site.save()


@pytest.fixture
def translated(demo_site):
    """The model article's Spanish and French versions, from the demo."""
    serve_site_at(demo_site)
    return {code: model_article_in(code) for code in ("es", "fr")}


@pytest.fixture
def page(new_context, translated):
    # Injecting axe-core is an inline script, which the site's Content Security Policy forbids.
    return new_context(bypass_csp=True).new_page()


def switcher(page):
    return page.get_by_role("navigation", name=re.compile(r"^(Language|Idioma|Langue)$"))


def tab_to(page, selector: str, limit: int = 40):
    """Press Tab until the element matching `selector` has focus, as a keyboard reader would."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return target
    pytest.fail(f"{selector} was not reached in {limit} presses of Tab")


def test_a_keyboard_reader_switches_the_article_to_spanish(page, translated):
    page.goto(MODEL_URL)
    languages = switcher(page)
    # Each link is named in its own language, and says which language it is written in.
    for code, name in NAMES.items():
        link = languages.get_by_role("link", name=name, exact=True)
        expect(link).to_have_count(1)
        expect(link).to_have_attribute("lang", re.compile(rf"^{code}"))
    expect(languages.get_by_role("link", name="English")).to_have_attribute("aria-current", "true")
    expect(languages.locator("[aria-current]")).to_have_count(1)

    spanish = tab_to(page, '.language-switcher a[hreflang="es"]')
    expect(spanish).to_be_focused()
    page.keyboard.press("Enter")

    page.wait_for_url(f"**{translated['es'].url}")
    assert page.url.endswith(translated["es"].url), page.url
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text(translated["es"].title)
    languages = switcher(page)
    expect(languages.get_by_role("link", name="Español")).to_have_attribute("aria-current", "true")
    expect(languages.locator("[aria-current]")).to_have_count(1)
    for name in ("English", "Français"):
        expect(languages.get_by_role("link", name=name, exact=True)).to_have_count(1)


def untranslated_article() -> ArticlePage:
    """A demo article in English only (load_demo leaves some untranslated)."""
    translated_keys = ArticlePage.objects.exclude(locale__language_code="en-gb").values(
        "translation_key"
    )
    return (
        ArticlePage.objects.live()
        .filter(locale__language_code="en-gb")
        .exclude(translation_key__in=translated_keys)
        .first()
    )


def test_a_language_without_this_article_leads_to_that_languages_home(page):
    # This article has no translations; the French home page exists.
    page.goto(untranslated_article().url)
    french = switcher(page).get_by_role("link", name=re.compile(r"^Français"))
    expect(french).to_have_attribute("href", re.compile(r"/fr/$"))
    french.click()
    page.wait_for_url("**/fr/")
    assert page.url.endswith("/fr/"), page.url
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(switcher(page).locator("[aria-current]")).to_have_attribute("lang", "fr")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_translated_articles_have_no_axe_violations_and_fit_the_screen(
    new_context, translated, viewport
):
    page = new_context(viewport=viewport, bypass_csp=True).new_page()
    problems = []
    for code, article in translated.items():
        url = article.url
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(switcher(page).get_by_role("link")).to_have_count(len(NAMES))
        violations = axe_violations(page)
        if violations:
            problems.append(f"{url} at {viewport['width']}:\n{describe(violations)}")
        measured = overflow(page)
        if measured["scrollWidth"] > measured["innerWidth"]:
            problems.append(f"{url} at {viewport['width']} scrolls sideways: {measured}")
        if viewport == PHONE:
            header = page.locator(".site-header").bounding_box()
            if header["height"] > 100:
                problems.append(f"{url}: the phone header is {header['height']}px tall")
    assert not problems, "\n".join(problems)
