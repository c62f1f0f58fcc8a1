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
