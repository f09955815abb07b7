"""The interface in Spanish and French: forms, messages, dates, pagination, feeds, emails,
and catalogues whose compiled .mo files match their .po sources.

LocaleMiddleware (which picks the language from the address) is not what these tests
check, so they render with a language active (`translation.override`) rather than through
the middleware: they hold whichever way the site chooses its language.
"""

import datetime
import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from wagtail.models import Locale

import feedparser
import polib
import pytest

from comments import policy
from comments.feeds import ArticleCommentsFeed
from comments.following import send_confirmation
from comments.forms import ArticleCommentForm
from comments.models import CommentStatus, ThreadSubscription
from comments.notifications import page_language
from comments.thread import Node
from tests.factories import ArticlePageFactory
from tests.utils.comments import csrf_client, form_fields, make_comment
from tests.utils.html import parse, parse_markup, text, texts

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("es", "fr")
PUBLISHED_ON = datetime.datetime(2026, 1, 2, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def article(index):
    return ArticlePageFactory(
        parent=index, title="Budgets in the open", slug="budgets", date=PUBLISHED_ON
    )


def get_request(path="/", **query):
    request = RequestFactory().get(path, query)
    request.user = AnonymousUser()
    return request


def render_article(article, language):
    """The article page, drawn by Wagtail with `language` active."""
    with translation.override(language):
        response = article.serve(get_request(article.url))
        response.render()
    return parse_markup(response.content.decode())


def render_form(article, language, data=None):
    """The comment form (bound to `data` when given, so it shows its errors) in `language`."""
    with translation.override(language):
        form = ArticleCommentForm(article, data=data)
        if data is not None:
            form.is_valid()
        markup = render_to_string(
            "comments/comment_form.html",
            {"form": form, "reply_to": None, "article_url": article.url, "csrf_token": "x"},
        )
    return parse_markup(markup)


# The comment form


FORM_TEXT = {
    "es": {
        "heading": "Deja un comentario",
        "labels": ["Nombre *(obligatorio)", "Correo electrónico *(obligatorio)", "Web"],
        "note": "Los campos obligatorios llevan *un asterisco.",
        "email_help": "Tu dirección de correo no se publicará.",
        "summary": "Tu comentario no se ha enviado",
        "name_error": "Nombre: Escribe tu nombre.",
        "button": "Enviar comentario",
    },
    "fr": {
        "heading": "Laisser un commentaire",
        "labels": ["Nom *(obligatoire)", "E-mail *(obligatoire)", "Site web"],
        "note": "Les champs obligatoires sont signalés par *un astérisque.",
        "email_help": "Votre adresse e-mail ne sera pas publiée.",
        "summary": "Votre commentaire n’a pas été envoyé",
        "name_error": "Nom : Indiquez votre nom.",
        "button": "Publier le commentaire",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_comment_form_speaks_the_readers_language(article, language):
    expected = FORM_TEXT[language]
    soup = render_form(article, language)
    assert text(soup.select_one("#reply-heading")) == expected["heading"]
    assert texts(soup, "label.field__label")[:3] == expected["labels"]
    assert expected["note"] in texts(soup, ".form-note")[0]
    assert text(soup.select_one("#id_email-help")) == expected["email_help"]
    assert text(soup.select_one("button[type=submit]")) == expected["button"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_comment_form_error_is_explained_in_the_readers_language(article, language):
    expected = FORM_TEXT[language]
    soup = render_form(article, language, data={"name": "", "email": "a@example.org"})
    assert text(soup.select_one("#comment-errors-title")) == expected["summary"]
    assert expected["name_error"] in texts(soup, ".error-summary__list a")
    # The field's own error sits under its label, with its hidden "Error:" prefix translated.
    assert text(soup.select_one("#id_name-error")).endswith(expected["name_error"].split(": ")[1])


def test_english_stays_as_it_was(article):
    soup = render_form(article, "en-gb", data={"name": "", "email": "a@example.org"})
    assert text(soup.select_one("#reply-heading")) == "Leave a Reply"
    assert "Required fields are marked *with an asterisk." in texts(soup, ".form-note")[0]
    assert "Name: Enter your name." in texts(soup, ".error-summary__list a")


# Messages to the commenter


AWAITING = {
    "es": ("Gracias, tu comentario está pendiente de moderación.", "Solo tú puedes verlo."),
    "fr": ("Merci\u00a0: votre commentaire attend d’être modéré.", "Vous seul pouvez le voir."),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_held_comment_is_announced_in_the_readers_language(article, language):
    thanks, note = AWAITING[language]
    held = make_comment(article, status=CommentStatus.AWAITING)
    with translation.override(language):
        verdict_message = str(policy.AWAITING)
        markup = render_to_string(
            "comments/comment.html",
            {"node": Node(held, can_reply=False), "article_url": article.url},
        )
    assert verdict_message.startswith(thanks)
    assert note in text(parse_markup(markup).select_one(".comment__pending-note"))


# Dates, reading time, counts and pagination


ARTICLE_META = {
    "es": ("2 de enero de 2026", "1 min de lectura", "1 comentario"),
    "fr": ("2 janvier 2026", "1 min de lecture", "1 commentaire"),
    "en-gb": ("2 January 2026", "1 min read", "1 comment"),
}


@pytest.mark.parametrize("language", [*LANGUAGES, "en-gb"])
def test_the_date_reading_time_and_comment_count_are_localised(article, language):
    date, reading_time, count = ARTICLE_META[language]
    make_comment(article)
    soup = render_article(article, language)
    assert text(soup.select_one(".article__date")) == date
    assert text(soup.select_one(".article__reading-time")) == reading_time
    assert text(soup.select_one(".article__comment-count")) == count
    assert text(soup.select_one("#comments-heading")) == count


def test_each_language_has_its_own_cached_copy_of_the_article(article, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    render_article(article, "en-gb")
    soup = render_article(article, "es")
    assert text(soup.select_one(".article__reading-time")) == "1 min de lectura"


PAGINATION = {
    "es": ("Página 2", "Página Anterior", "Página Siguiente"),
    "fr": ("Page 2", "Page Précédente", "Page Suivante"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_pagination_speaks_the_readers_language(language):
    current, previous, following = PAGINATION[language]
    page_obj = Paginator(range(30), 10).page(2)
    with translation.override(language):
        markup = render_to_string(
            "includes/pagination.html",
            {"page_obj": page_obj, "page_range": [1, 2, 3]},
            request=get_request("/news/", page="2"),
        )
    soup = parse_markup(markup)
    assert text(soup.select_one(".pagination__current")) == current
    assert text(soup.select_one("a[rel=prev]")) == previous
    assert text(soup.select_one("a[rel=next]")) == following


# Feeds


FEED_TEXT = {
    "es": ("comentarios sobre “Budgets in the open”", "Comentario de Ada"),
    "fr": ("commentaires sur «\u00a0Budgets in the open\u00a0»", "Commentaire de Ada"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_comment_feed_is_titled_in_the_readers_language(article, language):
    title, item_title = FEED_TEXT[language]
    make_comment(article, user_name="Ada")
    with translation.override(language):
        response = ArticleCommentsFeed.view(
            get_request(f"/comments/articles/{article.pk}/feed/"), pk=article.pk
        )
    feed = feedparser.parse(response.content)
    assert feed.feed.title.endswith(title)
    assert feed.feed.language == language
    assert [entry.title for entry in feed.entries] == [item_title]


# Emails to commenters


@pytest.fixture
def spanish_article(index):
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    return ArticlePageFactory(
        parent=index, title="Presupuestos abiertos", slug="presupuestos", locale=spanish
    )


def test_a_commenters_email_is_written_in_the_articles_language(spanish_article):
    subscription = ThreadSubscription.objects.create(
        article=spanish_article, email="lectora@example.org"
    )
    # Whatever language the request that caused it was in.
    with translation.override("fr"):
        send_confirmation(subscription)
    (message,) = mail.outbox
    assert message.subject.endswith(
        "Confirma que quieres seguir los comentarios de “Presupuestos abiertos”"
    )
    assert message.body.startswith("Hola:\n")
    assert "ha pedido recibir un correo cuando haya comentarios nuevos" in message.body


def test_an_english_articles_email_stays_english_under_another_language(article):
    subscription = ThreadSubscription.objects.create(article=article, email="reader@example.org")
    with translation.override("es"):
        send_confirmation(subscription)
    (message,) = mail.outbox
    assert message.subject.endswith("Confirm: follow the comments on “Budgets in the open”")
    assert message.body.startswith("Hello,\n")


def test_an_article_in_an_unknown_language_writes_in_the_sites():
    class Unlisted:
        locale = Locale(language_code="de")

    assert page_language(Unlisted()) == settings.LANGUAGE_CODE


# The catalogues


def catalogue(language):
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def messages_of(entries) -> dict:
    """Each message by (context, msgid, plural msgid): its translation or plural forms."""
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural): (
            entry.msgstr,
            tuple(sorted(entry.msgstr_plural.items())),
        )
        for entry in entries
        if entry.msgid
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    po = polib.pofile(str(catalogue(language)))
    assert not po.metadata_is_fuzzy
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po.obsolete_entries()] == []


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_the_english(language):
    """A missing or misspelt %(name)s fails at run time; catch it here."""
    for entry in polib.pofile(str(catalogue(language))):
        wanted = set(PLACEHOLDER.findall(entry.msgid))
        translations = [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values()
        for translated in translations:
            assert set(PLACEHOLDER.findall(translated)) == wanted, entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shipped_mo_file_matches_its_po_source(language, tmp_path):
    """A fresh machine has no gettext, so the committed .mo must be the .po compiled."""
    po = polib.pofile(str(catalogue(language)))
    compiled = tmp_path / "django.mo"
    po.save_as_mofile(str(compiled))
    shipped = catalogue(language).with_suffix(".mo")
    assert shipped.exists(), f"compile {catalogue(language)} and commit the .mo"
    assert messages_of(polib.mofile(str(shipped))) == messages_of(polib.mofile(str(compiled)))


def test_a_refused_comment_is_explained_in_the_articles_language(spanish_article):
    client = csrf_client()
    data = form_fields(client, spanish_article)
    data.update(name="", email="lectora@example.org", url="", comment="Un comentario.")
    # The reader's browser asks for English; the article is Spanish, so the answer is too.
    with translation.override("en-gb"):
        response = client.post("/comments/post/", data, HTTP_ACCEPT_LANGUAGE="en-gb")
    soup = parse(response, status=400)
    assert text(soup.select_one("#reply-heading")) == "Deja un comentario"
    assert "Nombre: Escribe tu nombre." in texts(soup, ".error-summary__list a")


def test_following_an_article_answers_in_its_language(client, spanish_article):
    with translation.override("en-gb"):
        response = client.post(
            "/comments/follow/", {"article": spanish_article.pk, "email": "no-es-un-correo"}
        )
    soup = parse(response, status=400)
    assert text(soup.select_one("h1")) == "Seguir los comentarios"
    assert texts(soup, "#follow-errors li") == [
        "Escribe una dirección de correo del tipo nombre@ejemplo.org."
    ]
