"""What readers, commenters, moderators and editors do, in a real browser on the demo site."""

import re
from xml.etree import ElementTree

from wagtail.models import Locale

import pytest
from playwright.sync_api import expect

from articles.models import ArticleIndexPage, ArticlePage
from comments.models import ArticleComment, CommentStatus
from demo.content import MODEL_ARTICLE, MODEL_SLUG
from tests.factories import ImageFactory

from .conftest import comment_form, login, skip_to_main

pytestmark = [
    pytest.mark.browser,
    # The live server needs committed data; serialized rollback restores Wagtail's root page,
    # default site and groups (created by migrations) that flushing between tests removes.
    pytest.mark.django_db(transaction=True),
]

MODEL_URL = f"/news/{MODEL_SLUG}/"
MODEL_TITLE = MODEL_ARTICLE["title"]
AWAITING = re.compile(r"awaits moderation|awaiting moderation", re.I)
TAKEAWAYS = [
    block["value"]["text"] for block in MODEL_ARTICLE["body"] if block["type"] == "heading"
]


def h1(page):
    return page.get_by_role("heading", level=1)


def test_reader_follows_the_model_article_related_content_search_and_an_author(page):
    page.goto("/")
    page.get_by_role("link", name=MODEL_TITLE).first.click()
    expect(page).to_have_url(re.compile(re.escape(MODEL_URL) + "$"))
    expect(h1(page)).to_have_text(MODEL_TITLE)
    expect(page.get_by_text("By Amara Okafor and Tomás Lindqvist", exact=True)).to_be_visible()

    body_headings = page.locator(".article__body").get_by_role("heading", level=2)
    expect(body_headings).to_have_text(TAKEAWAYS)
    assert [text.split(".")[0] for text in body_headings.all_inner_texts()] == list("12345")

    related = page.get_by_role("region", name="Related Content")
    first_card = related.get_by_role("link").first
    card_title = first_card.inner_text()
    first_card.click()
    expect(h1(page)).to_have_text(card_title)
    page.go_back()
    expect(page).to_have_url(re.compile(re.escape(MODEL_URL) + "$"))
    expect(h1(page)).to_have_text(MODEL_TITLE)

    page.locator(".site-search__toggle").click()  # search sits behind a disclosure
    search = page.get_by_role("search", name="Site").get_by_role("searchbox")
    search.fill("Quintana Roo")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=Quintana\+Roo$"))
    expect(page.get_by_role("main").get_by_role("link", name=MODEL_TITLE)).to_be_visible()

    page.get_by_role("main").get_by_role("link", name=MODEL_TITLE).click()
    page.locator(".article__meta").get_by_role("link", name="Tomás Lindqvist").click()
    expect(page).to_have_url(re.compile(r"/authors/tomas-lindqvist/$"))
    expect(h1(page)).to_have_text("Tomás Lindqvist")
    expect(page.get_by_role("main").get_by_role("link", name=MODEL_TITLE)).to_be_visible()


def test_keyboard_reader_skips_to_content_and_sends_a_comment(page):
    page.goto(MODEL_URL)
    skip_to_main(page)

    form = comment_form(page)
    tab_to(page, form.get_by_role("textbox", name=re.compile(r"^Name")))
    page.keyboard.type("Keyboard Reader")
    tab_to(page, form.get_by_role("textbox", name=re.compile(r"^Email")))
    page.keyboard.type("keys@example.org")
    tab_to(page, form.get_by_role("textbox", name=re.compile(r"^Comment")))
    page.keyboard.type("Sent without touching the mouse.")
    tab_to(page, form.get_by_role("button", name="Post Comment"))
    page.keyboard.press("Enter")
    expect(page.get_by_text(AWAITING).first).to_be_visible()


def tab_to(page, target, limit=80):
    """Press Tab until `target` has focus; fail if it is not reachable by keyboard."""
    target.wait_for(state="attached")
    handle = target.element_handle()
    for _ in range(limit):
        if page.evaluate("el => document.activeElement === el", handle):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} could not be reached with the Tab key")


