from django.db import migrations


class Migration(migrations.Migration):
    """The import bookkeeping model now lives in the wordpress_import app; its rows stay."""

    dependencies = [
        ("ogp_comments", "0003_wordpress_import"),
        ("wordpress_import", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="WordPressImportRecord")],
            database_operations=[],
        ),
    ]
