"""manage.py import_wordpress EXPORT.xml [--media-dir DIR] [--locale CODE] [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Locale

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
            "--locale",
            help="The language to import into, such as es or fr (default: the site's "
            "default language). Its news index page must exist.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; save nothing."
        )

    def handle(self, *args, export, media_dir=None, locale=None, dry_run=False, **options):
        try:
            parsed = parse_wxr(export)
        except WXRError as error:
            raise CommandError(str(error)) from error
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a directory.")
        target = self.locale(locale)
        index = ArticleIndexPage.objects.filter(locale=target).first()
        if index is None:
            raise CommandError(
                f"There is no article index page in {target.get_display_name()} "
                f"({target.language_code}) to import articles under."
            )

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

        heading = (
            f"WordPress import from {importer.source} (WXR {parsed.version}) "
            f"into {target.get_display_name()}"
        )
        if dry_run:
            heading += " — dry run: nothing was saved"
        self.stdout.write(heading)
        self.stdout.write(stats.table())

    @staticmethod
    def locale(code):
        if not code:
            return Locale.get_default()
        try:
            return Locale.objects.get_for_language(code)
        except (Locale.DoesNotExist, LookupError):
            known = ", ".join(Locale.objects.values_list("language_code", flat=True))
            raise CommandError(f"Unknown --locale {code!r}; the site has: {known}.") from None