def test_commenter_fixes_a_bad_email_and_the_comment_awaits_moderation(page, new_context):
    name, website = "Careful Commenter", "https://example.org/careful"
    text = "The Nandi call centre is an idea our county could copy next year."
    page.goto(MODEL_URL)
    form = comment_form(page)
    expect(form.get_by_text("Your email address will not be published").first).to_be_visible()
    form.get_by_role("textbox", name=re.compile(r"^Name")).fill(name)
    form.get_by_role("textbox", name=re.compile(r"^Email")).fill("careful.example.org")
    form.get_by_role("textbox", name=re.compile(r"^Website")).fill(website)
    form.get_by_role("textbox", name=re.compile(r"^Comment")).fill(text)
    form.get_by_role("button", name="Post Comment").click()

    form = comment_form(page)
    email = form.get_by_role("textbox", name=re.compile(r"^Email"))
    # Only the email field is in error, its message sits beside it and is read with it.
    in_error = form.locator(".field--error")
    expect(in_error).to_have_count(1)
    expect(in_error.get_by_role("textbox", name=re.compile(r"^Email"))).to_be_visible()
    expect(in_error.locator(".field__error")).to_contain_text(re.compile("email address", re.I))
    expect(email).to_have_accessible_description(re.compile("email address like", re.I))
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_value("careful.example.org")
    expect(form.get_by_role("textbox", name=re.compile(r"^Name"))).to_have_value(name)
    expect(form.get_by_role("textbox", name=re.compile(r"^Website"))).to_have_value(website)
    expect(form.get_by_role("textbox", name=re.compile(r"^Comment"))).to_have_value(text)

    email.fill("careful@example.org")
    form.get_by_role("button", name="Post Comment").click()
    expect(page.get_by_text(AWAITING).first).to_be_visible()
    expect(form.locator(".field__error")).to_have_count(0)

    visitor = new_context().new_page()
    visitor.goto(MODEL_URL)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(MODEL_TITLE)
    expect(visitor.get_by_text(text)).to_have_count(0)
    expect(visitor.get_by_text(name)).to_have_count(0)


def test_moderator_approves_a_comment_but_cannot_edit_pages(new_context):
    article = ArticlePage.objects.get(slug=MODEL_SLUG)
    text = "Quintana Roo shows that eleven thousand voices can shape a plan."
    comment = ArticleComment(
        content_object=article,
        site_id=1,
        user_name="Waiting Reader",
        user_email="waiting@example.org",
        comment=text,
        ip_address="192.0.2.10",
    )
    comment.set_status(CommentStatus.AWAITING)
    comment.save()
    pending = ArticleComment.objects.filter(status=CommentStatus.AWAITING).count()

    visitor = new_context().new_page()
    visitor.goto(MODEL_URL)
    expect(visitor.get_by_text(text)).to_have_count(0)

    admin = login(new_context(), "moderator")
    awaiting_link = admin.get_by_role(
        "link", name=f"{pending} comment{'s' if pending != 1 else ''} awaiting moderation"
    )
    expect(awaiting_link).to_be_visible()
    awaiting_link.click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Comments")
    row = admin.get_by_role("row").filter(has_text="Waiting Reader")
    expect(row).to_contain_text("waiting@example.org")
    row.get_by_role("link", name=text).click()
    admin.get_by_role("button", name="Approve", exact=True).click()
    expect(admin.get_by_text(re.compile(r"approved", re.I)).first).to_be_visible()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED

    visitor = new_context().new_page()
    visitor.goto(MODEL_URL)
    expect(visitor.get_by_text(text)).to_be_visible()

    admin.goto(f"/admin/pages/{article.pk}/edit/")
    expect(admin).not_to_have_url(re.compile(rf"/admin/pages/{article.pk}/edit/"))
    expect(admin.get_by_text(re.compile("do not have permission", re.I)).first).to_be_visible()
    expect(admin.get_by_role("textbox", name="Title*")).to_have_count(0)


