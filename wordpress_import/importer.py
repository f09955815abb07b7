"""Create or update authors, topics, media, articles, comments and redirects from a parsed WXR export."""

import hashlib
import ipaddress
import json
import mimetypes
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site as DjangoSite
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.text import slugify

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from django_comments_xtd.models import max_thread_level_for_content_type
from PIL import Image as PILImage

from articles.models import ArticleAuthor, ArticlePage, Author, Topic
from comments.models import ArticleComment, CommentStatus

from .convert import Media, MediaIndex, comment_text, html_to_blocks, make_summary
from .models import WordPressImportRecord
from .parse import WPAuthor, WPComment, WPItem, WPTerm, WXRExport

WEBSITE_VALIDATOR = URLValidator(schemes=["http", "https"])
WEBSITE_MAX_LENGTH = ArticleComment._meta.get_field("user_url").max_length

KINDS = ("authors", "topics", "images", "documents", "articles", "comments", "redirects")
OUTCOMES = ("created", "updated", "unchanged")

COMMENT_STATUS = {
    "1": CommentStatus.APPROVED,
    "approve": CommentStatus.APPROVED,
    "0": CommentStatus.AWAITING,
    "hold": CommentStatus.AWAITING,
    "spam": CommentStatus.SPAM,
    "trash": CommentStatus.REMOVED,
    "post-trashed": CommentStatus.REMOVED,
}
PUBLISHED, SCHEDULED = "publish", "future"
DRAFT_STATUSES = {"draft", "pending", "private"}
# WordPress files every uncategorised post under this category; it says nothing about the post.
DEFAULT_CATEGORY = "uncategorized"


def fingerprint(data) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


class Stats:
    """Created / updated / unchanged / skipped (with reasons) for each kind of item."""

    def __init__(self):
        self.counts = {kind: Counter() for kind in KINDS}
        self.skipped = {kind: Counter() for kind in KINDS}

    def add(self, kind: str, outcome: str):
        self.counts[kind][outcome] += 1

    def skip(self, kind: str, reason: str):
        self.counts[kind]["skipped"] += 1
        self.skipped[kind][reason] += 1

    def as_dict(self) -> dict:
        return {kind: {o: self.counts[kind][o] for o in (*OUTCOMES, "skipped")} for kind in KINDS}

    def table(self) -> str:
        columns = (*OUTCOMES, "skipped")
        lines = [f"{'':<10}" + "".join(f"{c:>11}" for c in columns)]
        for kind in KINDS:
            lines.append(f"{kind:<10}" + "".join(f"{self.counts[kind][c]:>11}" for c in columns))
        reasons = [
            f"  {kind}: {count} × {reason}"
            for kind in KINDS
            for reason, count in sorted(self.skipped[kind].items())
        ]
        if reasons:
            lines += ["Skipped:", *reasons]
        return "\n".join(lines)


class Progress:
    """A one-line bar redrawn with \\r; silent unless the stream is a terminal."""

    WIDTH = 30

    def __init__(self, write: Callable[[str], None] | None, total: int):
        self.write, self.total, self.done = write, max(total, 1), 0

    def step(self, label: str):
        self.done += 1
        if self.write:
            filled = self.WIDTH * self.done // self.total
            bar = "#" * filled + "." * (self.WIDTH - filled)
            self.write(f"\r[{bar}] {self.done}/{self.total} {label:<10}")

    def finish(self):
        if self.write:
            self.write("\n")


