"""Clear the IP addresses of comments older than COMMENTS_IP_RETENTION_DAYS (run it daily)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from comments.models import ArticleComment

logger = logging.getLogger("comments.retention")


class Command(BaseCommand):
    help = "Clear the IP address of every comment older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Override COMMENTS_IP_RETENTION_DAYS for this run.",
        )

    def handle(self, *args, days=None, **options):
        days = settings.COMMENTS_IP_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        # A plain update: the addresses change no public page, so no cache needs purging.
        cleared = ArticleComment.objects.filter(
            submit_date__lt=cutoff, ip_address__isnull=False
        ).update(ip_address=None)
        message = f"Cleared the IP address of {cleared} comment(s) older than {days} days."
        logger.info(message)
        self.stdout.write(message)
