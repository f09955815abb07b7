"""Loaded by pytest (-p tests.testenv) before Django starts: the environment tests run in.

Tests run with DEBUG off, as production does, so they need a signing key, a comments salt
and a public address of their own.
"""

import os
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("COMMENTS_XTD_SALT", "test-only-comments-salt")
os.environ.setdefault("BASE_URL", "http://localhost")
# The test client speaks plain HTTP; HTTPS-only settings are checked by test_security.py.
os.environ.setdefault("SECURE_HTTPS", "false")
# The embedded default's cache is files shared by every process (settings.CACHE_DIR): tests get
# their own folder, which subprocesses they start inherit, and never touch a developer's. Each
# pytest-xdist worker has its own, as it has its own test database.
worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
os.environ["CACHE_DIR"] = str(Path(__file__).resolve().parents[1] / "var" / "test-cache" / worker)
