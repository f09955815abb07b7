"""Editors choose an article's authors in a real browser, both ways the panel offers."""

import re

from wagtail.models import Locale

import pytest
from playwright.sync_api import expect

from articles.models import ArticleIndexPage, ArticlePage

from .conftest import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def new_article(new_context, title):
    admin = login(new_context(), "editor")
    index = ArticleIndexPage.objects.get(locale=Locale.get_default())
    admin.goto(f"/admin/pages/add/articles/articlepage/{index.pk}/")
    admin.get_by_role("textbox", name="Title*").fill(title)
    admin.get_by_role("textbox", name="Summary*").fill("Who wrote this, chosen in the editor.")
    return admin


def authors_panel(admin):
    return admin.locator("#panel-child-content-authors-section")


def save_draft(admin):
    # Wagtail 8 autosaves a new page in the background; let that land before saving by hand.
    admin.wait_for_load_state("networkidle")
    admin.get_by_role("button", name="Save draft").click()


def publish(admin):
    admin.wait_for_load_state("networkidle")
    admin.get_by_role("button", name="More actions").click()
    admin.get_by_role("button", name="Publish").click()


def test_editor_adds_two_authors_at_once_and_needs_at_least_one(new_context):
    admin = new_article(new_context, "Two Bylines At Once")
    panel = authors_panel(admin)
    expect(panel.locator("[data-inline-panel-child]")).to_have_count(0)  # no blank row

    publish(admin)  # a draft may wait for its authors; publishing may not
    expect(panel.get_by_text("Choose at least one author.")).to_be_visible()
    expect(admin.get_by_text("This field is required")).to_have_count(0)

    modal = admin.locator(".modal-dialog")
    panel.get_by_role("button", name="Add author").click()
    for name in ("Nadia Haddad", "Joseph Mwangi"):
        modal.get_by_role("row").filter(has_text=name).get_by_role("checkbox").check()
    modal.get_by_role("button", name="Confirm selection").click()
    expect(modal).to_be_hidden()
    rows = panel.locator("[data-inline-panel-child]:not(.deleted)")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Author 1")
    publish(admin)
    expect(
        admin.get_by_text(re.compile("Two Bylines At Once.*published", re.I)).first
    ).to_be_visible()

    article = ArticlePage.objects.get(title="Two Bylines At Once")
    assert article.live
    assert {a.name for a in article.author_list} == {
        "Nadia Haddad",
        "Joseph Mwangi",
    }


def test_editor_changes_an_author_with_the_rows_own_chooser(new_context):
    admin = new_article(new_context, "One Byline Changed")
    panel = authors_panel(admin)
    modal = admin.locator(".modal-dialog")
    panel.get_by_role("button", name="Add author").click()
    modal.get_by_role("row").filter(has_text="Nadia Haddad").get_by_role("checkbox").check()
    modal.get_by_role("button", name="Confirm selection").click()
    expect(modal).to_be_hidden()

    row = panel.locator("[data-inline-panel-child]").first
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Choose another author").click()
    modal.get_by_role("link", name="Joseph Mwangi").click()
    expect(modal).to_be_hidden()
    expect(row).to_contain_text("Joseph Mwangi")
    save_draft(admin)
    expect(
        admin.get_by_text(re.compile("One Byline Changed.*(created|saved|updated)", re.I)).first
    ).to_be_visible()

    article = ArticlePage.objects.get(title="One Byline Changed")
    revision = article.get_latest_revision_as_object()
    assert [a.name for a in revision.author_list] == ["Joseph Mwangi"]


def test_a_draft_author_stays_hidden_until_the_editor_publishes_it(new_context):
    admin = login(new_context(), "editor")
    admin.goto("/admin/snippets/articles/author/add/")
    admin.get_by_role("textbox", name="Name*").fill("Imani Draft")
    admin.get_by_role("textbox", name="Slug*").fill("imani-draft")
    admin.get_by_role("textbox", name="Bio").fill("Covers water boards and their budgets.")
    admin.wait_for_load_state("networkidle")
    admin.get_by_role("button", name="Save draft").click()
    expect(
        admin.get_by_text(re.compile("Imani Draft.*(created|saved|updated)", re.I)).first
    ).to_be_visible()

    reader = new_context().new_page()
    reader.goto("/authors/")
    expect(reader.get_by_role("heading", level=1)).to_be_visible()
    expect(reader.get_by_text("Imani Draft")).to_have_count(0)
    assert reader.goto("/authors/imani-draft/").status == 404

    publish(admin)
    expect(admin.get_by_text(re.compile("Imani Draft.*published", re.I)).first).to_be_visible()
    reader.goto("/authors/")
    reader.get_by_role("link", name="Imani Draft").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Imani Draft")
    expect(reader.get_by_text("Covers water boards")).to_be_visible()
