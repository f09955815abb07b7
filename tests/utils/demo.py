"""The demo content for tests: built by `load_demo` once per worker, copied back for each test.

Building the demo takes seconds; copying its rows and media files back takes a fraction of one
(tests/utils/rows.py). The Site record takes its address from BASE_URL, which the browser tests
set to their live server's: after the copy, `set_site_url` gives the Site the address this test
runs under, as `make run` does after `load_demo`.
"""

import io
import shutil
from pathlib import Path

from django.core.management import call_command

import pytest

from tests.utils.rows import SavedRows

DEMO_PASSWORD = "demo-test-password"

_copy_key = pytest.StashKey[SavedRows]()


def load_demo(config, tmp_path_factory, media_root: Path):
    """Give the test database and `media_root` the demo; the test must be transactional."""
    saved = config.stash.get(_copy_key, None)
    if saved is None:
        call_command("load_demo", stdout=io.StringIO())
        folder = tmp_path_factory.mktemp("demo-copy")
        if media_root.is_dir():
            shutil.copytree(media_root, folder / "media")
        saved = config.stash[_copy_key] = SavedRows(folder, "demo")
        saved.keep()
        return
    saved.restore()
    media = saved.folder / "media"
    if media.is_dir():
        shutil.copytree(media, media_root, dirs_exist_ok=True)
    call_command("set_site_url", stdout=io.StringIO())
