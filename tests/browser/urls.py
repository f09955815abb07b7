"""The site's URLs plus media files, which the live server must serve with DEBUG off."""

from django.urls import re_path

from articles.views import serve_media
from ogp_site.urls import handler500  # noqa: F401  (the site's own 503 for a busy database)
from ogp_site.urls import urlpatterns as site_urlpatterns

# Listed, not included: the site's language prefixes (i18n_patterns) must stay at the top.
urlpatterns = [re_path(r"^media/(?P<path>.*)$", serve_media), *site_urlpatterns]
