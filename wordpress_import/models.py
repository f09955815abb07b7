"""Bookkeeping for the WordPress importer."""

from django.db import models


class WordPressImportRecord(models.Model):
    """What a WordPress item became, so importing the same export again updates instead of duplicating."""

    source = models.CharField(max_length=200, help_text="The WordPress site the item came from.")
    kind = models.CharField(max_length=20)
    wp_id = models.CharField("WordPress id", max_length=200)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    fingerprint = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "wp_id"], name="unique_wordpress_item"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.wp_id} from {self.source}"
