"""Request checks that must run before anything reads the request body."""

import codecs

from django.http import HttpResponseBadRequest

FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class RequireUTF8FormsMiddleware:
    """Answer 400 to a form sent in any charset but UTF-8, on every URL.

    Django refuses such a body when request.POST is first read, but raises again each time
    it is read, so the error page (or any middleware that looks at POST) turns it into a 500.
    Browsers always send our forms as UTF-8, so refusing the rest here costs nobody anything.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.content_type in FORM_CONTENT_TYPES:
            charset = request.content_params.get("charset")
            if charset and not _is_utf8(charset):
                return HttpResponseBadRequest(
                    "Forms must be sent as UTF-8.", content_type="text/plain; charset=utf-8"
                )
        return self.get_response(request)


def _is_utf8(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False
