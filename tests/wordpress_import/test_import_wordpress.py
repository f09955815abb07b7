"""manage.py import_wordpress: a WXR export in, articles, comments and redirects out."""

import datetime
import io
import json
from pathlib import Path

from django.core.management import CommandError, call_command

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from articles.models import ArticlePage, Author, Topic
from comments.models import ArticleComment, CommentStatus
from wordpress_import.models import WordPressImportRecord

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
EXPORT = FIXTURES / "export.xml"
UTC = datetime.UTC


class TTYStringIO(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def uploads(tmp_path):
    """A copy of wp-content/uploads holding every attachment of the export but the missing chart."""
    root = tmp_path / "uploads"
    month = root / "2024" / "03"
    month.mkdir(parents=True)
    PILImage.new("RGB", (600, 400), "#336699").save(month / "call-centre.jpg", "JPEG")
    PILImage.new("RGB", (800, 450), "#993366").save(month / "assembly.png", "PNG")
    PILImage.new("RGB", (200, 280), "white").save(month / "local-report.pdf", "PDF")
    (month / "archive.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    return root


def run_import(*args, stderr=None) -> str:
    out = io.StringIO()
    call_command("import_wordpress", *map(str, args), stdout=out, stderr=stderr or io.StringIO())
    return out.getvalue()


def summary(output: str) -> dict:
    """The summary table as {kind: {created, updated, unchanged, skipped}}."""
    rows = {}
    for line in output.splitlines():
        cells = line.split()
        if len(cells) == 5 and all(cell.isdigit() for cell in cells[1:]):
            rows[cells[0]] = dict(
                zip(
                    ("created", "updated", "unchanged", "skipped"), map(int, cells[1:]), strict=True
                )
            )
    return rows


def variant(tmp_path, name, *replacements) -> Path:
    text = EXPORT.read_text()
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.fixture
def imported(index, uploads):
    return run_import(EXPORT, "--media-dir", uploads)


def body_types(page):
    return [block.block_type for block in page.body]


def row_counts():
    return {
        "articles": ArticlePage.objects.count(),
        "authors": Author.objects.count(),
        "topics": Topic.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "comments": ArticleComment.objects.count(),
        "redirects": Redirect.objects.count(),
        "records": WordPressImportRecord.objects.count(),
    }


# Round trip


def test_published_posts_become_live_articles_under_the_index(imported, index):
    page = ArticlePage.objects.get(slug="five-lessons")
    assert page.live
    assert page.get_parent().pk == index.pk
    assert page.title == "Five lessons from the local assembly"
    assert page.date == datetime.datetime(2024, 3, 10, 9, 30, tzinfo=UTC)
    assert page.summary == "Five things we learned when local leaders met."
    assert page.allow_comments
    assert not ArticlePage.objects.get(slug="youth-plan").allow_comments


def test_authors_come_from_the_export_and_are_linked_in_byline_order(imported):
    assert {(a.slug, a.name) for a in Author.objects.all()} == {
        ("alice", "Alice Mwangi"),
        ("bruno", "Bruno Díaz"),
    }
    page = ArticlePage.objects.get(slug="five-lessons")
    assert [a.name for a in page.author_list] == ["Alice Mwangi", "Bruno Díaz"]
    youth = ArticlePage.objects.get(slug="youth-plan")
    assert [a.name for a in youth.author_list] == ["Bruno Díaz"]


def test_categories_and_tags_become_topics_but_uncategorized_does_not(imported):
    assert set(Topic.objects.values_list("slug", flat=True)) == {
        "local-government",
        "participation",
        "open-data",
        "youth",
    }
    assert (
        Topic.objects.get(slug="local-government").description == "Councils, counties and cities."
    )
    page = ArticlePage.objects.get(slug="five-lessons")
    assert {t.slug for t in page.topics.all()} == {"local-government", "participation", "open-data"}
    assert "“Uncategorized”" in imported


def test_classic_post_html_becomes_headings_paragraphs_lists_links_quotes_images_and_embeds(
    imported,
):
    page = ArticlePage.objects.get(slug="five-lessons")
    assert body_types(page) == [
        "paragraph",
        "heading",
        "paragraph",
        "image",
        "heading",
        "paragraph",
        "quote",
        "embed",
        "paragraph",
    ]
    blocks = list(page.body)
    assert blocks[1].value["text"] == "Listening at scale"
    assert blocks[1].value["level"] == "h2"
    assert blocks[4].value["level"] == "h3"  # an <h4> in WordPress
    assert "<b>we</b>" in blocks[0].value.source
    assert (
        "<i>toll-free</i> line lets rural residents report on services.<br/>"
        in blocks[2].value.source
    )
    image = blocks[3].value
    assert image["image"].title == "Call centre operators"
    assert image["image"].contextual_alt_text == "Operators answering calls at a county call centre"
    assert image["caption"] == "The county call centre"
    lists_and_links = blocks[5].value.source
    assert "<ul>" in lists_and_links and "<li>Three languages were used</li>" in lists_and_links
    report = get_document_model().objects.get(title="Report on local action plans")
    assert f'linktype="document" id="{report.pk}"' in lists_and_links or (
        f'id="{report.pk}" linktype="document"' in lists_and_links
    )
    assert '<a href="https://example.net/more">more elsewhere</a>' in lists_and_links
    assert blocks[6].value["text"] == "Co-creation takes longer, and it lasts longer."


def test_gutenberg_blocks_convert_and_the_summary_falls_back_to_whole_first_sentences(imported):
    page = ArticlePage.objects.get(slug="youth-plan")
    assert body_types(page) == ["paragraph", "heading", "image", "paragraph", "quote", "embed"]
    blocks = list(page.body)
    assert blocks[1].value["level"] == "h3"
    assert blocks[2].value["caption"] == "Volunteers collecting ideas"
    assert blocks[4].value["attribution"] == "A youth delegate"
    assert blocks[5].value.url == "https://vimeo.com/76979871"
    assert len(page.summary) <= 300
    assert page.summary.startswith("In Quintana Roo the state government")
    assert page.summary.endswith("over several months.")


def test_the_featured_image_becomes_the_feature_image_with_alt_text(imported):
    page = ArticlePage.objects.get(slug="five-lessons")
    assert page.feature_image.title == "Assembly hall"
    # No alt text in WordPress, so the attachment's title stands in.
    assert page.feature_image_alt == "Assembly hall"


def test_drafts_stay_drafts_and_scheduled_posts_are_scheduled(imported):
    draft = ArticlePage.objects.get(title="A draft about green cities")
    assert draft.slug == "a-draft-about-green-cities"
    assert not draft.live
    assert draft.latest_revision is not None
    scheduled = ArticlePage.objects.get(slug="next-assembly")
    when = datetime.datetime(2099, 1, 15, 9, 0, tzinfo=UTC)
    assert not scheduled.live
    assert scheduled.go_live_at == when
    assert scheduled.latest_revision.approved_go_live_at == when
    assert set(ArticlePage.objects.live().values_list("slug", flat=True)) == {
        "five-lessons",
        "youth-plan",
    }


def test_attachments_become_images_and_documents_and_a_missing_file_is_reported(imported):
    assert set(get_image_model().objects.values_list("title", flat=True)) == {
        "Call centre operators",
        "Assembly hall",
    }
    assert list(get_document_model().objects.values_list("title", flat=True)) == [
        "Report on local action plans"
    ]
    assert "file not found: 2024/03/missing-chart.jpg" in imported
    assert "file type not allowed: .zip" in imported
    assert summary(imported)["images"] == {"created": 2, "updated": 0, "unchanged": 0, "skipped": 1}
    # The missing image's reference stays in the text as a link to the original file.
    body = json.dumps(list(ArticlePage.objects.get(slug="five-lessons").body.raw_data))
    assert "https://old.example.org/wp-content/uploads/2024/03/missing-chart.jpg" in body


def test_trashed_posts_and_pages_are_not_imported(imported):
    assert ArticlePage.objects.count() == 4
    assert not ArticlePage.objects.filter(title="About us").exists()
    assert summary(imported)["articles"] == {
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "skipped": 1,
    }
    assert "WordPress status “trash”" in imported


# Safety


def test_unsafe_html_is_dropped_and_a_youtube_iframe_becomes_an_embed(imported):
    page = ArticlePage.objects.get(slug="five-lessons")
    body = json.dumps(list(page.body.raw_data))
    for unsafe in ("<script", "cookie", "onerror", "alert", "onclick", "steal", "evil.example.com"):
        assert unsafe not in body
    embeds = [block.value.url for block in page.body if block.block_type == "embed"]
    assert embeds == ["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]


# Comments


def comment(wp_id):
    return ArticleComment.objects.get(import_ref=f"wp:old.example.org:{wp_id}")


def test_comments_keep_their_threading_dates_and_authors(imported):
    page = ArticlePage.objects.get(slug="five-lessons")
    first, reply, second_reply, too_deep = (comment(i) for i in (11, 12, 13, 14))
    assert first.content_object == page
    assert first.site_id == 1
    assert (first.level, first.parent_id, first.thread_id) == (0, first.pk, first.pk)
    assert (reply.level, reply.parent_id, reply.thread_id) == (1, first.pk, first.pk)
    assert (second_reply.level, second_reply.parent_id) == (2, reply.pk)
    assert (too_deep.level, too_deep.parent_id, too_deep.thread_id) == (
        3,
        second_reply.pk,
        first.pk,
    )
    assert list(
        ArticleComment.objects.filter(thread_id=first.pk)
        .order_by("order")
        .values_list("pk", flat=True)
    ) == [first.pk, reply.pk, second_reply.pk, too_deep.pk]
    assert first.user_name == "Grace Otieno"
    assert first.user_email == "grace@example.com"
    assert first.user_url == "https://grace.example.com"
    assert first.ip_address == "203.0.113.5"
    assert first.submit_date == datetime.datetime(2024, 3, 10, 11, 0, tzinfo=UTC)
    assert first.comment == "Great summary. The call centre idea & the youth plan stand out."
    assert comment(15).ip_address == "2001:db8::1"
    assert comment(16).ip_address is None  # "not-an-ip" in the export


def test_replies_deeper_than_the_thread_limit_hang_under_the_deepest_allowed_ancestor(
    index, uploads, monkeypatch
):
    # django-comments-xtd reads COMMENTS_XTD_MAX_THREAD_LEVEL once, so patch the importer's view of it.
    monkeypatch.setattr(
        "wordpress_import.importer.max_thread_level_for_content_type", lambda content_type: 2
    )
    run_import(EXPORT, "--media-dir", uploads)
    first, reply, second_reply, too_deep = (comment(i) for i in (11, 12, 13, 14))
    assert (second_reply.level, second_reply.parent_id) == (2, reply.pk)
    assert (too_deep.level, too_deep.parent_id, too_deep.thread_id) == (2, reply.pk, first.pk)


def test_comment_statuses_are_mapped_and_pingbacks_are_skipped(imported):
    assert all(
        comment(i).status == CommentStatus.APPROVED and comment(i).is_public
        for i in (11, 12, 13, 14)
    )
    pending, spam, trashed = comment(15), comment(16), comment(17)
    assert (pending.status, pending.is_public) == (CommentStatus.AWAITING, False)
    assert (spam.status, spam.is_public) == (CommentStatus.SPAM, False)
    assert (trashed.status, trashed.is_public, trashed.is_removed) == (
        CommentStatus.REMOVED,
        False,
        True,
    )
    assert ArticleComment.objects.count() == 7
    assert not ArticleComment.objects.filter(user_name__in=["Another blog", "Third blog"]).exists()
    assert "2 × pingback or trackback" in imported
    assert summary(imported)["comments"]["skipped"] == 2


# Redirects


def test_old_permalinks_and_shortlinks_answer_301_to_the_new_pages(imported, client):
    lessons = ArticlePage.objects.get(slug="five-lessons")
    youth = ArticlePage.objects.get(slug="youth-plan")
    assert lessons.url == "/news/five-lessons/"

    for old, page in (
        ("/2024/03/10/five-lessons/", lessons),
        ("/2024/03/12/youth-plan", youth),
        ("/?p=1", lessons),
        ("/?p=2", youth),
        ("/?p=2&utm_source=newsletter", youth),
    ):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == page.url, old

    assert client.get("/?p=999").status_code == 200  # unknown ids fall through to the home page
    assert not Redirect.objects.filter(old_path="/?p=3").exists()  # drafts have no public URL


# Hostile content in the export


@pytest.mark.parametrize(
    "website",
    [
        "javascript:alert(document.cookie)",
        " JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/",
    ],
)
def test_imported_comments_keep_only_http_websites(website, index, uploads, tmp_path):
    export = variant(
        tmp_path,
        "export.xml",
        (
            "<wp:comment_author_url>https://grace.example.com</wp:comment_author_url>",
            f"<wp:comment_author_url><![CDATA[{website}]]></wp:comment_author_url>",
        ),
    )
    run_import(export, "--media-dir", uploads)
    assert comment(11).user_url == ""  # plain https addresses stay: see the threading test


def test_the_import_writes_no_redirect_to_a_page_that_is_not_live(index, uploads, client):
    output = run_import(EXPORT, "--media-dir", uploads)
    scheduled = ArticlePage.objects.get(slug="next-assembly")
    assert not scheduled.live
    assert not Redirect.objects.filter(redirect_page=scheduled).exists()
    for old in ("/2099/01/15/next-assembly/", "/?p=4"):
        response = client.get(old)
        assert response.status_code in (200, 404), old
        assert "next-assembly" not in response.get("Location", "")
        assert "/news/next-assembly" not in response.content.decode()  # raw: nowhere at all
    assert summary(output)["redirects"]["created"] > 0  # the live articles still get theirs


# Idempotency, dry run, progress


def test_running_the_same_export_twice_creates_nothing_new(imported, uploads):
    before = row_counts()
    again = run_import(EXPORT, "--media-dir", uploads)
    assert row_counts() == before
    second = summary(again)
    assert all(row["created"] == 0 and row["updated"] == 0 for row in second.values()), again
    first = summary(imported)
    assert {k: v["created"] for k, v in first.items()} == {
        k: v["unchanged"] for k, v in second.items()
    }
    assert {k: v["skipped"] for k, v in first.items()} == {
        k: v["skipped"] for k, v in second.items()
    }


def test_a_changed_title_in_a_second_export_updates_the_article(imported, uploads, tmp_path):
    page = ArticlePage.objects.get(slug="five-lessons")
    before = row_counts()
    changed = variant(
        tmp_path,
        "changed.xml",
        ("Five lessons from the local assembly", "Five lessons, revised"),
        ("Thank you, Grace.", "Thank you, Grace!"),
    )
    output = run_import(changed, "--media-dir", uploads)
    assert row_counts() == before
    page.refresh_from_db()
    assert page.title == "Five lessons, revised"
    assert page.live and page.slug == "five-lessons"
    assert comment(12).comment == "Thank you, Grace!"
    rows = summary(output)
    assert rows["articles"] == {"created": 0, "updated": 1, "unchanged": 3, "skipped": 1}
    assert rows["comments"] == {"created": 0, "updated": 1, "unchanged": 6, "skipped": 2}


def test_a_dry_run_prints_the_summary_and_changes_nothing(index, uploads, settings):
    before = row_counts()
    output = run_import(EXPORT, "--media-dir", uploads, "--dry-run")
    assert "dry run: nothing was saved" in output
    assert summary(output)["articles"]["created"] == 4
    assert summary(output)["comments"]["created"] == 7
    assert row_counts() == before
    media_root = Path(settings.MEDIA_ROOT)
    assert not [p for p in media_root.rglob("*") if p.is_file()]


def test_the_progress_bar_is_drawn_only_on_a_terminal(index, uploads):
    quiet = io.StringIO()
    run_import(EXPORT, "--media-dir", uploads, "--dry-run", stderr=quiet)
    assert quiet.getvalue() == ""
    terminal = TTYStringIO()
    run_import(EXPORT, "--media-dir", uploads, "--dry-run", stderr=terminal)
    assert "\r[" in terminal.getvalue()
    assert terminal.getvalue().endswith("\n")


def test_wxr_1_1_exports_are_accepted(index, uploads, tmp_path):
    older = variant(
        tmp_path,
        "wxr-1.1.xml",
        ("http://wordpress.org/export/1.2/", "http://wordpress.org/export/1.1/"),
        ("<wp:wxr_version>1.2<", "<wp:wxr_version>1.1<"),
    )
    output = run_import(older, "--media-dir", uploads)
    assert "(WXR 1.1)" in output
    assert ArticlePage.objects.count() == 4
    assert ArticlePage.objects.get(slug="five-lessons").summary.startswith("Five things")


def test_without_a_media_dir_every_attachment_is_reported_and_the_posts_still_import(index):
    output = run_import(EXPORT)
    assert "(no --media-dir given)" in output
    assert get_image_model().objects.count() == 0
    page = ArticlePage.objects.get(slug="five-lessons")
    assert page.feature_image is None
    body = json.dumps(list(page.body.raw_data))
    assert "https://old.example.org/wp-content/uploads/2024/03/call-centre-300x200.jpg" in body


# Bad input


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss><channel><title>&lol2;</title></channel></rss>
"""


def bad_file(tmp_path, case) -> Path:
    text = EXPORT.read_text()
    path = tmp_path / f"{case}.xml"
    if case == "not-xml":
        path.write_text("This is a text file, not an export.\n")
    elif case == "not-wxr":
        return FIXTURES / "feed.xml"
    elif case in ("wxr-1.0", "wxr-2.0"):
        version = case.removeprefix("wxr-")
        path.write_text(
            text.replace("export/1.2/", f"export/{version}/").replace(
                "<wp:wxr_version>1.2<", f"<wp:wxr_version>{version}<"
            )
        )
    elif case == "truncated":
        path.write_text(text[: len(text) // 2])
    elif case == "entities":
        path.write_text(BILLION_LAUGHS)
    elif case == "empty":
        path.write_text("")
    return path


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("not-xml", "is not well-formed XML"),
        ("empty", "is not well-formed XML"),
        ("truncated", "is not well-formed XML"),
        ("not-wxr", "is not a WordPress export (WXR)"),
        ("wxr-1.0", "is WXR version 1.0, which is not supported (supported: 1.1, 1.2)"),
        ("wxr-2.0", "is WXR version 2.0, which is not supported"),
        ("entities", "refused for safety"),
    ],
)
def test_bad_input_is_one_clear_error_line_and_changes_nothing(
    index, uploads, tmp_path, case, message
):
    before = row_counts()
    with pytest.raises(CommandError) as error:
        run_import(bad_file(tmp_path, case), "--media-dir", uploads)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert row_counts() == before


def test_a_missing_export_file_is_a_clear_error(index, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run_import(tmp_path / "nope.xml")
