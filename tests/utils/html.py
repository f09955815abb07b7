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