class WordPressImporter:
    def __init__(self, export: WXRExport, index, media_dir: Path | None, progress_write=None):
        self.export = export
        self.index = index
        # Authors and topics are found and made in the index's language, like its articles.
        self.in_locale = {"locale_id": index.locale_id}
        self.media_dir = media_dir.resolve() if media_dir else None
        self.stats = Stats()
        self.media = MediaIndex()
        self.authors: dict[str, Author] = {}
        self.topics: dict[str, Topic] = {}
        self.stored_files: list = []  # (storage, name) written during this run, for rollback
        base = urlsplit(export.base_url)
        self.base_path = base.path.rstrip("/")
        self.source = (base.netloc + self.base_path)[:200] or "wordpress"
        total = (
            len(export.authors)
            + len(export.terms)
            + len(export.attachments)
            + sum(1 + len(post.comments) for post in export.posts)
        )
        self.progress = Progress(progress_write, total)

    # Bookkeeping

    def run(self) -> Stats:
        self.site = self.index.get_site()
        self.comment_site = DjangoSite.objects.get_current()
        self.records = {
            (r.kind, r.wp_id): r for r in WordPressImportRecord.objects.filter(source=self.source)
        }
        self.import_authors()
        self.import_topics()
        self.import_attachments()
        for post in self.export.posts:
            self.import_post(post)
        self.progress.finish()
        return self.stats

    def discard_files(self):
        """Delete files this run wrote to storage: the database rows were rolled back."""
        for storage, name in self.stored_files:
            storage.delete(name)
        self.stored_files = []

    def recorded(self, kind: str, wp_id: str, model):
        record = self.records.get((kind, wp_id))
        if record is None:
            return None, None
        return model.objects.filter(pk=record.object_id).first(), record

    def remember(self, kind: str, wp_id: str, obj, digest: str):
        record, _ = WordPressImportRecord.objects.update_or_create(
            source=self.source,
            kind=kind,
            wp_id=wp_id,
            defaults={
                "content_type": ContentType.objects.get_for_model(obj),
                "object_id": obj.pk,
                "fingerprint": digest,
            },
        )
        self.records[(kind, wp_id)] = record

    def upsert(self, stat: str, kind: str, wp_id: str, model, data: dict, matches: list[dict]):
        """Find the object by import record, else by a natural key; create, update or leave it."""
        digest = fingerprint(data)
        obj, record = self.recorded(kind, wp_id, model)
        if obj is not None and record.fingerprint == digest:
            self.stats.add(stat, "unchanged")
            return obj
        if obj is None:
            for match in matches:
                obj = model.objects.filter(**match, **self.in_locale).first()
                if obj is not None:
                    break
        if obj is None:
            obj = model.objects.create(**data, **self.in_locale)
            self.stats.add(stat, "created")
        else:
            changed = {f: v for f, v in data.items() if getattr(obj, f) != v}
            for name, value in changed.items():
                setattr(obj, name, value)
            if changed:
                obj.save()
            self.stats.add(stat, "updated" if changed else "unchanged")
        self.remember(kind, wp_id, obj, digest)
        return obj

    # Authors and topics

    def import_authors(self):
        wanted: dict[str, WPAuthor] = {a.login: a for a in self.export.authors}
        for post in self.export.posts:
            for login in self.byline(post):
                wanted.setdefault(login, WPAuthor(login=login))
        for login, wp_author in wanted.items():
            slug = slugify(login)[:120] or f"author-{fingerprint(login)[:8]}"
            data = {"name": wp_author.name[:120], "slug": slug}
            self.authors[login] = self.upsert(
                "authors", "author", login, Author, data, [{"slug": slug}]
            )
            self.progress.step("authors")

    @staticmethod
    def byline(post: WPItem) -> list[str]:
        """The post's creator, then any Co-Authors Plus bylines, without repeats."""
        logins = [post.creator] + [
            t.slug.removeprefix("cap-") for t in post.terms if t.taxonomy == "author"
        ]
        return list(dict.fromkeys(login for login in logins if login))

    def import_topics(self):
        wanted: dict[str, WPTerm] = {}
        terms = [*self.export.terms, *(t for p in self.export.posts for t in p.terms)]
        for term in terms:
            if term.taxonomy in ("category", "post_tag"):
                wanted.setdefault(self.topic_slug(term), term)
        for slug, term in wanted.items():
            if slug == DEFAULT_CATEGORY and term.taxonomy == "category":
                self.stats.skip("topics", "WordPress's default “Uncategorized” category")
            else:
                name = (term.name or slug)[:80]
                data = {"name": name, "slug": slug, "description": term.description[:600]}
                self.topics[slug] = self.upsert(
                    "topics", "topic", slug, Topic, data, [{"slug": slug}, {"name": name}]
                )
        for _term in self.export.terms:
            self.progress.step("topics")

    @staticmethod
    def topic_slug(term: WPTerm) -> str:
        return (
            slugify(unquote(term.slug))[:80]
            or slugify(term.name)[:80]
            or f"topic-{fingerprint(term.slug)[:8]}"
        )

    # Attachments

    def import_attachments(self):
        image_types = set(settings.WAGTAILIMAGES_EXTENSIONS)
        document_types = set(getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or [])
        for item in self.export.attachments:
            self.progress.step("media")
            relative = item.meta.get("_wp_attached_file") or self.upload_path(item.attachment_url)
            extension = Path(relative).suffix.lower().lstrip(".")
            mime = mimetypes.guess_type(relative)[0] or ""
            kind = "images" if mime.startswith("image/") else "documents"
            allowed = image_types if kind == "images" else document_types
            if extension not in allowed:
                self.stats.skip(kind, f"file type not allowed: .{extension or '?'}")
                continue
            path = self.find_file(relative)
            if path is None:
                where = "" if self.media_dir else " (no --media-dir given)"
                self.stats.skip(kind, f"file not found: {relative}{where}")
                continue
            if kind == "images" and not self.readable_image(path):
                self.stats.skip(kind, f"not a readable image: {relative}")
                continue
            title = (item.title or Path(relative).stem)[:255]
            alt = " ".join(item.meta.get("_wp_attachment_image_alt", "").split())
            media = self.import_file(kind, item, path, title, alt)
            self.media.add(
                item.id,
                [item.attachment_url, relative],
                Media(kind[:-1], media.pk, alt=alt, title=title),
            )

    @staticmethod
    def upload_path(url: str) -> str:
        path = unquote(urlsplit(url).path)
        return path.split("/uploads/", 1)[1] if "/uploads/" in path else path.lstrip("/")

    def find_file(self, relative: str) -> Path | None:
        if not self.media_dir or not relative:
            return None
        path = (self.media_dir / relative).resolve()
        # The export names the path; never let it reach outside the media directory.
        if not path.is_relative_to(self.media_dir) or not path.is_file():
            return None
        return path

    @staticmethod
    def readable_image(path: Path) -> bool:
        try:
            with PILImage.open(path) as image:
                image.verify()
        except Exception:
            return False
        return True

    def import_file(self, kind: str, item: WPItem, path: Path, title: str, alt: str):
        model = get_image_model() if kind == "images" else get_document_model()
        file_hash = hashlib.sha1(path.read_bytes()).hexdigest()
        data = {"title": title}
        if kind == "images":
            data["description"] = alt[:255]
        digest = fingerprint({**data, "file_hash": file_hash})
        obj, record = self.recorded(kind[:-1], item.id, model)
        if obj is not None and record.fingerprint == digest:
            self.stats.add(kind, "unchanged")
            return obj
        outcome = "created" if obj is None else "updated"
        obj = obj or model()
        for name, value in data.items():
            setattr(obj, name, value)
        if obj.pk is None or obj.file_hash != file_hash:
            with path.open("rb") as handle:
                obj.file = File(handle, name=path.name)
                if kind == "images":
                    obj._set_image_file_metadata()
                else:
                    obj._set_document_file_metadata()
                obj.save()
            self.stored_files.append((obj.file.storage, obj.file.name))
        else:
            obj.save()
        self.stats.add(kind, outcome)
        self.remember(kind[:-1], item.id, obj, digest)
        return obj

    # Articles

    def import_post(self, post: WPItem):
        self.progress.step("articles")
        if post.status not in {PUBLISHED, SCHEDULED, *DRAFT_STATUSES}:
            self.stats.skip("articles", f"WordPress status “{post.status or '?'}”")
            for _comment in post.comments:
                self.progress.step("comments")
                self.stats.skip("comments", "its post was not imported")
            return
        page = self.import_article(post)
        self.import_comments(post, page)
        self.import_redirects(post, page)

    def article_data(self, post: WPItem) -> dict:
        blocks = html_to_blocks(post.content, self.media)
        title = (post.title or f"Untitled post {post.id}")[:255]
        feature = self.media.by_id.get(post.meta.get("_thumbnail_id", ""))
        if feature is not None and feature.kind != "image":
            feature = None
        return {
            "title": title,
            "slug_source": unquote(post.slug) or title,
            "summary": make_summary(post.excerpt, blocks, title),
            "date": post.date,
            "go_live_at": post.date if post.status == SCHEDULED else None,
            "body": blocks,
            "feature_image_id": feature.pk if feature else None,
            "feature_image_alt": (feature.alt or feature.title)[:250] if feature else "",
            "allow_comments": post.comment_status == "open",
            "authors": [self.authors[login].pk for login in self.byline(post)],
            "topics": sorted(
                {
                    self.topics[slug].pk
                    for slug in map(self.topic_slug, post.terms)
                    if slug in self.topics
                }
            ),
            "status": post.status,
        }

    def import_article(self, post: WPItem) -> ArticlePage:
        data = self.article_data(post)
        digest = fingerprint(data)
        page, record = self.recorded("post", post.id, ArticlePage)
        if page is not None and record.fingerprint == digest:
            self.stats.add("articles", "unchanged")
            return page
        created = page is None
        if created:
            page = ArticlePage(live=False)
        elif page.live and data["status"] != PUBLISHED:
            page.unpublish(log_action=False)
            page.refresh_from_db()
        page.title = data["title"]
        page.draft_title = data["title"]
        page.slug = self.unique_slug(data["slug_source"], post.id, page)
        for name in (
            "summary",
            "date",
            "go_live_at",
            "body",
            "feature_image_id",
            "feature_image_alt",
            "allow_comments",
        ):
            setattr(page, name, data[name])
        page.authors = [
            ArticleAuthor(author_id=pk, sort_order=i) for i, pk in enumerate(data["authors"])
        ]
        page.topics = list(Topic.objects.filter(pk__in=data["topics"]))
        if created:
            if data["status"] == PUBLISHED and post.date:
                page.first_published_at = post.date
            self.index.add_child(instance=page)
        else:
            page.save()
        revision = page.save_revision(log_action=False)
        if data["status"] in (PUBLISHED, SCHEDULED):
            # A future go_live_at makes this a scheduled revision instead of going live now.
            revision.publish(log_action=False)
        self.stats.add("articles", "created" if created else "updated")
        self.remember("post", post.id, page, digest)
        return page

    def unique_slug(self, source: str, wp_id: str, page: ArticlePage) -> str:
        base = slugify(source, allow_unicode=True)[:200] or f"post-{wp_id}"
        siblings = ArticlePage.objects.child_of(self.index)
        if page.pk:
            siblings = siblings.exclude(pk=page.pk)
        taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug

    # Comments

    def import_comments(self, post: WPItem, page: ArticlePage):
        content_type = ContentType.objects.get_for_model(ArticlePage)
        max_level = max_thread_level_for_content_type(content_type)
        by_id = {c.id: c for c in post.comments}

        def depth(comment: WPComment) -> int:
            seen, level = {comment.id}, 0
            while comment.parent in by_id and comment.parent not in seen:
                comment = by_id[comment.parent]
                seen.add(comment.id)
                level += 1
            return level

        imported: dict[str, ArticleComment] = {}

        def thread_order(comment: WPComment):
            when = comment.date.timestamp() if comment.date else 0
            return depth(comment), when, int(comment.id) if comment.id.isdigit() else 0

        for comment in sorted(post.comments, key=thread_order):
            self.progress.step("comments")
            if comment.type in ("pingback", "trackback"):
                self.stats.skip("comments", "pingback or trackback")
                continue
            text = comment_text(comment.content)
            if not text:
                self.stats.skip("comments", "empty comment")
                continue
            status = COMMENT_STATUS.get(comment.approved)
            if status is None:
                self.stats.skip("comments", f"unknown status “{comment.approved}”")
                continue
            ref = f"wp:{self.source}:{comment.id}"[-120:]
            fields = {
                "user_name": comment.author[:50] or "Anonymous",
                "user_email": comment.email[:254],
                "user_url": self.website(comment.url),
                "ip_address": self.ip(comment.ip),
                "submit_date": comment.date or timezone.now(),
                "comment": text,
                "status": status,
            }
            existing = ArticleComment.objects.filter(import_ref=ref).first()
            if existing is not None:
                changed = {f: v for f, v in fields.items() if getattr(existing, f) != v}
                for name, value in changed.items():
                    setattr(existing, name, value)
                if changed:
                    existing.set_status(status)
                    existing.save()
                self.stats.add("comments", "updated" if changed else "unchanged")
                imported[comment.id] = existing
                continue
            parent = imported.get(comment.parent) if max_level else None
            # Replies deeper than the site allows hang under the deepest ancestor that may have them.
            while parent is not None and parent.level >= max_level:
                parent = ArticleComment.objects.get(pk=parent.parent_id)
            new = ArticleComment(
                content_type=content_type,
                object_pk=str(page.pk),
                site=self.comment_site,
                import_ref=ref,
                parent_id=parent.pk if parent else 0,
                **fields,
            )
            new.set_status(status)
            new.save()
            self.stats.add("comments", "created")
            imported[comment.id] = new

    @staticmethod
    def website(value: str) -> str:
        """The commenter's website if it is a plain http(s) address that fits; otherwise none.

        A `javascript:` or `data:` address would run in a reader's browser when clicked.
        """
        url = (value or "").strip()
        if len(url) > WEBSITE_MAX_LENGTH:
            return ""
        try:
            WEBSITE_VALIDATOR(url)
        except ValidationError:
            return ""
        return url

    @staticmethod
    def ip(value: str) -> str | None:
        try:
            return str(ipaddress.ip_address(value.strip()))
        except ValueError:
            return None

    # Redirects

    def import_redirects(self, post: WPItem, page: ArticlePage):
        if post.status not in (PUBLISHED, SCHEDULED):
            self.stats.skip("redirects", "draft posts have no public URL")
            return
        if not ArticlePage.objects.live().filter(pk=page.pk).exists():
            # A redirect would tell anyone the new address (and slug) before it is published;
            # importing again once the post is live adds it.
            self.stats.skip("redirects", "the article is not live yet")
            return
        link = urlsplit(post.link)
        old_paths = [
            link.path + (f"?{link.query}" if link.query else "") if post.link else "",
            f"{self.base_path}/?p={post.id}",
        ]
        new_path = Redirect.normalise_path(page.get_url() or "")
        for old in dict.fromkeys(Redirect.normalise_path(p) for p in old_paths if p):
            if old == new_path:
                self.stats.skip("redirects", "old URL is the new URL")
                continue
            redirect = Redirect.objects.filter(old_path=old, site=self.site).first()
            if redirect is None:
                Redirect.objects.create(
                    old_path=old, site=self.site, redirect_page=page, is_permanent=True
                )
                self.stats.add("redirects", "created")
            elif redirect.redirect_page_id == page.pk and redirect.is_permanent:
                self.stats.add("redirects", "unchanged")
            else:
                redirect.redirect_page, redirect.redirect_link = page, ""
                redirect.is_permanent = True
                redirect.save()
                self.stats.add("redirects", "updated")
