"""Our comment policy: when comments are open, who is throttled, what is held or diverted.

`judge()` reads a posted comment once and returns a `Verdict`: refused (and why, and what to
tell the visitor) or stored with a status and the rule that chose it. posting.py applies it.
"""

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail.models import Site

from django_comments.signals import comment_will_be_posted
from django_comments_xtd.models import TmpXtdComment

from core.client_ip import client_ip as site_client_ip

from .models import ArticleComment, CommentSettings, CommentStatus

logger = logging.getLogger(__name__)

LINK_RE = re.compile(r"(https?://|www\.)", re.IGNORECASE)
# A visitor's own held comments, which they alone see, in a signed cookie (no session row:
# a database write per post is what makes simultaneous posts queue on SQLite).
OWN_COOKIE = "ogp_own_comments"
OWN_SALT = "comments.own"
OWN_MAX_AGE = 30 * 24 * 3600
OWN_LIMIT = 20

# What the visitor is told (in their language); reasons are for moderators and stay English.
PUBLISHED = gettext_lazy("Thank you: your comment is published.")
AWAITING = gettext_lazy(
    "Thank you: your comment is awaiting moderation. "
    "It will appear here once a moderator has approved it."
)


@dataclass(frozen=True)
class Verdict:
    """What becomes of one posted comment: refused, or stored with `status`, and why."""

    rule: str  # the rule that decided, e.g. "closed", "rate_limit", "hold_word", "open"
    status: str = ""  # the stored comment's status; empty when the post is refused
    reason: str = ""  # for moderators and the log; kept as the comment's moderation_note
    message: str = ""  # what the visitor is told
    http_status: int = 302
    field: str | None = None  # the form field `message` belongs to, None for the whole form
    retry_after: int = 0
    parent: ArticleComment | None = None  # the comment a reply attaches to

    @property
    def refused(self) -> bool:
        return not self.status


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


def judge(request, article, form) -> Verdict:
    """The one decision about a posted comment. Counts it towards the address's rate limit."""
    rules = rules_for(request)
    closed = closed_reason(article, rules)
    if closed:
        return Verdict(
            "closed",
            reason=closed,
            http_status=403,
            message=_("%(closed)s Your comment was not sent; its text is below so you can keep it.")
            % {"closed": closed},
        )
    if form.security_errors():
        return Verdict(
            "form_expired",
            reason="The form had expired or failed its security check.",
            http_status=400,
            message=_(
                "This form had expired or could not be verified, so your comment was not "
                "sent. Everything you typed is below: check it and send it again."
            ),
        )
    if not form.is_valid():
        return Verdict("invalid", reason="The form has errors.", http_status=400)

    data = form.cleaned_data
    parent = None
    if data["reply_to"]:
        parent = (
            ArticleComment.objects.for_article(article)
            .approved()
            .filter(pk=data["reply_to"])
            .first()
        )
        if parent is None:
            return Verdict(
                "parent_gone",
                reason="The comment replied to is not approved.",
                http_status=400,
                message=_(
                    "The comment you are replying to is no longer available. "
                    "Your text is kept: send it as a new comment."
                ),
            )

    ip = client_ip(request)
    too_fast = ""
    if not take_rate_slot(ip):
        rule, too_fast = "rate_limit", _("You have sent several comments in the last few minutes.")
    elif is_flooding(ip, data["email"], rules):
        rule, too_fast = "flood", _("You sent a comment a moment ago.")
    if too_fast:
        return Verdict(
            rule,
            reason=too_fast,
            http_status=429,
            retry_after=max(rules.min_interval_seconds, 60),
            message=_(
                "%(reason)s Please wait a little and send this one again; your text is kept below."
            )
            % {"reason": too_fast},
        )
    if is_duplicate(article, data["email"], data["comment"]):
        return duplicate_verdict()

    status, rule, reason = classify(
        data, ip, rules, blocked=_vetoed(request, form, ip), old_form=form.is_from_an_old_page
    )
    return Verdict(
        rule,
        status=status,
        reason=reason,
        message=str(PUBLISHED if status == CommentStatus.APPROVED else AWAITING),
        parent=reply_parent(parent, rules.reply_depth),
    )


