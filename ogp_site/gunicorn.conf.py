"""gunicorn settings for `make serve` and production; each can be overridden by GUNICORN_* env."""

import multiprocessing
import os

bind = os.environ.get(
    "GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
# One threaded worker per core: its threads cover the waits on the database, and keep-alive
# connections (which sync workers do not offer) spare a TCP handshake per request. Measured by
# `make bench` on 2 cores against 2*cores+1 sync workers: cached pages 2-4x the requests per
# second at about half the CPU per request; uncached views somewhat less CPU per request.
# Every worker sees the same cache, Redis or the embedded default's files (settings.CACHES), so
# a purge or a rate-limit count in one holds in all.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then against slow leaks.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "200000"))
max_requests_jitter = 20000
# Load the app once in the master so workers share memory and start fast.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_fork(server, worker):
    # Database connections must never be shared between processes.
    from django.db import connections

    connections.close_all()
