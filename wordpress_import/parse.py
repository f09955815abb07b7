"""Read a WordPress eXtended RSS (WXR) export into plain data classes.

Parsing goes through defusedxml, so entity-expansion ("billion laughs") and external-entity
tricks are refused instead of evaluated.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from django.utils import timezone

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse as defused_parse

SUPPORTED_VERSIONS = ("1.1", "1.2")
WP_NAMESPACE = re.compile(r"^\{(http://wordpress\.org/export/([^/]+)/)\}wxr_version$")
NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/{version}/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}


class WXRError(Exception):
    """The file cannot be imported; the message is one line for the person running the import."""


@dataclass
class WPAuthor:
    login: str
    display_name: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""

    @property
    def name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return self.display_name or full or self.login


@dataclass
class WPTerm:
    taxonomy: str  # "category", "post_tag", or "author" (Co-Authors Plus bylines on items)
    slug: str
    name: str
    description: str = ""


@dataclass
class WPComment:
    id: str
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date: datetime.datetime | None = None
    content: str = ""
    approved: str = "0"
    type: str = ""
    parent: str = "0"


@dataclass
class WPItem:
    id: str
    post_type: str
    title: str = ""
    link: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: datetime.datetime | None = None
    slug: str = ""
    status: str = ""
    comment_status: str = "open"
    attachment_url: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    terms: list[WPTerm] = field(default_factory=list)
    comments: list[WPComment] = field(default_factory=list)


@dataclass
class WXRExport:
    version: str
    site_url: str
    base_url: str
    authors: list[WPAuthor]
    terms: list[WPTerm]
    posts: list[WPItem]
    attachments: list[WPItem]


def parse_wxr(path: str | Path) -> WXRExport:
    """Parse and check a WXR file; any problem is a WXRError with a one-line message."""
    name = Path(path).name
    try:
        tree = defused_parse(str(path))
    except ParseError as error:
        line, column = error.position
        raise WXRError(
            f"{name} is not well-formed XML (line {line}, column {column + 1}); "
            "is the export complete?"
        ) from error
    except DefusedXmlException as error:
        raise WXRError(
            f"{name} uses XML entities or DTDs, which are refused for safety."
        ) from error
    except OSError as error:
        raise WXRError(f"Cannot read {path}: {error.strerror or error}.") from error

    root = tree.getroot()
    channel = root.find("channel") if root.tag == "rss" else None
    version_element = None
    if channel is not None:
        version_element = next(
            (child for child in channel if WP_NAMESPACE.match(str(child.tag))), None
        )
    if version_element is None:
        raise WXRError(
            f"{name} is not a WordPress export (WXR): no <rss><channel> with <wp:wxr_version>."
        )
    namespace, namespace_version = WP_NAMESPACE.match(version_element.tag).groups()
    version = (version_element.text or "").strip()
    if version not in SUPPORTED_VERSIONS or namespace_version != version:
        raise WXRError(
            f"{name} is WXR version {version or '?'}, which is not supported "
            f"(supported: {', '.join(SUPPORTED_VERSIONS)})."
        )
    return _read_channel(channel, namespace, version)


def _read_channel(channel: Element, wp: str, version: str) -> WXRExport:
    ns = {**NS, "wp": wp, "excerpt": NS["excerpt"].format(version=version)}

    def text(element, path):
        found = element.find(path, ns)
        return (found.text or "").strip() if found is not None and found.text else ""

    def raw(element, path):
        found = element.find(path, ns)
        return found.text or "" if found is not None else ""

    authors = [
        WPAuthor(
            login=text(el, "wp:author_login"),
            display_name=text(el, "wp:author_display_name"),
            email=text(el, "wp:author_email"),
            first_name=text(el, "wp:author_first_name"),
            last_name=text(el, "wp:author_last_name"),
        )
        for el in channel.findall("wp:author", ns)
        if text(el, "wp:author_login")
    ]
    terms = [
        WPTerm(
            "category",
            text(el, "wp:category_nicename"),
            text(el, "wp:cat_name") or text(el, "wp:category_nicename"),
            text(el, "wp:category_description"),
        )
        for el in channel.findall("wp:category", ns)
        if text(el, "wp:category_nicename")
    ] + [
        WPTerm(
            "post_tag",
            text(el, "wp:tag_slug"),
            text(el, "wp:tag_name") or text(el, "wp:tag_slug"),
            text(el, "wp:tag_description"),
        )
        for el in channel.findall("wp:tag", ns)
        if text(el, "wp:tag_slug")
    ]

    posts, attachments = [], []
    for el in channel.findall("item"):
        post_type = text(el, "wp:post_type")
        item = WPItem(
            id=text(el, "wp:post_id"),
            post_type=post_type,
            title=text(el, "title"),
            link=text(el, "link"),
            creator=text(el, "dc:creator"),
            content=raw(el, "content:encoded"),
            excerpt=raw(el, "excerpt:encoded"),
            date=_date(text(el, "wp:post_date_gmt"), text(el, "wp:post_date")),
            slug=text(el, "wp:post_name"),
            status=text(el, "wp:status"),
            comment_status=text(el, "wp:comment_status") or "open",
            attachment_url=text(el, "wp:attachment_url"),
            meta={
                text(meta, "wp:meta_key"): raw(meta, "wp:meta_value")
                for meta in el.findall("wp:postmeta", ns)
            },
            terms=[
                WPTerm(cat.get("domain", ""), cat.get("nicename", ""), (cat.text or "").strip())
                for cat in el.findall("category")
                if cat.get("domain") in ("category", "post_tag", "author") and cat.get("nicename")
            ],
            comments=[
                WPComment(
                    id=text(c, "wp:comment_id"),
                    author=text(c, "wp:comment_author"),
                    email=text(c, "wp:comment_author_email"),
                    url=text(c, "wp:comment_author_url"),
                    ip=text(c, "wp:comment_author_IP"),
                    date=_date(text(c, "wp:comment_date_gmt"), text(c, "wp:comment_date")),
                    content=raw(c, "wp:comment_content"),
                    approved=text(c, "wp:comment_approved") or "0",
                    type=text(c, "wp:comment_type"),
                    parent=text(c, "wp:comment_parent") or "0",
                )
                for c in el.findall("wp:comment", ns)
                if text(c, "wp:comment_id")
            ],
        )
        if not item.id:
            continue
        if post_type == "post":
            posts.append(item)
        elif post_type == "attachment":
            attachments.append(item)

    return WXRExport(
        version=version,
        site_url=text(channel, "link"),
        base_url=text(channel, "wp:base_blog_url") or text(channel, "link"),
        authors=authors,
        terms=terms,
        posts=posts,
        attachments=attachments,
    )


def _date(gmt: str, local: str) -> datetime.datetime | None:
    """WordPress writes "0000-00-00 00:00:00" for unset dates (drafts); local time is the fallback."""
    for value, tz in ((gmt, datetime.UTC), (local, timezone.get_default_timezone())):
        if not value or value.startswith("0000"):
            continue
        try:
            parsed = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        return parsed.replace(tzinfo=tz)
    return None
