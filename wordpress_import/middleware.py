from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site


class WordPressShortlinkMiddleware:
    """Answer WordPress shortlinks such as /?p=123 from the redirects table.

    Wagtail's RedirectMiddleware only looks at 404 responses, but /?p=123 is served by the
    home page with a 200, so imported "?p=" redirects would never fire without this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        post_id = request.GET.get("p", "")
        if post_id.isdigit() and request.method in ("GET", "HEAD"):
            old_path = Redirect.normalise_path(f"{request.path}?p={post_id}")
            redirect = (
                Redirect.get_for_site(Site.find_for_request(request))
                .filter(old_path=old_path)
                .select_related("redirect_page")
                .order_by("site_id")  # a site-specific redirect before an all-sites one
                .first()
            )
            if redirect is not None and redirect.link:
                if redirect.is_permanent:
                    return HttpResponsePermanentRedirect(redirect.link)
                return HttpResponseRedirect(redirect.link)
        return self.get_response(request)
