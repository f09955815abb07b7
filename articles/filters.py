"""The /news/ filters: ?topic=<slug> and ?author=<slug>, checked against known slugs first."""

from dataclasses import dataclass, field

from .models import Author, Topic

FILTER_PARAMS = ("topic", "author")


@dataclass
class ArticleFilters:
    """What the reader asked for, what it matched, and the choices the filter form offers."""

    topics: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    topic: Topic | None = None
    author: Author | None = None
    # Parameter name to the slug nobody knows, e.g. {"topic": "no-such-topic"}.
    unknown: dict = field(default_factory=dict)

    @classmethod
    def from_request(cls, request):
        filters = cls(
            topics=list(Topic.objects.live().only("name", "slug")),
            authors=list(Author.objects.live().only("name", "slug")),
        )
        for param, choices in (("topic", filters.topics), ("author", filters.authors)):
            slug = request.GET.get(param, "").strip()
            if not slug:
                continue
            match = next((choice for choice in choices if choice.slug == slug), None)
            if match is None:
                filters.unknown[param] = slug
            else:
                setattr(filters, param, match)
        return filters

    @property
    def active(self) -> bool:
        return bool(self.topic or self.author or self.unknown)

    @property
    def query(self) -> dict:
        """The known filters as query parameters, for canonical URLs."""
        return {param: getattr(self, param).slug for param in FILTER_PARAMS if getattr(self, param)}

    def apply(self, articles):
        if self.unknown:
            return articles.none()
        if self.topic:
            articles = articles.by_topic(self.topic)
        if self.author:
            articles = articles.by_author(self.author)
        return articles
