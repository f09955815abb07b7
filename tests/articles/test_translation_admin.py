"""An editor translates an article in the admin (wagtail-localize), and sees when it lags."""

from urllib.parse import urlencode

from django.urls import reverse

import pytest
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from articles.models import ArticlePage
from tests.factories import ArticlePageFactory, AuthorFactory
from tests.utils.html import parse, text
from tests.utils.languages import locale, translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index):
    return ArticlePageFactory(
        parent=index, title="Open budgets", slug="open-budgets", authors=[AuthorFactory()]
    )


def warnings(client, page) -> list[str]:
    soup = parse(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    return [text(message) for message in soup.select(".messages li")]


def submit_translation(client, article, code):
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[article.pk]),
        {"locales": [locale(code).pk]},
    )
    assert response.status_code == 302, response.content[:500]
    return ArticlePage.objects.get(translation_key=article.translation_key, locale=locale(code))


def translate_string(client, spanish, field_path, value):
    translation = Translation.objects.get(target_locale=spanish.locale)
    segment = StringSegment.objects.get(source=translation.source, context__path=field_path)
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content[:500]


def test_an_editor_translates_and_publishes_an_article_in_the_admin(
    client, editor, article, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    spanish = submit_translation(client, article, "es")
    translate_string(client, spanish, "title", "Presupuestos abiertos")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[spanish.pk]), {"action": "publish"}
        )
    assert response.status_code == 302
    client.logout()
    soup = parse(client.get(ArticlePage.objects.get(pk=spanish.pk).url))
    assert text(soup.h1) == "Presupuestos abiertos"
    assert soup.html["lang"] == "es"


def test_a_synced_translation_warns_when_its_source_changes_until_it_is_updated(
    client, editor, article
):
    client.force_login(editor)
    spanish = submit_translation(client, article, "es")
    assert not any("out of date" in message for message in warnings(client, spanish))

    article.title = "Open budgets, corrected"
    article.save_revision().publish()
    lagging = [m for m in warnings(client, spanish) if "out of date" in m]
    assert len(lagging) == 1 and "Open budgets, corrected" in lagging[0]

    source = TranslationSource.objects.get(object_id=article.translation_key)
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": ""},
    )
    assert response.status_code == 302
    assert not any("out of date" in message for message in warnings(client, spanish))


def test_a_copied_translation_warns_when_the_original_is_published_again(client, editor, article):
    spanish = translate_page(article, "es", title="Presupuestos abiertos", slug="presupuestos")
    client.force_login(editor)
    assert not any("out of date" in message for message in warnings(client, spanish))
    article.save_revision().publish()
    assert any("out of date" in message for message in warnings(client, spanish))
    spanish.save_revision().publish()  # the translator took the change in
    assert not any("out of date" in message for message in warnings(client, spanish))


def test_people_without_translation_rights_cannot_submit_one(client, moderator, article):
    client.force_login(moderator)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[article.pk]),
        {"locales": [locale("es").pk]},
    )
    assert response.status_code in (302, 403)
    assert not ArticlePage.objects.filter(locale=locale("es")).exists()
