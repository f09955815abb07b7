"""A saved copy of every row in the test database, to put back after a flush.

Transactional tests end with a flush that empties every table, the rows the migrations made
(locales, the root page and collection, roles, content types) included. Loading the demo takes
seconds. So tests keep such states once and put them back in a fraction of a second, with the
same ids: on SQLite through its backup API, on PostgreSQL from copies of the tables in a
schema of their own, out of the flush's reach.
"""

import sqlite3
from contextlib import closing
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction


class SavedRows:
    def __init__(self, folder: Path, name: str):
        self.folder = folder
        self.file = folder / f"{name}.sqlite3"
        self.schema = f"saved_{name}"

    def keep(self):
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            with closing(sqlite3.connect(self.file)) as copy:
                connection.connection.backup(copy)
            return
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
            cursor.execute(f"CREATE SCHEMA {self.schema}")
            for table in _tables():
                cursor.execute(f"CREATE TABLE {self.schema}.{table} AS TABLE {table}")

    def restore(self):
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            with closing(sqlite3.connect(self.file)) as copy:
                copy.backup(connection.connection)
        else:
            tables = _tables()
            with transaction.atomic(), connection.cursor() as cursor:
                # Foreign keys are checked at commit (Django makes them deferrable).
                cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
                for table in tables:
                    cursor.execute(f"INSERT INTO {table} SELECT * FROM {self.schema}.{table}")
                models = apps.get_models(include_auto_created=True)
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
        # The flush's post_migrate made content types with new ids; the copy has the old ones.
        ContentType.objects.clear_cache()


def _tables() -> list[str]:
    """The site's tables, quoted; the migration record is the schema's, not a state's."""
    return [
        connection.ops.quote_name(table)
        for table in connection.introspection.django_table_names(only_existing=True)
        if table != "django_migrations"
    ]
