"""Reading pages the way a browser does: parsed HTML and visible text, not substrings."""

from bs4 import BeautifulSoup


def parse(response, status=200) -> BeautifulSoup:
    assert response.status_code == status, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def text(element) -> str:
    """The text a reader sees in `element`, with white space folded."""
    return " ".join(element.get_text().split()) if element is not None else ""


def texts(soup, selector: str) -> list[str]:
    return [text(element) for element in soup.select(selector)]


def card_titles(soup, within: str = "") -> list[str]:
    """The headlines of the article cards on a page (or inside `within`), in page order."""
    return texts(soup, f"{within} .article-card__title".strip())


def parse_markup(markup: str) -> BeautifulSoup:
    """Rendered HTML that did not come from a response (a template rendered on its own)."""
    return BeautifulSoup(markup, "html.parser")


def rows(soup, selector: str = "table.listing tbody tr") -> list[list[str]]:
    """The visible text of each cell of each row of a listing table, row by row."""
    return [texts(row, "td, th") for row in soup.select(selector)]


def link(soup, label: str):
    """The first link whose visible text is `label` (None when there is none)."""
    return next((a for a in soup.find_all("a") if text(a) == label), None)


def links_to(soup, href: str) -> list[str]:
    """The visible text of every link pointing at `href`."""
    return [text(a) for a in soup.find_all("a", href=href)]


def meta(soup, name: str) -> str | None:
    """The content of the <meta> named (or with the property) `name`, None when absent."""
    tag = soup.find("meta", attrs={"name": name}) or soup.find("meta", attrs={"property": name})
    return tag.get("content") if tag else None


def field_value(soup, name: str) -> str | None:
    """What a form field named `name` holds: an input's value or a textarea's text."""
    field = soup.find(attrs={"name": name})
    if field is None:
        return None
    if field.name == "textarea":
        return field.get_text().removeprefix("\n")  # a browser drops the newline after <textarea>
    return field.get("value", "")


def messages(soup) -> list[str]:
    """The texts of the flash messages a page shows (the site's and Wagtail admin's)."""
    return texts(soup, ".messages .message, .messages li")


def comment_bodies(soup) -> list[str]:
    """The text of every comment shown on an article page, in page order."""
    return texts(soup, ".comment .comment__body")


def reply_links(soup) -> list[str]:
    """The "Reply" links under the comments (with their hidden "to <name>" for screen readers)."""
    return texts(soup, ".comment .comment__actions a")


def admin_errors(response) -> list[str]:
    """The error messages a Wagtail admin form shows: per field, per panel and at the top."""
    return texts(parse(response), ".error-message, .help-critical, .messages .error")


def form_errors(soup) -> list[str]:
    """What the public comment form says went wrong: its error summary and notices."""
    return texts(soup, ".error-summary li, .notice--error")


def alternates(soup) -> dict[str, str]:
    """The page's <link rel="alternate"> feeds: href to type."""
    return {tag["href"]: tag.get("type", "") for tag in soup.find_all("link", rel="alternate")}
