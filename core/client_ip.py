"""The visitor's address, one rule for the whole site: sign-in lockouts, rate limits, comments.

With TRUSTED_PROXY_COUNT = 0 (the default) the address is REMOTE_ADDR and X-Forwarded-For is
ignored, since anyone can send it. With N trusted proxies in front of the site, each appends
the address it saw to X-Forwarded-For, so the visitor's is the N-th from the right: entries
further left were written by the visitor and are never believed.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The visitor's IP address as text, or None when it is missing or malformed."""
    address = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [part for part in chain if part]
        if chain:
            # Fewer entries than proxies: the request skipped the outer ones, and the
            # leftmost entry is what the first proxy it reached saw.
            address = chain[-proxies] if len(chain) >= proxies else chain[0]
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None
