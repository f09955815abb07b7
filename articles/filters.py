"""The /news/ filters: ?topic=<slug> and ?author=<slug>, checked against known slugs first.

A django-filter FilterSet; the index page hands it the topics and authors to choose from,
so this module needs no models (and the page model can import it).
"""

import django_filters

FILTER_PARAMS = ("topic", "author")


class ArticleFilters(django_filters.FilterSet):
    """What the reader asked for, what it matched, and the choices the filter form offers."""

    topic = django_filters.ModelChoiceFilter(field_name="topics", to_field_name="slug")
    author = django_filters.ModelChoiceFilter(field_name="authors__author", to_field_name="slug")

    def __init__(self, data, queryset, *, topics, authors):
        given = {param: (data.get(param) or "").strip() for param in FILTER_PARAMS}
        super().__init__({param: slug for param, slug in given.items() if slug}, queryset=queryset)
        self.filters["topic"].queryset = topics
        self.filters["author"].queryset = authors
        self.topics, self.authors = list(topics), list(authors)
        self.is_valid()
        # Parameter name to the slug nobody knows, e.g. {"topic": "no-such-topic"}.
        self.unknown = {param: self.data[param] for param in self.form.errors}
        self.topic = self.form.cleaned_data.get("topic")
        self.author = self.form.cleaned_data.get("author")

    @property
    def active(self) -> bool:
        return bool(self.unknown or self.topic or self.author)

    @property
    def query(self) -> dict:
        """The known filters as query parameters, for canonical URLs."""
        return {param: getattr(self, param).slug for param in FILTER_PARAMS if getattr(self, param)}

    def filter_queryset(self, queryset):
        # An unknown slug matches nothing, instead of being ignored.
        return queryset.none() if self.unknown else super().filter_queryset(queryset)
