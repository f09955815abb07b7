"""The cache backends the settings choose between: files on this machine, or Redis.

Without `REDIS_URL` the cache is `DiskCache`: SQLite files under `CACHE_DIR`, one cache for
every process on the machine (gunicorn workers, `manage.py` commands), with no server to run.
With Redis, `BackoffConnectionPool` keeps a slow or absent Redis from slowing every page.
"""

import logging
import threading
import time
from pathlib import Path

import redis
from diskcache import DjangoCache

logger = logging.getLogger(__name__)


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


class Breaker:
    """After a failure, Redis is skipped for `seconds`; then one caller alone tries it again."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.failing = False
        self.until = 0.0
        self.prober = None  # the thread trying Redis again, through connect and command
        self.lock = threading.Lock()

    def check(self) -> None:
        with self.lock:
            if not self.failing or self.prober == threading.get_ident():
                return
            now = time.monotonic()
            if now < self.until:
                raise redis.ConnectionError("Redis failed moments ago: not trying it yet")
            # This caller probes; the others keep skipping until it has an answer.
            self.until = now + self.seconds
            self.prober = threading.get_ident()

    def failed(self) -> None:
        with self.lock:
            if not self.failing:
                logger.warning(
                    "Redis failed: the cache is skipped for %s s at a time", self.seconds
                )
            self.failing = True
            self.until = time.monotonic() + self.seconds
            self.prober = None

    def succeeded(self) -> None:
        if self.failing:
            with self.lock:
                if self.failing:
                    logger.warning("Redis answers again")
                self.failing = False
                self.prober = None


class _Watched:
    """Mixed into redis-py's connection class: consults the breaker and tells it of faults."""

    breaker: Breaker
    faults = (redis.ConnectionError, redis.TimeoutError)

    def connect(self):
        self.breaker.check()
        try:
            super().connect()
        except self.faults:
            self.breaker.failed()
            raise

    def send_packed_command(self, command, check_health=True):
        self.breaker.check()
        try:
            super().send_packed_command(command, check_health)
        except self.faults:
            self.breaker.failed()
            raise

    def read_response(self, *args, **kwargs):
        try:
            response = super().read_response(*args, **kwargs)
        except self.faults:
            self.breaker.failed()
            raise
        self.breaker.succeeded()
        return response


class BackoffConnectionPool(redis.ConnectionPool):
    """A connection pool whose connections skip Redis for `backoff_seconds` after a fault.

    A hanging Redis costs each cache call the socket timeout, and a page makes a dozen calls;
    with this, the first call that times out is the last one to wait until the back-off ends.
    Skipped calls fail as an outage does, so django-redis's IGNORE_EXCEPTIONS and the site's
    fallbacks (rate limits counted in the database) answer for them. One per process.
    """

    def __init__(self, connection_class=redis.Connection, backoff_seconds=5.0, **kwargs):
        watched = type(
            f"Backoff{connection_class.__name__}",
            (_Watched, connection_class),
            {"breaker": Breaker(float(backoff_seconds))},
        )
        super().__init__(connection_class=watched, **kwargs)
