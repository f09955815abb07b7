"""The site's URLs plus media files, which the live server must serve with DEBUG off."""

from django.conf import settings
from django.urls import include, re_path
from django.views.static import serve


def media(request, path):
    # MEDIA_ROOT is a fresh temporary folder per test, so read it on every request.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", media),
    re_path(r"", include("ogp_site.urls")),
]
