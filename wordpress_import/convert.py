"""Turn WordPress post HTML into ArticleBodyBlock stream data, and comment HTML into plain text.

Everything passes through nh3 first: it drops scripts, styles, event handlers, unknown tags and
iframes from hosts other than YouTube and Vimeo. The converter then only maps the safe markup
that is left onto blocks; it never has to decide what is dangerous.
"""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.utils.html import strip_tags

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag

SUMMARY_LIMIT = 300
HEADING_LIMIT = 200
CAPTION_LIMIT = 300

ALLOWED_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "b", "strong", "i",
    "em", "blockquote", "cite", "figure", "figcaption", "img", "iframe", "div", "section",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "class"},
    "iframe": {"src"},
}
RICH_TEXT_TAGS = {"p", "br", "b", "i", "a", "ul", "ol", "li"}
INLINE_TAGS = {"a", "b", "strong", "i", "em", "br", "cite"}
RENAME = {"strong": "b", "em": "i"}

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
YOUTUBE_NOCOOKIE_HOSTS = {"youtube-nocookie.com", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}

WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled|rotated)(?=\.\w+$)")
CAPTION = re.compile(r"\[caption\b([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
EMBED_SHORTCODE = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.S | re.I)
BLOCK_TAGS = r"(?:p|h[1-6]|ul|ol|li|blockquote|figure|figcaption|div|section|table|thead|tbody|tr|td|th|pre|hr|iframe|dl|dt|dd|address|script|style)"
BLOCK_OPEN = re.compile(rf"(<{BLOCK_TAGS}[\s/>])", re.I)
BLOCK_CLOSE = re.compile(rf"(</{BLOCK_TAGS}>)", re.I)
BLOCK_START = re.compile(rf"^</?{BLOCK_TAGS}[\s/>]", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def embed_url(url: str) -> str | None:
    """The canonical page URL of a YouTube or Vimeo video, or None for any other host."""
    url = (url or "").strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    host = parts.netloc.lower()
    if parts.scheme not in ("http", "https"):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if host in YOUTUBE_HOSTS | YOUTUBE_NOCOOKIE_HOSTS:
        if len(segments) == 2 and segments[0] == "embed":
            return f"https://www.youtube.com/watch?v={segments[1]}"
        return url if host in YOUTUBE_HOSTS and segments else None
    if host in VIMEO_HOSTS:
        if host == "player.vimeo.com" and len(segments) == 2 and segments[0] == "video":
            return f"https://vimeo.com/{segments[1]}"
        return url if segments else None
    return None


def _allow_attribute(element: str, attribute: str, value: str) -> str | None:
    if element == "iframe" and attribute == "src":
        return value if embed_url(value) else None
    return value


def sanitise(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_allow_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def upload_key(url: str) -> str:
    """A URL or path reduced to its place under wp-content/uploads, without WordPress's size suffix."""
    path = unquote(urlsplit(url or "").path)
    if "/uploads/" in path:
        path = path.split("/uploads/", 1)[1]
    return SIZE_SUFFIX.sub("", path.lstrip("/")).lower()


@dataclass
class Media:
    kind: str  # "image" or "document"
    pk: int
    alt: str = ""
    title: str = ""


@dataclass
class MediaIndex:
    """Imported attachments, findable by WordPress id or by any URL of the file."""

    by_id: dict[str, Media] = field(default_factory=dict)
    by_key: dict[str, Media] = field(default_factory=dict)

    def add(self, wp_id: str, urls: list[str], media: Media):
        self.by_id[wp_id] = media
        for url in urls:
            if url:
                self.by_key[upload_key(url)] = media

    def find(self, url: str = "", wp_id: str = "") -> Media | None:
        return self.by_id.get(wp_id) or (self.by_key.get(upload_key(url)) if url else None)


def wpautop(text: str) -> str:
    """WordPress's classic-editor rule: blank lines separate paragraphs, single newlines break lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # As WordPress does: block-level tags always stand in paragraphs of their own.
    text = BLOCK_CLOSE.sub(r"\1\n\n", BLOCK_OPEN.sub(r"\n\n\1", text))
    chunks = re.split(r"\n\s*\n", text)
    out = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def _caption_to_figure(match: re.Match) -> str:
    inner = match.group(2).strip()
    # The caption is whatever follows the image (and the link wrapping it, if any).
    parts = re.split(r"(?<=>)(?=[^<>]*$)", inner, maxsplit=1)
    media, caption = (parts + [""])[:2]
    return f"<figure>{media}<figcaption>{caption.strip()}</figcaption></figure>"


def expand_shortcodes(text: str) -> str:
    text = CAPTION.sub(_caption_to_figure, text)
    return EMBED_SHORTCODE.sub(lambda m: f"\n\n<p>{m.group(1).strip()}</p>\n\n", text)


def _squash(text: str) -> str:
    return " ".join(text.split())


class BodyBuilder:
    """Walks sanitised HTML and emits stream blocks; consecutive rich text shares one paragraph block."""

    def __init__(self, media: MediaIndex):
        self.media = media
        self.blocks: list[dict] = []
        self.rich: list[str] = []
        self.inline: list = []

    def build(self, fragment: str) -> list[dict]:
        soup = BeautifulSoup(fragment, "html.parser")
        self.walk(soup.children)
        self.flush_rich()
        return self.blocks

    # Buffers

    def flush_inline(self):
        nodes, self.inline = self.inline, []
        if any(isinstance(n, Tag) or n.strip() for n in nodes):
            paragraph = BeautifulSoup("<p></p>", "html.parser").p
            for node in nodes:
                paragraph.append(node)
            self.paragraph(paragraph)

    def flush_rich(self):
        self.flush_inline()
        if self.rich:
            self.blocks.append({"type": "paragraph", "value": "".join(self.rich)})
            self.rich = []

    def add(self, block_type: str, value):
        self.flush_rich()
        self.blocks.append({"type": block_type, "value": value})

    # Walking

    def walk(self, nodes):
        for node in list(nodes):
            if isinstance(node, NavigableString):
                if type(node) is NavigableString:
                    self.inline.append(node.extract())
                continue
            name = node.name
            if name in INLINE_TAGS or name == "img" and self.inline:
                self.inline.append(node.extract())
                continue
            self.flush_inline()
            if name == "p":
                self.paragraph(node)
            elif name in ("ul", "ol"):
                self.rich.append(self.rich_html(node))
            elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                text = _squash(node.get_text(" "))[:HEADING_LIMIT]
                if text:
                    self.add(
                        "heading", {"text": text, "level": "h2" if name in ("h1", "h2") else "h3"}
                    )
            elif name == "blockquote":
                self.quote(node)
            elif name == "figure":
                self.figure(node)
            elif name == "img":
                self.image(node)
            elif name == "iframe":
                if url := embed_url(node.get("src", "")):
                    self.add("embed", url)
            else:  # div, section, li out of place, figcaption out of place: look inside
                self.walk(node.children)
        self.flush_inline()

    def paragraph(self, p: Tag):
        if url := self.lone_url(p):
            self.add("embed", url)
            return
        for iframe in p.find_all("iframe"):
            if url := embed_url(iframe.extract().get("src", "")):
                self.add("embed", url)
        images = p.find_all("img")
        for img in images:
            holder = img.parent if img.parent.name == "a" and len(img.parent.contents) == 1 else img
            holder.extract()
            self.image(img)
        if _squash(p.get_text()):
            self.rich.append(self.rich_html(p))

    def quote(self, node: Tag):
        cite = node.find("cite")
        attribution = _squash(cite.extract().get_text(" ")) if cite else ""
        paragraphs = [_squash(p.get_text(" ")) for p in node.find_all("p")]
        text = "\n\n".join(p for p in paragraphs if p) or _squash(node.get_text(" "))
        if text:
            self.add("quote", {"text": text, "attribution": attribution[:200]})

    def figure(self, node: Tag):
        caption_node = node.find("figcaption")
        caption = _squash(caption_node.extract().get_text(" ")) if caption_node else ""
        images = node.find_all("img")
        if images:
            for img in images:
                self.image(img, caption)
            return
        iframe = node.find("iframe")
        if iframe is not None:
            if url := embed_url(iframe.get("src", "")):
                self.add("embed", url)
            return
        if url := self.lone_url(node):
            self.add("embed", url)
            return
        self.walk(node.children)

    def image(self, img: Tag, caption: str = ""):
        src = img.get("src", "")
        match = WP_IMAGE_CLASS.search(" ".join(img.get("class", [])))
        found = self.media.find(src, match.group(1) if match else "")
        if found is None or found.kind != "image":
            if urlsplit(src).scheme not in ("http", "https"):
                return
            # Keep the reference to the original file in the text, so nothing silently vanishes.
            label = html.escape(caption or img.get("alt") or src.rsplit("/", 1)[-1])
            self.rich.append(f'<p><a href="{html.escape(src)}">{label}</a></p>')
            return
        alt = _squash(img.get("alt", "")) or found.alt or caption or found.title
        self.add(
            "image",
            {
                "image": {"image": found.pk, "decorative": not alt, "alt_text": alt},
                "caption": caption[:CAPTION_LIMIT],
                "credit": "",
            },
        )

    @staticmethod
    def lone_url(node: Tag) -> str | None:
        """A block holding nothing but a video URL is an oEmbed, as WordPress treats it."""
        if node.find(lambda t: t.name not in ("a", "div")):
            return None
        return embed_url(_squash(node.get_text()))

    def rich_html(self, node: Tag) -> str:
        """The node as Wagtail rich text: only p, b, i, a, ul, ol, li and br, with document links."""
        for tag in node.find_all(True):
            tag.name = RENAME.get(tag.name, tag.name)
            if tag.name not in RICH_TEXT_TAGS or (tag.name == "p" and tag is not node):
                tag.unwrap()
                continue
            if tag.name == "a":
                href = tag.get("href", "")
                document = self.media.find(href)
                if document is not None and document.kind == "document":
                    tag.attrs = {"linktype": "document", "id": str(document.pk)}
                elif href:
                    tag.attrs = {"href": href}
                else:
                    tag.unwrap()
            else:
                tag.attrs = {}
        if node.name == "p":
            # Line breaks at either end are wpautop noise.
            for end in (0, -1):
                while node.contents and (
                    getattr(node.contents[end], "name", None) == "br"
                    or isinstance(node.contents[end], NavigableString)
                    and not node.contents[end].strip()
                ):
                    node.contents[end].extract()
        node.attrs = {}
        return str(node)


def html_to_blocks(content: str, media: MediaIndex) -> list[dict]:
    """Stream data for ArticleBodyBlock from a post's content:encoded."""
    gutenberg = "<!-- wp:" in content
    text = expand_shortcodes(content)
    if not gutenberg:
        text = wpautop(text)
    return BodyBuilder(media).build(sanitise(text))


def make_summary(excerpt: str, blocks: list[dict], title: str, limit: int = SUMMARY_LIMIT) -> str:
    """The excerpt, or else as many whole first sentences of the body as fit in `limit`."""
    text = _squash(html.unescape(strip_tags(sanitise(excerpt or ""))))
    if not text:
        text = _squash(
            " ".join(
                html.unescape(strip_tags(b["value"].replace("</p>", "</p> ")))
                for b in blocks
                if b["type"] == "paragraph"
            )
        )
    if not text:
        return title[:limit]
    if len(text) <= limit:
        return text
    summary = ""
    for sentence in SENTENCE_END.split(text):
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > limit:
            break
        summary = candidate
    return summary or text[: limit - 1].rsplit(" ", 1)[0] + "…"


def comment_text(content: str) -> str:
    """A WordPress comment as the plain text django-comments-xtd stores and escapes on display."""
    marked = re.sub(r"(?i)<br\s*/?>", "\n", content or "")
    marked = re.sub(r"(?i)</p\s*>", "\n\n", marked)
    text = html.unescape(nh3.clean(marked, tags=set()))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
