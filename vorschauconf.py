"""Pelican settings for the pull-request preview (.github/workflows/vorschau.yml).

The development build with drafts and scheduled posts, every page `noindex`,
and relative links, so that the copy downloaded from GitHub also works
opened from disk. Never deployed.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

RELATIVE_URLS = True
PERLEN_PROFILE = "preview"
# The web editor's „Seite ansehen“ link of a pull request leads here.
PERLEN_EDITOR_PAGES = True

# Opened from disk, a link to a folder shows a directory listing instead of
# the page: every address names its file (`2021/slug/index.html`), and the
# menu and the listings' further pages follow.
_FILES = {
    name[: -len("_SAVE_AS")] + "_URL": value
    for name, value in dict(globals()).items()
    if name.endswith("_SAVE_AS")
    and isinstance(value, str)
    and value.endswith("index.html")
}
_RENAMED = {
    globals()[name]: value for name, value in _FILES.items() if name in globals()
}
globals().update(_FILES)
INDEX_URL = "index.html"
MENUITEMS = tuple((title, _RENAMED.get(url, url)) for title, url in MENUITEMS)  # noqa: F405
PAGINATION_PATTERNS = tuple(
    (number, url + "index.html" if url.endswith("/") else url, save_as)
    for number, url, save_as in PAGINATION_PATTERNS  # noqa: F405
)
