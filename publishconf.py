"""Pelican settings for the published site: absolute URLs, feeds, no drafts.

`SITEURL` comes from the environment: `SITEURL=https://example.org make publish`.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    raise SystemExit(
        "SITEURL fehlt: Bitte die Adresse der Website angeben, "
        "z. B. „SITEURL=https://blog.example.org make publish“."
    )
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/alle.atom.xml"
CATEGORY_FEED_ATOM = "feeds/kategorie/{slug}.atom.xml"
FEED_DOMAIN = SITEURL

# The published build never contains drafts or posts dated in the future:
# the plugin skips them before they become pages (a scheduled post appears
# with the first publish build after its date).
PERLEN_PUBLISH = True
WITH_FUTURE_DATES = False
# No overview of drafts either (its page is written only where SAVE_AS is set).
ENTWUERFE_SAVE_AS = ""

# The publish profile (plugins/perlen/settings.py): every warning fails the
# build, the theme's CSS, JS and fonts get content-hashed names, the finished
# site is verified before it replaces output/, readers search the whole site
# with Pagefind (German stemming via lang="de"), and a post without Titelbild
# is shared with a generated social card.
PERLEN_PROFILE = "publish"

# The web editor for the writers at /redaktion/ (Decap CMS, see README.md).
PERLEN_EDITOR = True