def test_editor_creates_previews_and_publishes_an_article(new_context):
    ImageFactory(title="Harbour at dawn", description="Fishing boats in a harbour at dawn.")
    index = ArticleIndexPage.objects.get(locale=Locale.get_default())
    title = "Harbour Towns Open Their Budgets"
    byline = "By Nadia Haddad and Joseph Mwangi"  # chosen in this order, not alphabetical

    admin = login(new_context(), "editor")
    admin.goto(f"/admin/pages/{index.pk}/")
    admin.get_by_role("link", name="Add child page").first.click()
    expect(admin).to_have_url(re.compile(r"/admin/pages/add/articles/articlepage/\d+/$"))
    admin.get_by_role("textbox", name="Title*").fill(title)

    modal = admin.locator(".modal-dialog")
    for name in ("Nadia Haddad", "Joseph Mwangi"):
        admin.get_by_role("button", name="Add author").click()
        modal.get_by_role("row").filter(has_text=name).get_by_role("checkbox").check()
        modal.get_by_role("button", name="Confirm selection").click()
        expect(modal).to_be_hidden()

    admin.get_by_role("textbox", name="Summary*").fill(
        "Three coastal towns now publish every budget line, and residents are reading them."
    )
    admin.get_by_role("button", name="Choose an image").click()
    modal.get_by_role("textbox", name="Search term").fill("Harbour")
    modal.get_by_role("link", name="Harbour at dawn").click()
    expect(modal).to_be_hidden()

    body = admin.locator("#panel-child-content-body-section")
    body.get_by_title("Insert a block").first.click()
    admin.get_by_role("option", name="Heading").click()
    body.get_by_role("textbox", name="Text*").fill("What residents found")
    body.get_by_title("Insert a block").last.click()
    admin.get_by_role("option", name="Paragraph").click()
    body.locator("[contenteditable=true]").last.click()
    admin.keyboard.type("The first spreadsheet had four thousand rows and one surprised council.")

    admin.get_by_role("button", name="Add related item").click()
    admin.get_by_role("textbox", name="Web address").fill("https://www.opengovpartnership.org/")
    related = admin.locator("[id^=inline_child_related_items-0]").first
    related.get_by_role("textbox", name="Title", exact=True).fill("Open Government Partnership")

    admin.get_by_role("listbox", name="Topics").select_option(label="Transparency")

    admin.get_by_role("button", name="Toggle preview").click()
    preview = admin.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(title)
    expect(preview.get_by_text(byline, exact=True)).to_be_visible()
    expect(preview.get_by_role("heading", name="What residents found")).to_be_visible()

    # Wagtail 8 autosaves the new page as a draft in the background; publishing while that
    # first save is still on its way would post the form as a second new page. Let it land.
    admin.wait_for_load_state("networkidle")
    admin.get_by_role("button", name="More actions").click()
    admin.get_by_role("button", name="Publish").click()
    expect(admin.get_by_text(re.compile(rf"{title}.*published", re.I)).first).to_be_visible()

    reader = new_context().new_page()
    reader.goto("/news/")
    first_card = reader.get_by_role("main").locator(".article-card").first
    expect(first_card.get_by_role("link").first).to_have_text(title)
    first_card.get_by_role("link", name=title).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(title)
    expect(reader.locator(".article__meta").get_by_text(byline, exact=True)).to_be_visible()
    expect(reader.locator(".article__body").get_by_role("heading", level=2)).to_have_text(
        "What residents found"
    )
    expect(reader.get_by_text("four thousand rows")).to_be_visible()
    expect(reader.get_by_role("img", name="Fishing boats in a harbour at dawn.")).to_be_visible()
    expect(
        reader.locator(".article__footer").get_by_role("link", name="Transparency")
    ).to_be_visible()
    related_links = reader.get_by_role("region", name="Related Content").get_by_role("link")
    expect(related_links.first).to_contain_text("Open Government Partnership")

    feed = reader.request.get("/news/feed/")
    assert feed.ok, f"/news/feed/ answered {feed.status}"
    first_item = ElementTree.fromstring(feed.body()).find("channel/item")
    assert first_item is not None and first_item.findtext("title") == title
