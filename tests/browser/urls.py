"""The site's URLs plus media files, which the live server must serve with DEBUG off."""

from django.urls import include, re_path

from articles.views import serve_media

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve_media),
    re_path(r"", include("ogp_site.urls")),
]
