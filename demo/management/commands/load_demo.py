"""Create the demo site: page tree, users, authors, topics, images, a report and articles."""

import io
import math
import os
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Locale,
    Page,
    Site,
)

from PIL import Image as PILImage
from PIL import ImageDraw

from articles.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    ArticleRelatedItem,
    Author,
    FooterLink,
    HeaderLink,
    HomePage,
    NavigationSettings,
    SiteIdentity,
    StandardPage,
    Topic,
)
from articles.roles import editors_role
from comments.roles import moderators_role
from core.links import site_address
from core.tree import tree_root
from demo import content as demo
from demo.comments import add_demo_comments
from demo.translations import translate_demo

DEV_PASSWORD = "ogp-demo-password"


def make_picture(colours, seed, size=(1600, 900)) -> bytes:
    """An abstract picture of overlapping circles, drawn with Pillow (no downloads)."""
    background, accent = colours
    image = PILImage.new("RGB", size, background)
    draw = ImageDraw.Draw(image, "RGBA")
    width, height = size
    for i in range(7):
        angle = seed * 0.7 + i * 0.9
        radius = height * (0.18 + 0.05 * (i % 3))
        cx = width / 2 + math.cos(angle) * width * 0.28
        cy = height / 2 + math.sin(angle * 1.3) * height * 0.25
        alpha = 90 + 20 * (i % 4)
        rgb = tuple(int(accent[j : j + 2], 16) for j in (1, 3, 5))
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(*rgb, alpha))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def make_report_pdf(title: str) -> bytes:
    """A small, real PDF with a cover page, drawn with Pillow."""
    page = PILImage.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 1240, 360), fill="#0b4f6c")
    draw.text((80, 140), title, fill="white", font_size=48)
    draw.text(
        (80, 460),
        "Independent reporting on local open government action plans.",
        fill="black",
        font_size=30,
    )
    draw.text(
        (80, 520), "Demo document generated for the sample site.", fill="#333333", font_size=26
    )
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=150)
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Create the demo site and content. Safe to run again: nothing is duplicated."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has articles (for production starts).",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and ArticlePage.objects.exists():
            self.stdout.write("Articles exist; demo content not loaded.")
            return
        password = os.environ.get("DEMO_PASSWORD") or (DEV_PASSWORD if settings.DEBUG else "")
        if not password:
            raise CommandError(
                "Set DEMO_PASSWORD (the development default is only used with DEBUG on)."
            )
        with transaction.atomic():
            home, index = self.build_tree()
            self.build_users(password)
            authors = self.build_authors()
            topics = self.build_topics()
            report = self.build_report()
            self.build_articles(index, authors, topics, report)
            self.build_standard_pages(home)
            self.build_navigation(index)
            if home.featured_article_id is None:
                home.featured_article = self.english(ArticlePage).get(slug=demo.MODEL_SLUG)
                home.save_revision().publish()
            add_demo_comments()
            translate_demo(report)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready: {ArticlePage.objects.count()} articles.")
        )

    def english(self, model):
        """`model`'s rows in the default language: translations share slugs and trees."""
        return model.objects.filter(locale=self.locale)

    def build_tree(self):
        root = tree_root()
        self.locale = Locale.get_default()
        home = self.english(HomePage).first()
        if home is None:
            # Wagtail's installer leaves a plain "Welcome" page; the demo home page replaces it.
            for welcome in root.get_children().filter(slug="home"):
                if welcome.specific_class is Page:
                    welcome.delete()
            home = root.add_child(
                instance=HomePage(
                    title="Open Government Local",
                    slug="home",
                    introduction="Stories, news and reports from local governments "
                    "opening up to their residents.",
                )
            )
            home.save_revision().publish()
            # Served at BASE_URL (`make run` sets it to the address it serves).
            hostname, port = site_address()
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={
                    "hostname": hostname,
                    "port": port,
                    "root_page": home,
                    "site_name": settings.WAGTAIL_SITE_NAME,
                },
            )
        index = self.english(ArticleIndexPage).first()
        if index is None:
            index = home.add_child(
                instance=ArticleIndexPage(
                    title="News", slug="news", introduction="Every story, newest first."
                )
            )
            index.save_revision().publish()
        return home, index

    def build_standard_pages(self, home):
        """Privacy notice, About and Contact, and the privacy notice linked from every form."""
        pages = {}
        for data in demo.STANDARD_PAGES:
            page = self.english(StandardPage).filter(slug=data["slug"]).first()
            if page is None:
                body = data.get("body") or demo.privacy_body(settings.COMMENTS_IP_RETENTION_DAYS)
                page = home.add_child(
                    instance=StandardPage(
                        title=data["title"],
                        slug=data["slug"],
                        introduction=data["introduction"],
                        body=body,
                    )
                )
                page.save_revision().publish()
            pages[data["slug"]] = page
        site = Site.objects.get(is_default_site=True)
        identity = SiteIdentity.for_site(site)
        if identity.privacy_page_id is None:
            identity.privacy_page = pages["privacy"]
            identity.save()

    def build_navigation(self, index):
        """The header and footer links, editable in Settings > Navigation and footer."""
        site = Site.objects.get(is_default_site=True)
        navigation, created = NavigationSettings.objects.get_or_create(site=site)
        if not created:
            return  # an editor's links are theirs to keep
        sections = [("Topics", reverse("topic_list")), ("Authors", reverse("author_list"))]
        navigation.header_links = [
            HeaderLink(page=index),  # the index page's title, in each language
            *(HeaderLink(label=label, url=url) for label, url in sections),
        ]
        navigation.footer_links = [
            FooterLink(page=index, label="All articles"),
            *(FooterLink(label=label, url=url) for label, url in sections),
        ]
        navigation.save()

    def build_users(self, password):
        User = get_user_model()
        editors, moderators = editors_role(), moderators_role()
        for username, group, is_superuser in (
            ("admin", None, True),
            ("editor", editors, False),
            ("moderator", moderators, False),
        ):
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.org", "first_name": username.title()},
            )
            if created:
                user.set_password(password)
                user.is_superuser = is_superuser
                user.is_staff = is_superuser
                user.save()
            if group:
                user.groups.add(group)

    def build_authors(self):
        authors = {}
        for i, data in enumerate(demo.AUTHORS):
            author = Author.objects.filter(slug=data["slug"]).first()
            if author is None:
                photo = self.image(
                    f"Portrait placeholder for {data['name']}",
                    data["colour"],
                    seed=i + 40,
                    size=(600, 600),
                    description=f"Abstract placeholder portrait for {data['name']}",
                )
                author = Author.objects.create(
                    slug=data["slug"],
                    name=data["name"],
                    role=data["role"],
                    organisation=data["organisation"],
                    bio=data["bio"],
                    photo=photo,
                )
            authors[author.slug] = author
        return authors

    def build_topics(self):
        topics = {}
        for name, slug, description in demo.TOPICS:
            topic, _ = Topic.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description}
            )
            topics[slug] = topic
        return topics

    def build_report(self):
        Document = get_document_model()
        report = Document.objects.filter(title=demo.REPORT_TITLE).first()
        if report is None:
            report = Document(title=demo.REPORT_TITLE)
            report.file.save(
                "irm-report-local-action-plans-2021-2022.pdf",
                ContentFile(make_report_pdf(demo.REPORT_TITLE)),
                save=False,
            )
            report.save()
        return report

    def image(self, title, colours, seed, size=(1600, 900), description=""):
        Image = get_image_model()
        existing = Image.objects.filter(title=title).first()
        if existing:
            return existing
        data = make_picture(colours, seed, size)
        image = Image(title=title, description=description)
        image.file = ImageFile(
            io.BytesIO(data), name=f"{seed:02d}-{title[:40].lower().replace(' ', '-')}.jpg"
        )
        image.save()
        return image

    def build_articles(self, index, authors, topics, report):
        now = timezone.now()
        dialogue = self.article(index, demo.DIALOGUE_ARTICLE, authors, topics, now, seed=2)
        for i, (title, label, author_slugs, topic_slugs, summary) in enumerate(demo.MORE_ARTICLES):
            self.article(
                index,
                {
                    "slug": demo.more_article_slug(title),
                    "title": title,
                    "summary": summary,
                    "label": label,
                    "authors": author_slugs,
                    "topics": topic_slugs,
                    "days_ago": 20 + i * 9,
                    "colour": demo.PALETTE[i % len(demo.PALETTE)],
                    "alt": f"Abstract illustration of overlapping circles for “{title}”.",
                    "body": demo.more_article_body(title, summary),
                },
                authors,
                topics,
                now,
                seed=10 + i,
            )

        model = {
            **demo.MODEL_ARTICLE,
            "body": demo.with_report_links(demo.MODEL_ARTICLE["body"], report),
        }
        self.article(
            index,
            model,
            authors,
            topics,
            now,
            seed=1,
            related=[
                ArticleRelatedItem(linked_page=dialogue, sort_order=0),
                ArticleRelatedItem(
                    document=report,
                    title=demo.REPORT_TITLE,
                    label="Report",
                    sort_order=1,
                    summary="Independent findings on how local members designed and delivered their commitments.",
                ),
            ],
        )

    def article(self, index, data, authors, topics, now, seed, related=()):
        existing = self.english(ArticlePage).filter(slug=data["slug"]).first()
        if existing:
            return existing
        image = self.image(data["title"], data["colour"], seed, description=data["alt"])
        page = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            label=data["label"],
            date=now - timedelta(days=data["days_ago"]),
            feature_image=image,
            feature_image_caption=data.get("caption", ""),
            feature_image_credit=demo.IMAGE_CREDIT,
            body=data["body"],
            authors=[
                ArticleAuthor(author=authors[s], sort_order=i)
                for i, s in enumerate(data["authors"])
            ],
            related_items=list(related),
        )
        page.topics = [topics[s] for s in data["topics"]]
        index.add_child(instance=page)
        page.save_revision().publish()
        self.backdate(page, page.date, page.date + timedelta(hours=data.get("updated_hours", 0)))
        return page

    def backdate(self, page, published, updated):
        """Date the demo's history as if it had been written over the past weeks.

        Publishing stamps the load time on the page and its revision; sitemaps, feeds and
        JSON-LD would then say every article changed today.
        """
        page.revisions.update(created_at=updated)
        type(page).objects.filter(pk=page.pk).update(
            first_published_at=published,
            last_published_at=updated,
            latest_revision_created_at=updated,
        )
