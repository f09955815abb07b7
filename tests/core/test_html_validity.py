"""Every public page type passes the Nu HTML checker (vnu-jar from npm), error state included.

The checker runs once over all the saved pages, in one JVM. It skips locally when Java or the
jar is missing, and fails in CI, where .ci/run installs Java and `make test` runs `npm ci`.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from django.core import mail

import pytest

from articles.models import ArticlePage
from comments.following import confirm_token, stop_token
from comments.models import ThreadSubscription
from comments.notifications import unsubscribe_token
from demo.content import DIALOGUE_SLUG, MODEL_SLUG
from tests.utils.comments import csrf_client, post_comment

pytestmark = pytest.mark.django_db

VNU_JAR = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)

PAGES = {
    "home": "/",
    "news": "/news/",
    "news-page-2": "/news/?page=2",
    "news-filtered": "/news/?topic=local-government&author=amara-okafor",
    "article-with-comments": f"/news/{DIALOGUE_SLUG}/",
    "article-without-comments": f"/news/{MODEL_SLUG}/",
    "reply-form": f"/news/{DIALOGUE_SLUG}/?replyto=1",
    "authors": "/authors/",
    "author": "/authors/amara-okafor/",
    "topics": "/topics/",
    "topic": "/topics/local-government/",
    "search-form": "/search/",
    "search-results": "/search/?q=county",
    "search-empty": "/search/?q=zzzyxq",
    "not-found": "/no-such-page/",
    "privacy": "/privacy/",
    "about": "/about/",
    "contact": "/contact/",
}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def checker():
    java = shutil.which("java")
    missing = "java" if java is None else ("vnu-jar (npm ci)" if not VNU_JAR.exists() else "")
    if missing:
        if in_ci():
            pytest.fail(f"The Nu HTML checker needs {missing}; CI must provide it.")
        pytest.skip(f"The Nu HTML checker needs {missing}.")
    return java


def save(folder: Path, name: str, response, status=200):
    assert response.status_code == status, (name, response.status_code)
    (folder / f"{name}.html").write_bytes(response.content)


def test_every_public_page_type_has_no_html_errors(client, demo, tmp_path):
    java = checker()
    for name, url in PAGES.items():
        save(tmp_path, name, client.get(url), 404 if name == "not-found" else 200)

    article = ArticlePage.objects.get(slug=MODEL_SLUG)
    poster = csrf_client()
    save(tmp_path, "comment-errors", post_comment(poster, article, email="not-an-email"), 400)
    save(
        tmp_path,
        "follow-errors",
        client.post("/comments/follow/", {"email": "nope", "article": article.pk}),
        400,
    )
    subscription = ThreadSubscription.objects.create(article=article, email="f@example.org")
    pages = {
        "follow-confirm": f"/comments/follow/confirm/{confirm_token(subscription)}/",
        "follow-stop": f"/comments/follow/stop/{stop_token(subscription)}/",
        "reply-unsubscribe": f"/comments/unsubscribe/{unsubscribe_token('f@example.org')}/",
    }
    for name, url in pages.items():
        save(tmp_path, name, client.get(url))
    mail.outbox.clear()

    files = sorted(str(path) for path in tmp_path.glob("*.html"))
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{re.sub(r'^.*/', '', m.get('url', ''))}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert len(files) == len(PAGES) + 5
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
