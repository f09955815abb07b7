"""Forms that anonymous readers send from public pages, which carry no per-reader CSRF token.

A public page is the same bytes for every anonymous reader, so that a shared cache can keep
it; a token in it would belong to one reader only. Instead, an anonymous post is refused when
the browser says it came from another site (the Origin header or Sec-Fetch-Site), and the
view adds its own checks (the comment form's signed fields, for instance). A request signed
in through the session still passes Django's CSRF check: its pages are drawn live, for that
user alone, and carry the token. docs/caching.md says why this is safe.
"""

import logging
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.http import is_same_domain
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

logger = logging.getLogger(__name__)

CROSS_SITE_MESSAGE = _(
    "This form was sent from a page on another website, so it was not accepted. "
    "If you meant to send it, check what you typed below and send it from this page."
)


def is_trusted_origin(request, origin: str) -> bool:
    """Whether `origin` is this site, as the request names it, or one of
    CSRF_TRUSTED_ORIGINS (where, as in Django, "https://*.example.org" covers subdomains)."""
    if origin == f"{request.scheme}://{request.get_host()}":
        return True
    parsed = urlsplit(origin)
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        if trusted == origin:
            return True
        if "*" in trusted:
            wanted = urlsplit(trusted)
            if wanted.scheme == parsed.scheme and is_same_domain(
                parsed.netloc, wanted.netloc.lstrip("*")
            ):
                return True
    return False


def is_cross_site(request) -> bool:
    """Whether the browser says this request was sent from another site.

    Browsers send Origin with every cross-origin POST, and "null" when they will not name
    the page (a sandboxed frame, a redirect); Sec-Fetch-Site says "cross-site" in the
    browsers that know it. A request with neither comes from an old browser or from a
    program, which could forge either header anyway, and is let through as Django lets it
    through over plain HTTP.
    """
    if request.headers.get("Sec-Fetch-Site", "").strip().lower() == "cross-site":
        return True
    origin = request.headers.get("Origin")
    return origin is not None and not is_trusted_origin(request, origin)


def public_post(refuse):
    """Protect a POST view that anonymous readers reach from a shared public page.

    Signed in: Django's CSRF check, exactly as everywhere else. Anonymous: `refuse(request,
    *args, **kwargs)` answers a post sent from another site; any other post reaches the view.
    """

    def decorate(view):
        checked = csrf_protect(view)

        @wraps(view)
        def protected(request, *args, **kwargs):
            if request.user.is_authenticated:
                return checked(request, *args, **kwargs)
            if is_cross_site(request):
                logger.info(
                    "Refused a post to %s from another site (Origin %r, Sec-Fetch-Site %r)",
                    request.path,
                    request.headers.get("Origin"),
                    request.headers.get("Sec-Fetch-Site"),
                )
                return refuse(request, *args, **kwargs)
            return view(request, *args, **kwargs)

        # The site-wide CsrfViewMiddleware would refuse every anonymous post: `protected`
        # applies the check itself, to signed-in requests.
        return csrf_exempt(protected)

    return decorate
