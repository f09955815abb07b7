"""manage.py import_wordpress EXPORT.xml [--media-dir DIR] [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import ArticleIndexPage
from wordpress_import.importer import WordPressImporter
from wordpress_import.parse import WXRError, parse_wxr


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.1 or 1.2): authors, categories and tags, media, "
        "posts, comments and redirects from the old URLs. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .xml file from WordPress's Tools → Export.")
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="A copy of wp-content/uploads, where attachments are read from.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; save nothing."
        )

    def handle(self, *args, export, media_dir=None, dry_run=False, **options):
        try:
            parsed = parse_wxr(export)
        except WXRError as error:
            raise CommandError(str(error)) from error
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a directory.")
        index = ArticleIndexPage.objects.first()
        if index is None:
            raise CommandError("There is no article index page to import articles under.")

        def write_progress(text):
            self.stderr.write(text, ending="")
            self.stderr.flush()

        importer = WordPressImporter(
            parsed, index, media_dir, write_progress if self.stderr.isatty() else None
        )
        try:
            with transaction.atomic():
                stats = importer.run()
                if dry_run:
                    transaction.set_rollback(True)
        except BaseException:
            importer.discard_files()
            raise
        if dry_run:
            importer.discard_files()

        heading = f"WordPress import from {importer.source} (WXR {parsed.version})"
        if dry_run:
            heading += " — dry run: nothing was saved"
        self.stdout.write(heading)
        self.stdout.write(stats.table())
