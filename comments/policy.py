"""Our comment policy: when comments are open, who is throttled, what is held or diverted."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Site

from core.client_ip import client_ip as site_client_ip

from .models import ArticleComment, CommentSettings, CommentStatus

LINK_RE = re.compile(r"(https?://|www\.)", re.IGNORECASE)
SESSION_KEY = "ogp_comments_own"


def rules_for(request) -> CommentSettings:
    """The site's moderation rules, read once per request and never written while rendering."""
    cached = getattr(request, "_ogp_comment_rules", None)
    if cached is None:
        site = Site.find_for_request(request)
        cached = (
            CommentSettings.objects.filter(site=site).first() if site else None
        ) or CommentSettings(site=site)
        request._ogp_comment_rules = cached
    return cached


def closed_reason(article, rules: CommentSettings) -> str:
    """Why comments on `article` are closed, or "" when they are open."""
    if not article.allow_comments:
        return "Comments are closed on this article."
    published = article.display_date
    deadline = published + timedelta(days=rules.close_after_days) if published else None
    if rules.close_after_days and deadline and timezone.now() > deadline:
        return (
            f"Comments are closed: this article accepts comments for "
            f"{rules.close_after_days} days after publication."
        )
    return ""


def client_ip(request) -> str | None:
    """The visitor's address, by the site-wide rule (core/client_ip.py)."""
    return site_client_ip(request)


def _rate_key(ip):
    return f"ogp_comments:rate:{ip}"


def over_rate_limit(ip) -> bool:
    if not ip or settings.COMMENTS_RATE_LIMIT <= 0:
        return False
    return (cache.get(_rate_key(ip)) or 0) >= settings.COMMENTS_RATE_LIMIT


def count_towards_rate_limit(ip):
    if not ip:
        return
    key = _rate_key(ip)
    cache.add(key, 0, timeout=settings.COMMENTS_RATE_PERIOD)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.COMMENTS_RATE_PERIOD)


def is_flooding(ip, email, rules: CommentSettings) -> bool:
    if not rules.min_interval_seconds:
        return False
    since = timezone.now() - timedelta(seconds=rules.min_interval_seconds)
    who = Q(user_email__iexact=email)
    if ip:
        who |= Q(ip_address=ip)
    return ArticleComment.objects.filter(who, submit_date__gte=since).exists()


def _normalise(text):
    return " ".join(text.split()).lower()


def is_duplicate(article, email, text) -> bool:
    wanted = _normalise(text)
    previous = (
        ArticleComment.objects.for_article(article)
        .filter(user_email__iexact=email)
        .values_list("comment", flat=True)
    )
    return any(_normalise(old) == wanted for old in previous)


def _matches(words, comment) -> str:
    haystack = "\n".join(
        [
            comment.user_name or "",
            comment.user_email or "",
            comment.user_url or "",
            comment.comment or "",
            comment.ip_address or "",
        ]
    ).lower()
    return next((word for word in words if word in haystack), "")


def classify(comment, rules: CommentSettings, blocked=False) -> tuple[str, str]:
    """The status a new public comment starts with, and why."""
    if blocked:
        return CommentStatus.SPAM, "Refused by the spam moderator (blocked email domain)."
    if _matches(CommentSettings.word_list(rules.block_words), comment):
        return CommentStatus.SPAM, "Matched a block word."
    links = len(LINK_RE.findall(comment.comment or ""))
    if links > rules.max_links:
        return CommentStatus.AWAITING, f"Held: {links} links (more than {rules.max_links})."
    if _matches(CommentSettings.word_list(rules.hold_words), comment):
        return CommentStatus.AWAITING, "Held: matched a hold word."
    if not rules.hold_all:
        return CommentStatus.APPROVED, ""
    if (
        rules.auto_approve_known
        and ArticleComment.objects.approved().filter(user_email__iexact=comment.user_email).exists()
    ):
        return CommentStatus.APPROVED, "Auto-approved: known commenter."
    return CommentStatus.AWAITING, ""


def reply_parent(parent, depth: int):
    """The comment a reply attaches to: `parent`, or its nearest ancestor within `depth`."""
    if parent is None or depth <= 0:
        return None
    while parent.level >= depth and parent.parent_id != parent.pk:
        parent = ArticleComment.objects.get(pk=parent.parent_id)
    return parent if parent.level < depth else None


def remember_own(request, comment):
    own = list(request.session.get(SESSION_KEY, []))[-19:]
    own.append(comment.pk)
    request.session[SESSION_KEY] = own


def own_ids(request) -> list[int]:
    # Only a visitor who already has a session cookie can have comments of their own.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return []
    return [pk for pk in request.session.get(SESSION_KEY, []) if isinstance(pk, int)]
