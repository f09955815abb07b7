#!/usr/bin/env python
"""Where an uncached page view spends its CPU: run it directly.

Renders a page many times in this process through Django's test client, anonymous, with the
page cache switched off, against the configured database (the embedded SQLite file, or
PostgreSQL when DATABASE_URL is set) and its demo content (`make run` or `load_demo` first;
the 30-comment benchmark article is added as `make bench` adds it). It prints, per view:

* the SQL queries of one request;
* CPU ms of this process and, on PostgreSQL, of the database backend serving it (read from
  /proc, so only on the same machine), over --requests requests after a warm-up;
* with --profile, cProfile's top functions by cumulative time (--sort to change);
* with --floor, the same measure for Wagtail's own way to the page before our code draws it
  (finding the Site and locale, routing through the tree, the privacy check, the
  before_serve_page hooks and the middleware): the page's `serve` answers one byte instead.

    .venv/bin/python bench/profile_view.py                        # the 30-comment article
    .venv/bin/python bench/profile_view.py --path / --profile     # the front page, with a profile
    .venv/bin/python bench/profile_view.py --floor                # Wagtail's part of the article

The figures are for reading, not for tests: nothing asserts on time.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

import run as bench  # noqa: E402 (bench/run.py: the same environment and seeded articles)

CLK_TCK = os.sysconf("SC_CLK_TCK")


def backend_ticks(pid):
    if pid is None:
        return 0
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", default=dict(bench.PAGES)[bench.TARGET_PAGE])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument(
        "--cold", action="store_true", help="empty the cache before every view (fragments, lookups)"
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="measure only Wagtail's routing, privacy check and hooks: serve() answers one byte",
    )
    args = parser.parse_args()

    env = bench.server_environment()
    env["PAGE_CACHE_ENABLED"] = "false"
    os.environ.update(env)
    bench.manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    bench.seed()
    if args.floor:
        from django.http import HttpResponse

        from wagtail.models import get_page_models

        def one_byte(page, request, *args, **kwargs):
            return HttpResponse(b".")

        for model in get_page_models():  # every page type, those with a serve() of their own too
            model.serve = one_byte
    client = Client(HTTP_HOST=bench.HOST)
    for _ in range(5):
        assert client.get(args.path).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        client.get(args.path)
    # Read now: the next request clears the connection's query log.
    queries = [query["sql"] for query in captured.captured_queries]
    backend = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]

    profiler = cProfile.Profile() if args.profile else None
    db_before, app_before, wall_before = backend_ticks(backend), time.process_time(), time.time()
    if profiler:
        profiler.enable()
    for _ in range(args.requests):
        if args.cold:
            cache.clear()
        client.get(args.path)
    if profiler:
        profiler.disable()
    app_ms = (time.process_time() - app_before) * 1000 / args.requests
    db_ms = (backend_ticks(backend) - db_before) * 1000 / CLK_TCK / args.requests
    wall_ms = (time.time() - wall_before) * 1000 / args.requests

    what = " (--floor: Wagtail's part only)" if args.floor else ""
    print(f"{args.path} on {connection.vendor}{what}: {len(queries)} queries per view")
    print(
        f"CPU per view: app {app_ms:.1f} ms + database {db_ms:.1f} ms = {app_ms + db_ms:.1f} ms "
        f"(wall {wall_ms:.1f} ms; {args.requests} views{', profiled' if profiler else ''}); "
        f"load {os.getloadavg()[0]:.2f}"
    )
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
        print(out.getvalue())
    for sql in queries if os.environ.get("SHOW_SQL") else ():
        print(sql[:300])


if __name__ == "__main__":
    main()
