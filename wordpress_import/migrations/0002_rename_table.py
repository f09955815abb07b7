from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("wordpress_import", "0001_initial"),
        # The comments app drops the model from its own state first.
        ("ogp_comments", "0004_move_wordpress_import_record"),
    ]

    operations = [
        migrations.AlterModelTable(name="wordpressimportrecord", table=None),
    ]
