"""Layout on a phone and a desktop: full-page screenshots, and no sideways scrolling on phones."""

import pytest
from playwright.sync_api import expect

from demo.content import MODEL_ARTICLE, MODEL_SLUG

from .conftest import SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PAGES = {"home": "/", "article": f"/news/{MODEL_SLUG}/", "news": "/news/"}
WIDTHS = (390, 1280)
STYLED = """() => [...document.styleSheets].some(
    (sheet) => (sheet.href || "").includes("/css/main") && sheet.cssRules.length > 0
)"""
BROKEN_IMAGES = (
    "() => [...document.images].filter((img) => !img.naturalWidth).map((img) => img.src)"
)


def overflow(page) -> dict:
    """How far the document is wider than the viewport, and which elements stick out."""
    return page.evaluate(
        """() => {
            const width = window.innerWidth;
            const culprits = [...document.querySelectorAll("body *")]
                .filter((el) => el.getBoundingClientRect().right > width + 1)
                .slice(0, 5)
                .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
            return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits};
        }"""
    )


def test_home_article_and_news_fit_phone_and_desktop_widths(new_context):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = []
    for width in WIDTHS:
        # wait_for_function polls with eval(), which the site's CSP forbids while images load.
        page = new_context(
            viewport={"width": width, "height": 844 if width < 600 else 800}, bypass_csp=True
        ).new_page()
        for name, url in PAGES.items():
            page.goto(url)
            # Lazy images below the fold load as the page is scrolled; load them all.
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_function(
                "[...document.images].every((img) => img.complete)", timeout=60_000
            )
            assert page.evaluate(STYLED), f"{url}: the stylesheet did not load"
            broken = page.evaluate(BROKEN_IMAGES)
            assert not broken, f"{url}: images failed to load: {broken}"
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
            if width < 600:
                measured = overflow(page)
                if measured["scrollWidth"] > measured["innerWidth"]:
                    too_wide.append(f"{url} at {width}px: {measured}")
        page.close()
    assert not too_wide, "Horizontal scrolling on a phone:\n" + "\n".join(too_wide)


def test_pages_are_usable_at_320px(new_context):
    """WCAG reflow: nothing scrolls sideways at 320 CSS pixels and the search box still works."""
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    too_wide = []
    for url in [
        *PAGES.values(),
        "/authors/amara-okafor/",
        "/topics/local-government/",
        "/search/?q=county",
    ]:
        page.goto(url)
        measured = overflow(page)
        if measured["scrollWidth"] > measured["innerWidth"]:
            too_wide.append(f"{url}: {measured}")
    assert not too_wide, "Horizontal scrolling at 320px:\n" + "\n".join(too_wide)

    page.goto("/")
    page.locator(".site-search__toggle").click()  # search sits behind a disclosure
    search = page.get_by_role("search", name="Site").get_by_role("searchbox")
    search.fill("Nandi")
    search.press("Enter")
    page.wait_for_url("**/search/?q=Nandi")
    result = page.get_by_role("main").get_by_role("link", name=MODEL_ARTICLE["title"])
    expect(result).to_be_visible()
    assert result.bounding_box()["width"] <= 320


def test_an_article_prints_without_site_chrome_and_with_link_addresses(new_context):
    page = new_context().new_page()
    page.goto(PAGES["article"])
    page.emulate_media(media="print")
    for chrome in (".site-nav", ".search-form", ".site-footer", ".comment-form", ".related"):
        locator = page.locator(chrome).first
        if locator.count():
            expect(locator).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    shown_after = page.evaluate(
        """() => {
            const link = document.querySelector(".article__body a[href]");
            return link ? getComputedStyle(link, "::after").content : "";
        }"""
    )
    assert "documents/" in shown_after or "http" in shown_after, shown_after
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=SCREENSHOTS / "article-print.pdf")
