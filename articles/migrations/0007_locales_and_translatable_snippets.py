"""Spanish and French beside English: the locales, and authors and topics that translate.

Existing authors and topics become the default locale's, each with a new translation key,
in three steps (nullable columns, fill them, then require them), as Wagtail's own
BootstrapTranslatableModel operation expects.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models

from wagtail.models.i18n import BootstrapTranslatableModel

# The site's languages (settings.LANGUAGES); English (en-gb) exists since Wagtail's migrations.
LANGUAGE_CODES = ["es", "fr"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)


def translatable_fields(model_name):
    return [
        migrations.AddField(
            model_name=model_name,
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
    ]


def required_translatable_fields(model_name):
    return [
        migrations.AlterField(
            model_name=model_name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name=model_name, unique_together={("translation_key", "locale")}
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_editors_role"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.RunPython(create_locales, migrations.RunPython.noop),
        *translatable_fields("author"),
        *translatable_fields("topic"),
        BootstrapTranslatableModel("articles.Author"),
        BootstrapTranslatableModel("articles.Topic"),
        *required_translatable_fields("author"),
        *required_translatable_fields("topic"),
        migrations.AlterField(
            model_name="author",
            name="slug",
            field=models.SlugField(help_text="Used in /authors/<slug>/.", max_length=120),
        ),
        migrations.AlterField(
            model_name="topic", name="name", field=models.CharField(max_length=80)
        ),
        migrations.AlterField(
            model_name="topic", name="slug", field=models.SlugField(max_length=80)
        ),
        migrations.AddConstraint(
            model_name="author",
            constraint=models.UniqueConstraint(
                fields=("locale", "slug"), name="author_slug_per_locale"
            ),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(
                fields=("locale", "name"), name="topic_name_per_locale"
            ),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(
                fields=("locale", "slug"), name="topic_slug_per_locale"
            ),
        ),
    ]
