from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from articles import views as article_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("authors/", article_views.AuthorListView.as_view(), name="author_list"),
    path("authors/<slug:slug>/", article_views.AuthorDetailView.as_view(), name="author_detail"),
    path("topics/", article_views.TopicListView.as_view(), name="topic_list"),
    path("topics/<slug:slug>/", article_views.TopicDetailView.as_view(), name="topic_detail"),
    path("search/", article_views.search, name="search"),
    path("comments/", include("comments.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
