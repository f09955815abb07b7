"""The newsroom front end in a real browser: the comment error state, the phone header, the
archive, the new pages, and their accessibility and widths."""

import re

import pytest
from playwright.sync_api import expect

from demo.content import DIALOGUE_SLUG, MODEL_SLUG

from .conftest import comment_form
from .test_accessibility import axe_violations, describe
from .test_layout import overflow

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

MODEL_URL = f"/news/{MODEL_SLUG}/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
NEW_PAGES = {"privacy notice": "/privacy/", "about": "/about/", "contact": "/contact/"}


def in_viewport(page, selector) -> bool:
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= 0 && box.top < window.innerHeight;
        }""",
        selector,
    )


def send_a_bad_comment(page):
    page.goto(MODEL_URL)
    form = comment_form(page)
    form.get_by_role("textbox", name=re.compile(r"^Name")).fill("Hasty Reader")
    form.get_by_role("textbox", name=re.compile(r"^Email")).fill("hasty.example.org")
    form.get_by_role("textbox", name=re.compile(r"^Comment")).fill(
        "Typed with care, sent in haste."
    )
    form.get_by_role("button", name="Post Comment").click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_a_failed_comment_opens_at_the_error_summary_with_focus_on_it(new_context, viewport):
    page = new_context(viewport=viewport).new_page()
    send_a_bad_comment(page)
    summary = page.locator("#comment-errors")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.evaluate("window.scrollY") > 1000, "the page stayed at the top"
    assert in_viewport(page, "#comment-errors")
    expect(summary).to_contain_text("Your comment was not sent")
    form = comment_form(page)
    expect(form.get_by_role("textbox", name=re.compile(r"^Comment"))).to_have_value(
        "Typed with care, sent in haste."
    )
    # The summary reads as an error: the error colour, not the amber warning.
    border = summary.evaluate("el => getComputedStyle(el).borderTopColor")
    assert border == "rgb(179, 38, 30)", border


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_without_javascript_a_failed_comment_still_opens_at_the_error_summary(
    new_context, viewport
):
    page = new_context(viewport=viewport, java_script_enabled=False).new_page()
    send_a_bad_comment(page)
    expect(page.locator("#comment-errors")).to_be_visible()
    assert page.url.endswith("#comment-errors")
    assert in_viewport(page, "#comment-errors")


def test_the_comment_form_lines_up_with_the_article_text(new_context):
    page = new_context(viewport=DESKTOP).new_page()
    send_a_bad_comment(page)
    body = page.locator(".article__body > :first-child").bounding_box()
    for selector in (".comment-form", "#comment-errors", ".comment-form textarea"):
        box = page.locator(selector).bounding_box()
        assert abs(box["x"] - body["x"]) <= 1, (selector, box["x"], body["x"])


def test_the_phone_header_is_compact_and_the_lead_story_is_on_the_first_screen(new_context):
    page = new_context(viewport=PHONE).new_page()
    page.goto("/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 100, header
    lead = page.locator(".article-card--featured .article-card__title")
    assert lead.bounding_box()["y"] + lead.bounding_box()["height"] < PHONE["height"]
    # The masthead shows the site name; the home page repeats no visible title under it.
    shown_in_main = page.evaluate(
        """() => [...document.querySelectorAll("main h1, main h2")].filter((el) => {
            const box = el.getBoundingClientRect();
            return el.textContent.trim() === "Open Government Local" && box.width > 2;
        }).length"""
    )
    assert shown_in_main == 0
    expect(page.locator(".site-header .wordmark")).to_have_text("Open Government Local")


def test_search_sits_behind_a_labelled_control_that_works_without_javascript(new_context):
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto("/")
    search = page.get_by_role("search", name="Site").get_by_role("searchbox")
    expect(search).to_be_hidden()
    page.locator(".site-search__toggle").click()
    search.fill("Nandi")
    search.press("Enter")
    page.wait_for_url("**/search/?q=Nandi")


def test_news_on_a_phone_is_a_dense_list_and_on_a_desktop_a_grid(new_context):
    phone = new_context(viewport=PHONE).new_page()
    phone.goto("/news/")
    first, second = (
        phone.locator(".card-list__item").nth(0),
        phone.locator(".card-list__item").nth(1),
    )
    assert first.bounding_box()["height"] < 200, first.bounding_box()
    assert second.bounding_box()["y"] < 600  # several stories on the first screen
    desktop = new_context(viewport=DESKTOP).new_page()
    desktop.goto("/news/")
    first, second = (
        desktop.locator(".card-list__item").nth(0),
        desktop.locator(".card-list__item").nth(1),
    )
    assert first.bounding_box()["y"] == second.bounding_box()["y"]  # side by side


def test_new_and_changed_pages_have_no_axe_violations_or_sideways_scrolling(new_context):
    problems = []
    for viewport in (DESKTOP, PHONE):
        page = new_context(viewport=viewport, bypass_csp=True).new_page()
        for name, url in {**NEW_PAGES, "news": "/news/", "home": "/"}.items():
            page.goto(url)
            violations = axe_violations(page)
            if violations:
                problems.append(f"{name} at {viewport['width']}:\n{describe(violations)}")
            measured = overflow(page)
            if measured["scrollWidth"] > measured["innerWidth"]:
                problems.append(f"{name} at {viewport['width']} scrolls sideways: {measured}")
        send_a_bad_comment(page)
        violations = axe_violations(page)
        if violations:
            problems.append(f"comment errors at {viewport['width']}:\n{describe(violations)}")
        page.locator(".site-search__toggle").click()
        violations = axe_violations(page)
        if violations:
            problems.append(f"open search at {viewport['width']}:\n{describe(violations)}")
    assert not problems, "\n".join(problems)


def test_the_privacy_notice_is_linked_from_the_footer_and_the_comment_form(new_context):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(MODEL_URL)
    comment_form(page).get_by_role("link", name=re.compile("How we use")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    expect(page.get_by_role("main")).to_contain_text("30 days")
    page.get_by_role("contentinfo").get_by_role("link", name="Privacy notice").click()
    expect(page).to_have_url(re.compile(r"/privacy/$"))


def test_article_details_read_like_a_newspaper(new_context):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(MODEL_URL)
    caption = page.locator(".article__feature figcaption")
    expect(caption).to_contain_text("Many voices in one room")
    expect(caption).to_contain_text("Illustration: Open Government Local")
    sizes = page.evaluate(
        """() => [".article__title", ".article__body h2"].map(
            (selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize)
        )"""
    )
    assert sizes[1] <= 0.6 * sizes[0], sizes
    # No heavy rule of its own on the form's heading, to stack on the comment section's.
    rules = page.evaluate(
        """() => {
            const style = getComputedStyle(document.querySelector("#reply-heading"));
            return [style.borderTopStyle, style.borderBottomStyle];
        }"""
    )
    assert rules == ["none", "none"], rules


def test_comment_dates_are_quiet_links(new_context):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(f"/news/{DIALOGUE_SLUG}/")
    permalink = page.locator(".comment__permalink").first
    expect(permalink).to_be_visible()
    assert permalink.evaluate("el => getComputedStyle(el).textDecorationLine") == "none"
