"""What the site keeps for itself: purges that could not be sent yet."""

from django.db import models


class PendingPurge(models.Model):
    """A purge a cache refused (it was down): retried before any cached page is served again."""

    backend = models.CharField(max_length=100)
    url = models.TextField(blank=True, help_text="Empty when everything must be purged.")
    everything = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.backend}: {'everything' if self.everything else self.url}"
