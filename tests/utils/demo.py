"""The demo content for tests: built by `load_demo` once per worker, copied back for each test.

Building the demo takes seconds; copying its rows and media files back takes a fraction of one
(tests/utils/rows.py). The Site record takes its address from BASE_URL when the demo is built,
so there is one copy per BASE_URL (the browser tests' live server has its own).
"""

import io
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

import pytest

from tests.utils.rows import SavedRows

DEMO_PASSWORD = "demo-test-password"

_copies_key = pytest.StashKey[dict]()


def load_demo(config, tmp_path_factory, media_root: Path):
    """Give the test database and `media_root` the demo; the test must be transactional."""
    copies = config.stash.setdefault(_copies_key, {})
    saved = copies.get(settings.BASE_URL)
    if saved is None:
        call_command("load_demo", stdout=io.StringIO())
        folder = tmp_path_factory.mktemp("demo-copy")
        if media_root.is_dir():
            shutil.copytree(media_root, folder / "media")
        saved = copies[settings.BASE_URL] = SavedRows(folder, f"demo_{len(copies)}")
        saved.keep()
        return
    saved.restore()
    media = saved.folder / "media"
    if media.is_dir():
        shutil.copytree(media, media_root, dirs_exist_ok=True)
