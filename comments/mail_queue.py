"""Sending the emails django-mailer queued: outside any transaction, and retried until sent.

Requests never talk to the mail server: EMAIL_BACKEND is django-mailer's database queue, and
the worker (`manage.py send_queued_mail`) delivers through MAILER_EMAIL_BACKEND. django-mailer's
own `send_all` keeps a database transaction open for the whole SMTP conversation, which on
SQLite holds up every other writer while a mail server hangs; here a message is claimed by
marking it deferred, sent with no transaction open, and deleted once sent. A message whose
sending fails, or whose worker dies, stays deferred and `retry_deferred` queues it again.
"""

import logging

from django.conf import settings
from django.core.mail import get_connection

from mailer.engine import ensure_message_id
from mailer.models import (
    PRIORITY_DEFERRED,
    RESULT_FAILURE,
    RESULT_SUCCESS,
    Message,
    MessageLog,
)

logger = logging.getLogger(__name__)


def _claim(message_id) -> Message | None:
    """Take one queued message for this worker, or None if another worker took it first."""
    claimed = (
        Message.objects.filter(pk=message_id)
        .exclude(priority=PRIORITY_DEFERRED)
        .update(priority=PRIORITY_DEFERRED)
    )
    return Message.objects.filter(pk=message_id).first() if claimed else None


def send_queued() -> dict[str, int]:
    """Send every message waiting in the queue; return how many were sent and deferred."""
    counts = {"sent": 0, "deferred": 0}
    connection = get_connection(settings.MAILER_EMAIL_BACKEND)
    waiting = Message.objects.non_deferred().order_by("priority", "when_added")
    for message_id in list(waiting.values_list("pk", flat=True)):
        message = _claim(message_id)
        if message is None:
            continue
        email = message.email
        if email is None:
            logger.error("Dropped queued message %s: it could not be read back.", message_id)
            message.delete()
            continue
        ensure_message_id(email)
        try:
            connection.send_messages([email])
        except Exception as error:  # any failure leaves the message deferred, for a retry
            logger.warning("Deferred queued message %s: %s", message_id, error)
            MessageLog.objects.log(message, RESULT_FAILURE, log_message=str(error))
            counts["deferred"] += 1
            continue
        message.email = email  # with its Message-ID, for the log
        MessageLog.objects.log(message, RESULT_SUCCESS)
        message.delete()
        counts["sent"] += 1
    return counts


def retry_deferred() -> int:
    """Queue deferred messages again (up to MAILER_EMAIL_MAX_RETRIES times each)."""
    return Message.objects.retry_deferred()