def duplicate_verdict() -> Verdict:
    return Verdict(
        "duplicate",
        reason="The same text from the same email is already on this article.",
        http_status=400,
        field="comment",
        message=_("You have already posted this comment on this article."),
    )


def _vetoed(request, form, ip) -> bool:
    """Whether django-comments-xtd's moderator (moderation.py) refuses it, e.g. a blacklisted domain."""
    draft = form.get_comment_object(site_id=get_current_site(request).pk)
    draft.ip_address = ip
    draft.user = request.user if request.user.is_authenticated else None
    responses = comment_will_be_posted.send(sender=TmpXtdComment, comment=draft, request=request)
    return any(response is False for _, response in responses)


def closed_reason(article, rules: CommentSettings) -> str:
    """Why comments on `article` are closed, or "" when they are open (readers see it)."""
    if not article.allow_comments:
        return _("Comments are closed on this article.")
    published = article.display_date
    deadline = published + timedelta(days=rules.close_after_days) if published else None
    if rules.close_after_days and deadline and timezone.now() > deadline:
        return ngettext(
            "Comments are closed: this article accepts comments for %(days)d day after "
            "publication.",
            "Comments are closed: this article accepts comments for %(days)d days after "
            "publication.",
            rules.close_after_days,
        ) % {"days": rules.close_after_days}
    return ""


def client_ip(request) -> str | None:
    """The visitor's address, by the site-wide rule (core/client_ip.py)."""
    return site_client_ip(request)


def _rate_key(ip):
    return f"ogp_comments:rate:{ip}"


def _increment(key, period) -> int | None:
    """The counter at `key` after adding one, or None when the cache cannot say."""
    # django-redis answers None instead of raising when it ignores a fault (IGNORE_EXCEPTIONS).
    if cache.add(key, 0, timeout=period) is None:
        return None
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        added = cache.add(key, 1, timeout=period)
        if added is None:
            return None
        return 1 if added else cache.incr(key)


def take_rate_slot(ip) -> bool:
    """Count one post from `ip`; False when that takes it over COMMENTS_RATE_LIMIT.

    One atomic increment per post, so simultaneous posts cannot all read the same count. When
    the cache fails, the comments stored from `ip` in the period are counted instead.
    """
    limit, period = settings.COMMENTS_RATE_LIMIT, settings.COMMENTS_RATE_PERIOD
    if not ip or limit <= 0:
        return True
    try:
        count = _increment(_rate_key(ip), period)
    except Exception:  # a cache backend that raises instead of ignoring the fault
        logger.warning("Comment rate limit: the cache failed", exc_info=True)
        count = None
    if count is None:
        logger.warning("Comment rate limit: cache unavailable, counting in the database")
        since = timezone.now() - timedelta(seconds=period)
        count = ArticleComment.objects.filter(ip_address=ip, submit_date__gte=since).count() + 1
    return count <= limit


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


def duplicate_key(article, email, text) -> str:
    """What the database's unique constraint compares: article, email and normalised text."""
    source = "\n".join(
        [article._meta.label_lower, str(article.pk), email.lower(), _normalise(text)]
    )
    return hashlib.sha256(source.encode()).hexdigest()


def is_duplicate(article, email, text) -> bool:
    wanted = _normalise(text)
    previous = (
        ArticleComment.objects.for_article(article)
        .filter(user_email__iexact=email)
        .values_list("comment", flat=True)
    )
    return any(_normalise(old) == wanted for old in previous)


