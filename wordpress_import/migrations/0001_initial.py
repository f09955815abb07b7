import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Take over the import bookkeeping table that used to belong to the comments app.

    The rows stay where they are: the model is created in this app's state only, on top of
    the existing table, and the next migration gives the table this app's name.
    """

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("ogp_comments", "0003_wordpress_import"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="WordPressImportRecord",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("source", models.CharField(help_text="The WordPress site the item came from.", max_length=200)),
                        ("kind", models.CharField(max_length=20)),
                        ("wp_id", models.CharField(max_length=200, verbose_name="WordPress id")),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("fingerprint", models.CharField(blank=True, max_length=64)),
                        ("imported_at", models.DateTimeField(auto_now=True)),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype")),
                    ],
                    options={
                        "db_table": "ogp_comments_wordpressimportrecord",
                        "constraints": [models.UniqueConstraint(fields=("source", "kind", "wp_id"), name="unique_wordpress_item")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
