"""Demo comments on one article, with replies and every moderation status. Safe to run again."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from articles.models import ArticlePage
from comments.models import ArticleComment, CommentStatus

from .content import DIALOGUE_SLUG

A, W, S = CommentStatus.APPROVED, CommentStatus.AWAITING, CommentStatus.SPAM

# (ref, parent ref, status, name, email, website, days after publication, text)
DEMO_COMMENTS = [
    (
        "demo-1",
        None,
        A,
        "Wanjiru Kamau",
        "wanjiru@example.org",
        "",
        1,
        "The second step matched what we saw in our county: the first meeting only worked "
        "once officials stopped presenting and started listening.\n\nHas anyone tried "
        "rotating who chairs the forum?",
    ),
    (
        "demo-2",
        "demo-1",
        A,
        "Luis Herrera",
        "luis@example.org",
        "https://example.org/luis",
        2,
        "We rotate the chair every quarter between a council officer and a community "
        "organiser. It slowed things down at first, but trust went up.",
    ),
    (
        "demo-3",
        None,
        A,
        "Mei Tanaka",
        "mei@example.org",
        "",
        3,
        "Useful piece. I would add a fifth step: publish what changed because of the "
        'dialogue, even when the answer is "nothing yet".',
    ),
    (
        "demo-4",
        None,
        A,
        "Jonas Berg",
        "jonas@example.org",
        "",
        4,
        "Our city published the minutes of every civil-society meeting for a year. "
        "Attendance doubled once people could see their points recorded.",
    ),
    (
        "demo-5",
        "demo-3",
        A,
        "Priya Nair",
        "priya@example.org",
        "",
        5,
        "Agreed. Closing the loop is what keeps people coming back to the table.",
    ),
    (
        "demo-6",
        None,
        W,
        "Sam Whitfield",
        "sam@example.org",
        "",
        6,
        "Is there a template for the agreement between the council and the forum?",
    ),
    (
        "demo-7",
        "demo-4",
        W,
        "Grace Mensah",
        "grace@example.org",
        "",
        6,
        "Which platform did you use to publish the minutes?",
    ),
    (
        "demo-8",
        None,
        S,
        "Best Deals",
        "deals@example.net",
        "https://example.net/deals",
        7,
        "Cheap followers and likes, visit our site now for a special offer!!!",
    ),
]


def add_demo_comments():
    article = ArticlePage.objects.filter(slug=DIALOGUE_SLUG).first()
    if article is not None:
        add_comments(article, DEMO_COMMENTS)


def add_comments(article, comments):
    """Add `comments` (shaped like DEMO_COMMENTS) to `article`, skipping refs already there."""
    content_type = ContentType.objects.get_for_model(ArticlePage)
    existing = {
        c.import_ref: c for c in ArticleComment.objects.filter(import_ref__startswith="demo-")
    }
    published = article.display_date or timezone.now()
    for ref, parent_ref, status, name, email, website, days, text in comments:
        if ref in existing:
            continue
        parent = existing.get(parent_ref)
        comment = ArticleComment(
            content_type=content_type,
            object_pk=str(article.pk),
            site_id=settings.SITE_ID,
            user_name=name,
            user_email=email,
            user_url=website,
            comment=text,
            submit_date=min(published + timedelta(days=days), timezone.now()),
            ip_address=f"192.0.2.{len(existing) + 10}",
            parent_id=parent.pk if parent else 0,
            import_ref=ref,
        )
        comment.set_status(status)
        comment.save()
        existing[ref] = comment