# Letters from other scripts that look like Latin ones, as in Unicode's confusables list
# (UTS #39), limited to the Cyrillic and Greek letters that pass for Latin in running text.
LOOKALIKES = str.maketrans(
    {
        **dict(zip("АВСЕНІЈКМОРЅТХУҮԚԜ", "ABCEHIJKMOPSTXYYQW", strict=True)),
        **dict(zip("асеіјкорѕхуһԛԝӏ", "aceijkopsxyhqwl", strict=True)),
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
        **dict(zip("αικνορυχϲ", "aikvopuxc", strict=True)),
        "ı": "i",
    }
)


def fold(text: str) -> str:
    """Text as hold and block words compare it: compatibility forms, accents, invisible
    characters and case folded away, lookalike letters mapped to the Latin ones."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) not in {"Cf", "Mn"})
    return unicodedata.normalize("NFKC", kept.translate(LOOKALIKES).casefold())


def _matches(words, haystack) -> str:
    folded = fold(haystack)
    return next((word for word in words if (needle := fold(word)) and needle in folded), "")


def classify(
    data, ip, rules: CommentSettings, blocked=False, old_form=False
) -> tuple[str, str, str]:
    """The status a new public comment starts with, the rule that chose it, and why."""
    text = data["comment"] or ""
    haystack = "\n".join(
        [data["name"] or "", data["email"] or "", data["url"] or "", text, ip or ""]
    )
    if blocked:
        return (
            CommentStatus.SPAM,
            "spam_moderator",
            "Refused by the spam moderator (blocked email domain).",
        )
    if word := _matches(CommentSettings.word_list(rules.block_words), haystack):
        return CommentStatus.SPAM, "block_word", f"Matched the block word “{word}”."
    links = len(LINK_RE.findall(text))
    if links > rules.max_links:
        return (
            CommentStatus.AWAITING,
            "links",
            f"Contains {links} links, more than the {rules.max_links} allowed.",
        )
    if word := _matches(CommentSettings.word_list(rules.hold_words), haystack):
        return CommentStatus.AWAITING, "hold_word", f"Matched the hold word “{word}”."
    if old_form:
        # A form kept for longer than COMMENTS_TIMEOUT: a reader who wrote slowly, a page a
        # shared cache kept for hours, or a harvested form replayed. Only a person decides.
        return (
            CommentStatus.AWAITING,
            "old_form",
            f"Sent from a form older than {settings.COMMENTS_TIMEOUT // 60} minutes.",
        )
    if not rules.hold_all:
        return CommentStatus.APPROVED, "open", ""
    if rules.auto_approve_known and is_known_commenter(data["name"], data["email"]):
        return (
            CommentStatus.APPROVED,
            "known_commenter",
            "A known commenter: an earlier comment with this name and email was approved.",
        )
    return CommentStatus.AWAITING, "hold_all", ""


def is_known_commenter(name, email) -> bool:
    """Whether an approved comment carries this name and this email, as WordPress checks."""
    return (
        ArticleComment.objects.approved()
        .filter(user_email__iexact=email, user_name__iexact=" ".join(name.split()))
        .exists()
    )


def reply_parent(parent, depth: int):
    """The comment a reply attaches to: `parent`, or its nearest ancestor within `depth`."""
    if parent is None or depth <= 0:
        return None
    while parent.level >= depth and parent.parent_id != parent.pk:
        parent = ArticleComment.objects.get(pk=parent.parent_id)
    return parent if parent.level < depth else None


def remember_own(request, response, comment):
    """Let the visitor who wrote a held comment see it, marked as awaiting moderation."""
    own = [*own_ids(request), comment.pk][-OWN_LIMIT:]
    response.set_signed_cookie(
        OWN_COOKIE,
        ",".join(str(pk) for pk in own),
        salt=OWN_SALT,
        max_age=OWN_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def own_ids(request) -> list[int]:
    """The visitor's own held comments, from their signed cookie (forged ones are ignored)."""
    value = request.get_signed_cookie(OWN_COOKIE, default="", salt=OWN_SALT, max_age=OWN_MAX_AGE)
    return [int(pk) for pk in value.split(",") if pk.isdigit()]
