"""Pelican settings for `make redaktion`: the preview with the web editor.

The development build (drafts and scheduled posts shown) plus the editor at
/redaktion/, which talks to `decap-server` on this computer and so edits
this checkout.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

PERLEN_EDITOR = True
