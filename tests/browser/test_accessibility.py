"""Accessibility in a real browser: axe-core on every public page type, keyboard and focus."""

import json
import re

import pytest
from playwright.sync_api import expect

from demo.content import DIALOGUE_SLUG, MODEL_SLUG

from .conftest import AXE_JS, comment_form, skip_to_main

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

MODEL_URL = f"/news/{MODEL_SLUG}/"
READER_PAGES = {
    "home": "/",
    "article index": "/news/",
    "article index filtered by topic": "/news/?topic=local-government",
    "article index filtered by author": "/news/?author=amara-okafor",
    "article index, second page": "/news/?page=2",
    # The demo puts approved comments on the dialogue article and none on the model article.
    "article with comments": f"/news/{DIALOGUE_SLUG}/",
    "article without comments": MODEL_URL,
    "author list": "/authors/",
    "author": "/authors/amara-okafor/",
    "topic list": "/topics/",
    "topic": "/topics/local-government/",
    "search form": "/search/",
    "search with results": "/search/?q=county",
    "search without results": "/search/?q=zzzyxq",
    "page not found": "/no-such-page/",
}


def axe_violations(page) -> list[dict]:
    """Run axe-core (all rules it runs by default) on the page and return its violations."""
    if not AXE_JS.exists():
        pytest.fail(
            f"axe-core is missing: no {AXE_JS}. Run `npm install` in the project root "
            "(package.json lists axe-core; `make test` does it).",
            pytrace=False,
        )
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate("async () => (await axe.run(document)).violations")


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"      {json.dumps(node['target'])} {node['html'][:160]}")
            lines.append(f"        {summary[:300]}")
    return "\n".join(lines)


def check_page(page, url, name, problems):
    page.goto(url)
    violations = axe_violations(page)
    if violations:
        problems.append(f"{name} ({url}):\n{describe(violations)}")
    h1_count = page.locator("h1").count()
    if h1_count != 1:
        problems.append(f"{name} ({url}): {h1_count} <h1> elements, expected exactly one")


@pytest.fixture
def page(new_context):
    # Injecting axe-core is an inline script, which the site's Content Security Policy forbids.
    return new_context(bypass_csp=True).new_page()


def test_reader_pages_have_no_axe_violations(page):
    problems = []
    for name, url in READER_PAGES.items():
        check_page(page, url, name, problems)
    assert not problems, "Accessibility problems:\n" + "\n".join(problems)


def test_comment_form_showing_errors_has_no_axe_violations(page):
    page.goto(MODEL_URL)
    form = comment_form(page)
    form.get_by_role("textbox", name=re.compile(r"^Name")).fill("Careless Reader")
    form.get_by_role("textbox", name=re.compile(r"^Email")).fill("not-an-email")
    form.get_by_role("textbox", name=re.compile(r"^Comment")).fill("My email address is wrong.")
    form.get_by_role("button", name="Post Comment").click()
    expect(comment_form(page).locator(".field__error").first).to_be_visible()
    violations = axe_violations(page)
    assert not violations, f"Comment form with errors ({page.url}):\n{describe(violations)}"


@pytest.mark.parametrize("url", ["/", MODEL_URL])
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, url):
    page.goto(url)
    skip_to_main(page)
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_every_tab_stop_on_an_article_has_a_visible_focus_style(page):
    page.goto(MODEL_URL)
    missing, seen = [], set()
    for _ in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                const style = getComputedStyle(el);
                const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
                const shadowed = style.boxShadow && style.boxShadow !== "none";
                const rect = el.getBoundingClientRect();
                return {
                    key: el.outerHTML.slice(0, 120) + rect.top + rect.left,
                    label: el.tagName.toLowerCase() + " " + (el.innerText || el.name || el.id || "").trim().slice(0, 50),
                    visible: outlined || shadowed,
                    onScreen: rect.width > 0 && rect.height > 0,
                };
            }"""
        )
        if focused is None or focused["key"] in seen:
            break  # wrapped round to the browser chrome or the start
        seen.add(focused["key"])
        if not (focused["visible"] and focused["onScreen"]):
            missing.append(focused["label"])
    assert len(seen) > 10, f"Only {len(seen)} tab stops found on the article"
    assert not missing, "Focused without a visible focus style: " + ", ".join(missing)
