"""What the comment section of an article shows: the approved tree, its count and the form."""

import hashlib
from dataclasses import dataclass, field

from django.core.paginator import Paginator

from core.cache import get_page, keep_no_copy

from . import policy
from .forms import ArticleCommentForm
from .models import ArticleComment, CommentStatus

PUBLIC_FIELDS = (
    "id",
    "user_name",
    "user_url",
    "comment",
    "submit_date",
    "parent_id",
    "thread_id",
    "level",
    "order",
    "status",
    "is_staff_reply",
)


@dataclass
class Node:
    comment: ArticleComment
    can_reply: bool
    children: list = field(default_factory=list)

    @property
    def pending(self):
        return self.comment.status == CommentStatus.AWAITING


@dataclass
class CommentSection:
    shown: bool
    count: int
    nodes: list
    page_obj: object
    page_range: list
    closed: str
    form: ArticleCommentForm | None
    reply_to: ArticleComment | None
    notice: str
    kept_text: str
    # The drawn list is kept under a digest of everything it shows (see list_digest), so a
    # change to any shown comment gives it a new key and it never needs purging.
    list_key: str = ""


def list_digest(nodes) -> str:
    """A digest of what comments/comment.html draws for these nodes and their replies."""
    digest, stack = hashlib.sha256(), list(reversed(nodes))
    while stack:
        node = stack.pop()
        c = node.comment
        fields = (
            c.pk,
            c.user_name,
            c.user_url,
            c.comment,
            c.submit_date.isoformat(),
            c.is_staff_reply,
            node.pending,
            node.can_reply,
            len(node.children),
        )
        digest.update(repr(fields).encode())
        stack.extend(reversed(node.children))
    return digest.hexdigest()


def build_tree(comments, can_reply) -> tuple[dict, list]:
    """The shown comments by pk, and the top-level nodes, nested by parent_id.

    Siblings keep the order of `comments`. A reply is placed under its parent wherever the two
    come in the list; replies under a comment that is not shown are not shown either.
    """
    nodes = {comment.pk: Node(comment, can_reply=can_reply(comment)) for comment in comments}
    top = []
    for node in nodes.values():
        comment = node.comment
        if comment.parent_id in (0, comment.pk):
            top.append(node)
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].children.append(node)
    shown, stack = {}, list(top)
    while stack:
        node = stack.pop()
        shown[node.comment.pk] = node
        stack.extend(node.children)
    return shown, top


def build_section(request, article) -> CommentSection:
    rules = policy.rules_for(request)
    own = policy.own_ids(request)
    comments = (
        ArticleComment.objects.for_article(article)
        .visible_to(own)
        .only(*PUBLIC_FIELDS)
        .order_by("thread_id", "order", "pk")
    )
    by_pk, top = build_tree(
        comments,
        can_reply=lambda c: c.status == CommentStatus.APPROVED and c.level < rules.reply_depth,
    )
    count = sum(node.comment.status == CommentStatus.APPROVED for node in by_pk.values())

    closed = policy.closed_reason(article, rules)
    notice = getattr(request, "comment_notice", "")
    paginator = Paginator(top, rules.per_page)
    page_obj = get_page(request, paginator, request.GET.get("cpage"))
    page_range = (
        list(paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))
        if paginator.num_pages > 1
        else []
    )

    form, reply_to = None, None
    if not closed:
        form = getattr(request, "comment_form", None)
        wanted = form.data.get("reply_to") if form is not None else request.GET.get("replyto")
        if wanted and str(wanted).isdigit() and int(wanted) in by_pk:
            candidate = by_pk[int(wanted)]
            if candidate.can_reply:
                reply_to = candidate.comment
        if form is None:
            form = ArticleCommentForm(article, initial={"reply_to": reply_to.pk if reply_to else 0})
    if request.GET.get("replyto") and reply_to is None:
        keep_no_copy(request)  # no such comment, or closed to replies: the plain page
    return CommentSection(
        shown=bool(article.allow_comments or count or notice),
        count=count,
        nodes=list(page_obj),
        page_obj=page_obj,
        page_range=page_range,
        closed=closed,
        form=form,
        reply_to=reply_to,
        notice=notice,
        kept_text=getattr(request, "comment_kept_text", ""),
        list_key=list_digest(list(page_obj)),
    )
