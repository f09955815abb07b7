"""Security defaults: deploy checks, response headers, sign-in throttling and upload limits."""

import io
import os
import subprocess
import sys
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from tests.factories import ArticlePageFactory
from tests.utils.html import admin_errors, parse, text

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "opt_in",
    [{}, {"SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "SECURE_HSTS_PRELOAD": "true"}],
    ids=["hsts-defaults", "hsts-preload-opted-in"],
)
def test_production_settings_pass_the_deploy_checks_without_warnings(opt_in):
    env = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_HTTPS", "DATABASE_URL"}
    }
    env.update(
        SECRET_KEY="k" * 20 + "-production-like-secret-" + "z" * 30,
        ALLOWED_HOSTS="news.example.org",
        BASE_URL="https://news.example.org",
        **opt_in,
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_public_pages_send_security_headers_and_a_strict_content_security_policy(client, index):
    article = ArticlePageFactory(parent=index)
    response = client.get(article.url)
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert (
        "'self'" in script_src
        and "unsafe-inline" not in script_src
        and "unsafe-eval" not in script_src
    )
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_hsts_is_sent_over_https(client, index, settings):
    settings.SECURE_HSTS_SECONDS = 31536000  # what SECURE_HTTPS=true (the production default) sets
    response = client.get("/healthz", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Strict-Transport-Security" not in client.get("/healthz")


def test_https_settings_make_cookies_secure_http_only_and_same_site_lax():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_HTTPS"}}
    env.update(SECRET_KEY="s" * 50)
    probe = (
        "import django;django.setup();from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS)"
    )
    env["DJANGO_SETTINGS_MODULE"] = "ogp_site.settings"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert out.stdout.split() == ["True", "True", "True", "True", "Lax", "Lax", "31536000"]


@pytest.mark.django_db
def test_admin_sign_in_is_locked_after_repeated_failures_for_that_user(client, superuser):
    url = reverse("wagtailadmin_login")
    for _ in range(4):
        response = client.post(url, {"username": "admin", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    assert client.post(url, {"username": "admin", "password": "wrong"}).status_code == 429
    # Even the right password is refused now, from this address or any other.
    assert (
        client.post(
            url, {"username": "admin", "password": "pw"}, REMOTE_ADDR="10.1.2.3"
        ).status_code
        == 429
    )
    locked = client.post(url, {"username": "admin", "password": "pw"})
    assert locked.status_code == 429
    assert text(parse(locked, 429).h1) == "Too many sign-in attempts"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_sign_in_is_locked_for_an_address_guessing_many_users(client, superuser):
    url = reverse("wagtailadmin_login")
    for n in range(5):
        client.post(url, {"username": f"guess{n}", "password": "wrong"})
    assert client.post(url, {"username": "admin", "password": "pw"}).status_code == 429
    # The address is locked, not the account: its owner can still sign in from elsewhere.
    elsewhere = client.post(url, {"username": "admin", "password": "pw"}, REMOTE_ADDR="10.9.8.7")
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_a_correct_sign_in_after_a_few_mistakes_still_works(client, superuser):
    url = reverse("wagtailadmin_login")
    for _ in range(3):
        client.post(url, {"username": "admin", "password": "wrong"})
    assert client.post(url, {"username": "admin", "password": "pw"}).status_code == 302


def png(size):
    buffer = io.BytesIO()
    PILImage.new("1", size).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_image_uploads_reject_decompression_bombs_svg_and_oversized_files(
    client, superuser, settings
):
    client.force_login(superuser)
    url = reverse("wagtailimages:add")
    bomb = client.post(
        url,
        {"title": "bomb", "file": SimpleUploadedFile("bomb.png", png((8000, 6000)), "image/png")},
    )
    assert any("pixels" in error for error in admin_errors(bomb))
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert (
        client.post(
            url, {"title": "v", "file": SimpleUploadedFile("v.svg", svg, "image/svg+xml")}
        ).status_code
        == 200
    )
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    big = client.post(
        url,
        {"title": "big", "file": SimpleUploadedFile("big.png", png((2000, 2000)) + b"\0" * 2000)},
    )
    assert big.status_code == 200
    assert not get_image_model().objects.exists()
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    ok = client.post(
        url, {"title": "fine", "file": SimpleUploadedFile("fine.png", png((40, 40)), "image/png")}
    )
    assert ok.status_code == 302 and get_image_model().objects.count() == 1


@pytest.mark.django_db
def test_only_allowed_document_types_upload_and_non_pdfs_download_as_attachments(client, superuser):
    client.force_login(superuser)
    url = reverse("wagtaildocs:add")
    exe = client.post(url, {"title": "tool", "file": SimpleUploadedFile("tool.exe", b"MZ...")})
    assert exe.status_code == 200 and not get_document_model().objects.exists()
    Document = get_document_model()
    sheet, report = Document(title="Sheet"), Document(title="Report")
    sheet.file.save("data.csv", ContentFile(b"a,b\n1,2\n"), save=False)
    sheet.save()
    report.file.save("report.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    report.save()
    client.logout()
    assert client.get(sheet.url)["Content-Disposition"].startswith("attachment")
    assert client.get(report.url)["Content-Disposition"].startswith("inline")
