"""Editors may translate: the role gains wagtail-localize's submit_translation permission."""

from django.db import migrations

from articles.roles import editors_role
from core.permissions import create_all_permissions


def update_editors_role(apps, schema_editor):
    create_all_permissions(apps)
    editors_role(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_locales_and_translatable_snippets"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(update_editors_role, migrations.RunPython.noop)]
