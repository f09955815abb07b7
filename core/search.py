"""Full-text search that stems each language by its own rules, on PostgreSQL.

PostgreSQL ships "english", "spanish" and "french" text search configurations. Wagtail's
database backend applies one configuration to every document; this one indexes a page (or
snippet) with the configuration of its locale, and settings define one search backend per
language for queries, so "elecciones" finds "elección" for a Spanish reader. SQLite has no
stemming; there search stays Wagtail's plain FTS5 backend, filtered to the reader's language.
"""

from collections import defaultdict

from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend

SEARCH_CONFIGS = {"en": "english", "es": "spanish", "fr": "french"}


def search_config(language_code: str, default: str | None = None) -> str | None:
    """The PostgreSQL text search configuration for a language code ("es", "en-gb")."""
    return SEARCH_CONFIGS.get(language_code.split("-")[0].lower(), default)


class LanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        # The indexer reads the backend's configuration when it is made: index each
        # language's objects with the backend set to that language's configuration.
        default = self.backend.config
        by_config = defaultdict(list)
        for obj in objs:
            locale = getattr(obj, "locale", None)
            by_config[search_config(locale.language_code, default) if locale else default].append(
                obj
            )
        try:
            for config, group in by_config.items():
                self.backend.config = config
                super().add_items(model, group)
        finally:
            self.backend.config = default


class LanguageSearchBackend(PostgresSearchBackend):
    index_class = LanguageIndex


SearchBackend = LanguageSearchBackend
