"""A frontend-cache backend that only writes down what it was asked to purge (no tests here)."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

purged: list[str] = []


class RecordingBackend(BaseBackend):
    def purge(self, url) -> None:
        purged.append(url)

    def purge_batch(self, urls) -> None:
        purged.extend(urls)
