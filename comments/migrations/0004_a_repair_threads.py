"""Repair threads that simultaneous replies broke before posting took a lock per thread.

Those posts could leave a reply half-saved (thread_id 0, level 0) or two comments at the same
place in a thread. Each affected thread is numbered again from parent_id: the top comment,
then each reply under its parent, siblings oldest first. Sound threads are not touched.
"""

from collections import Counter, defaultdict

from django.db import migrations


def _root(comment, rows):
    seen = set()
    while comment.parent_id not in (0, comment.pk) and comment.parent_id in rows:
        if comment.pk in seen:
            break  # a loop in parent_id: stop where it closes
        seen.add(comment.pk)
        comment = rows[comment.parent_id]
    return comment


def repair_threads(apps, schema_editor):
    Comment = apps.get_model("ogp_comments", "ArticleComment")
    fields = ("pk", "parent_id", "thread_id", "level", "order", "nested_count", "submit_date")
    rows = {c.pk: c for c in Comment.objects.only(*fields)}
    places = Counter((c.thread_id, c.order) for c in rows.values())
    broken = set()
    for c in rows.values():
        root = _root(c, rows)
        if root.parent_id not in (0, root.pk):
            continue  # its parent was deleted: it stays hidden, as it is now
        if c.thread_id == 0 or places[c.thread_id, c.order] > 1 or c.thread_id != root.pk:
            broken.add(root.pk)
    if not broken:
        return
    children = defaultdict(list)
    for c in rows.values():
        if c.parent_id != c.pk and c.parent_id in rows:
            children[c.parent_id].append(c)
    for siblings in children.values():
        siblings.sort(key=lambda c: (c.submit_date, c.pk))

    for root_pk in broken:
        placed = []

        def place(comment, level, seen, thread=root_pk, placed=placed):
            if comment.pk in seen:
                return 0
            seen.add(comment.pk)
            entry = [comment, level, 0]
            placed.append(entry)
            entry[2] = sum(1 + place(child, level + 1, seen) for child in children[comment.pk])
            return entry[2]

        place(rows[root_pk], 0, set())
        for order, (comment, level, nested) in enumerate(placed, start=1):
            values = {
                "parent_id": root_pk if comment.pk == root_pk else comment.parent_id,
                "thread_id": root_pk,
                "level": level,
                "order": order,
                "nested_count": nested,
            }
            if any(getattr(comment, name) != value for name, value in values.items()):
                Comment.objects.filter(pk=comment.pk).update(**values)


class Migration(migrations.Migration):
    dependencies = [
        ("ogp_comments", "0003_a_posting_constraints"),
    ]

    operations = [
        migrations.RunPython(repair_threads, migrations.RunPython.noop),
    ]
