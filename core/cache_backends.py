"""The embedded default's cache backend.

Without `REDIS_URL` the cache is `DiskCache`: SQLite files under `CACHE_DIR`, one cache for
every process on the machine (gunicorn workers, `manage.py` commands), with no server to run.
"""

from pathlib import Path

from diskcache import DjangoCache


class DiskCache(DjangoCache):
    """diskcache's Django backend: atomic add and incr, expiry, and a size limit it culls to."""

    def __init__(self, directory, params):
        # Entries are pickles, so nobody but the site's own user may write there.
        Path(directory).mkdir(mode=0o700, parents=True, exist_ok=True)
        super().__init__(directory, params)

    def get(self, key, default=None, version=None, read=False, expire_time=False, tag=False):
        # diskcache answers "missing" when SQLite is busy past its short timeout; waiting for
        # the writer instead keeps a read from ever mistaking a stored value for an absent one.
        return super().get(key, default, version, read, expire_time, tag, retry=True)

    def close(self, **kwargs):
        # Django closes every cache after each request. Each thread's SQLite connections are
        # its own (and diskcache reopens them after a fork), so they are kept for the next one.
        pass
