"""/healthz: is this app server able to serve? JSON for load balancers and people."""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    checks = {}
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as error:
        logger.error("Health check: database unavailable: %s", error)
        checks["database"] = {"ok": False, "error": error.__class__.__name__}
    try:
        key = f"healthz:{uuid.uuid4().hex}"
        cache.set(key, "1", 5)
        ok = cache.get(key) == "1"
        cache.delete(key)
        checks["cache"] = {"ok": ok, "backend": cache.__class__.__name__}
    except Exception as error:
        logger.error("Health check: cache unavailable: %s", error)
        checks["cache"] = {"ok": False, "error": error.__class__.__name__}
    # The site serves without its cache (uncached), so only the database decides health.
    healthy = checks["database"]["ok"]
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": checks,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
    }
    return JsonResponse(body, status=200 if healthy else 503)
