"""manage.py send_queued_mail: the worker that delivers queued emails (see comments/mail_queue.py)."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from comments import mail_queue


class Command(BaseCommand):
    help = "Send queued emails, and keep retrying the ones the mail server did not take."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Retry deferred mail, send the queue, then stop."
        )
        parser.add_argument(
            "--interval", type=float, default=5, help="Seconds between looks at the queue."
        )
        parser.add_argument(
            "--retry-after",
            type=float,
            default=300,
            help="Seconds between retries of mail the server did not take.",
        )

    def handle(self, *args, once=False, interval=5, retry_after=300, **options):
        if once:
            mail_queue.retry_deferred()
            self.report(mail_queue.send_queued())
            return
        last_retry = time.monotonic()
        try:
            while True:
                # As a request would: drop a connection that is too old or broken.
                close_old_connections()
                if time.monotonic() - last_retry >= retry_after:
                    mail_queue.retry_deferred()
                    last_retry = time.monotonic()
                self.report(mail_queue.send_queued())
                time.sleep(interval)
        except KeyboardInterrupt:
            pass

    def report(self, counts):
        if counts["sent"] or counts["deferred"]:
            self.stdout.write(f"Sent {counts['sent']}, deferred {counts['deferred']}.")
