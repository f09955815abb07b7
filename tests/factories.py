"""Factories for pages, snippets and images. Build only what a test needs."""

import datetime
import io

from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images import get_image_model

import factory
import wagtail_factories
from PIL import Image as PILImage

from articles.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    ArticleRelatedItem,
    Author,
    HomePage,
    Topic,
)


def image_file(name="picture.jpg", size=(800, 450), colour="#336699"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=name)


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Picture {n}")
    description = factory.LazyAttribute(lambda o: f"Description of {o.title}")
    file = factory.LazyFunction(image_file)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    role = "Writer"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "News"
    slug = "news"


class ArticlePageFactory(wagtail_factories.PageFactory):
    """A published article. Pass authors=[...] and topics=[...] to link snippets in order."""

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    summary = factory.LazyAttribute(lambda o: f"Summary of {o.title}.")
    date = factory.Sequence(lambda n: timezone.now() - datetime.timedelta(days=n + 1))
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Body text.</p>"}])

    @factory.post_generation
    def authors(obj, create, extracted, **kwargs):
        if extracted:
            for i, author in enumerate(extracted):
                ArticleAuthor.objects.create(page=obj, author=author, sort_order=i)

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if extracted:
            obj.topics.set(extracted)
            obj.save()


def related(article, sort_order=0, **kwargs):
    """Add a hand-picked related item (linked_page=, document= or external_url=) to an article."""
    return ArticleRelatedItem.objects.create(page=article, sort_order=sort_order, **kwargs)


def add_articles(index, count, author=None, topic=None):
    """Published articles with an image, two authors and two topics each (for query counts)."""
    for _ in range(count):
        ArticlePageFactory(
            parent=index,
            feature_image=ImageFactory(),
            authors=[author or AuthorFactory(), AuthorFactory()],
            topics=[topic or TopicFactory(), TopicFactory()],
        )
