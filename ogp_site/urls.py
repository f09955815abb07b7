from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from articles import views as article_views
from articles.sitemaps import AuthorSitemap, PageSitemap, TopicSitemap
from articles.views import serve_media
from comments.dashboard import DashboardView
from core.health import healthz

SITEMAPS = {"pages": PageSitemap, "authors": AuthorSitemap, "topics": TopicSitemap}

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Wagtail's dashboard, without page search for people who edit no pages (moderators).
    path("admin/", require_admin_access(DashboardView.as_view()), name="wagtailadmin_home"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", article_views.robots_txt, name="robots_txt"),
]

if settings.SERVE_MEDIA:
    # Media from local disk, for development and single-machine installs; production puts
    # media on object storage or behind the web server instead.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_media)]

# What readers read, once per language: /es/..., /fr/..., and English with no prefix, so every
# address from before the translations still works.
urlpatterns += i18n_patterns(
    path("authors/", article_views.AuthorListView.as_view(), name="author_list"),
    path("authors/<slug:slug>/", article_views.AuthorDetailView.as_view(), name="author_detail"),
    path("authors/<slug:slug>/feed/", article_views.author_feed, name="author_feed"),
    path("authors/<slug:slug>/feed/atom/", article_views.author_atom_feed, name="author_atom_feed"),
    path("topics/", article_views.TopicListView.as_view(), name="topic_list"),
    path("topics/<slug:slug>/", article_views.TopicDetailView.as_view(), name="topic_detail"),
    path("topics/<slug:slug>/feed/", article_views.topic_feed, name="topic_feed"),
    path("topics/<slug:slug>/feed/atom/", article_views.topic_atom_feed, name="topic_atom_feed"),
    path("search/", article_views.search, name="search"),
    # A comment form posts to its own language's address, so errors, notices and the
    # emails it causes come back in the language the reader was reading.
    path("comments/", include("comments.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database too busy to take a write answers 503 with Retry-After (core/errors.py).
handler500 = "core.errors.server_error"
