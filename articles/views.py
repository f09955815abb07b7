"""Author, topic and search pages: plain Django views over the same card queryset."""

from django.shortcuts import get_object_or_404, render
from django.views.generic import ListView, TemplateView

from .models import ArticlePage, Author, Topic, paginate


class AuthorListView(ListView):
    model = Author
    template_name = "articles/author_list.html"
    context_object_name = "authors"

    def get_queryset(self):
        return Author.objects.select_related("photo")


class TopicListView(ListView):
    model = Topic
    template_name = "articles/topic_list.html"
    context_object_name = "topics"


class ArchiveView(TemplateView):
    """A person's or a topic's articles, paginated, with the same cards as /news/."""

    model = None

    def get_object(self):
        return get_object_or_404(self.model, slug=self.kwargs["slug"])

    def get_articles(self, obj):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        page_obj, page_range = paginate(self.request, self.get_articles(obj))
        context.update(
            object=obj,
            page_obj=page_obj,
            page_range=page_range,
            cards=[article.as_card(self.request) for article in page_obj],
        )
        return context


class AuthorDetailView(ArchiveView):
    model = Author
    template_name = "articles/author_detail.html"

    def get_object(self):
        return get_object_or_404(Author.objects.select_related("photo"), slug=self.kwargs["slug"])

    def get_articles(self, author):
        return ArticlePage.objects.for_cards().by_author(author)


class TopicDetailView(ArchiveView):
    model = Topic
    template_name = "articles/topic_detail.html"

    def get_articles(self, topic):
        return ArticlePage.objects.for_cards().by_topic(topic)


def search(request):
    query = request.GET.get("q", "").strip()[:1000]
    page_obj, page_range, cards = None, [], []
    if query:
        results = ArticlePage.objects.for_cards().order_by().search(query)
        page_obj, page_range = paginate(request, results)
        cards = [article.as_card(request) for article in page_obj]
    return render(
        request,
        "articles/search.html",
        {"query": query, "page_obj": page_obj, "page_range": page_range, "cards": cards},
    )
