"""Pelican settings for the perlenmädchen blog (development and preview builds).

`publishconf.py` builds on these for the published site.
"""

AUTHOR = "perlenmädchen"
SITENAME = "perlenmädchen"
SITESUBTITLE = "Kreativagentur perlenmädchen – der Blog"
SITEURL = ""

PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
OUTPUT_PATH = "output"
THEME = "theme"

TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "de"
DEFAULT_CATEGORY = "Allgemein"
# Posts live in year folders (`posts/2021/`); a folder is not a category.
USE_FOLDER_AS_CATEGORY = False

# Markdown: Pelican's defaults. The plugin's reader adds its own extensions
# (local links, so that `![Alt](bild.jpg)` beside a post and
# `[…](anderer-beitrag.md)` work in the built site; German typography; …).
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
    },
    "output_format": "html5",
}

# The preview shows drafts and posts dated in the future at their draft
# address (`DRAFT_URL`), marked as "Entwurf" or "geplant"; publishconf.py
# leaves both out.
WITH_FUTURE_DATES = False

# The agency's plugin (German metadata, dates, slugs, typography) and the
# maintained sitemap plugin.
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["perlen", "pelican.plugins.sitemap"]

# Our atomic build (`perlen bauen`) swaps the finished site into place, so
# Pelican itself never deletes the previous output.
DELETE_OUTPUT_DIRECTORY = False

# Pretty, stable URLs without ".html" (documented in README.md).
ARTICLE_URL = "{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{slug}/index.html"
DRAFT_URL = "entwuerfe/{slug}/"
DRAFT_SAVE_AS = "entwuerfe/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_PAGE_URL = "entwuerfe/seiten/{slug}/"
DRAFT_PAGE_SAVE_AS = "entwuerfe/seiten/{slug}/index.html"
# Posts and pages in another language (`Sprache: Englisch`) get the language
# after the slug: /2021/the-best-day-en/.
ARTICLE_LANG_URL = "{date:%Y}/{slug}-{lang}/"
ARTICLE_LANG_SAVE_AS = "{date:%Y}/{slug}-{lang}/index.html"
DRAFT_LANG_URL = "entwuerfe/{slug}-{lang}/"
DRAFT_LANG_SAVE_AS = "entwuerfe/{slug}-{lang}/index.html"
PAGE_LANG_URL = "{slug}-{lang}/"
PAGE_LANG_SAVE_AS = "{slug}-{lang}/index.html"
DRAFT_PAGE_LANG_URL = "entwuerfe/seiten/{slug}-{lang}/"
DRAFT_PAGE_LANG_SAVE_AS = "entwuerfe/seiten/{slug}-{lang}/index.html"
CATEGORY_URL = "kategorie/{slug}/"
CATEGORY_SAVE_AS = "kategorie/{slug}/index.html"
CATEGORIES_URL = "kategorien/"
CATEGORIES_SAVE_AS = "kategorien/index.html"
TAG_URL = "schlagwort/{slug}/"
TAG_SAVE_AS = "schlagwort/{slug}/index.html"
TAGS_URL = "schlagwoerter/"
TAGS_SAVE_AS = "schlagwoerter/index.html"
AUTHOR_URL = "autorin/{slug}/"
AUTHOR_SAVE_AS = "autorin/{slug}/index.html"
AUTHORS_URL = "autorinnen/"
AUTHORS_SAVE_AS = "autorinnen/index.html"
ARCHIVES_URL = "archiv/"
ARCHIVES_SAVE_AS = "archiv/index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/seite/{number}/", "{base_name}/seite/{number}/index.html"),
)

# Feeds need absolute URLs, so only publishconf.py turns them on.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Stock typogrify is replaced by the plugin's German text pipeline.
TYPOGRIFY = False

# The content cache speeds up rebuilds; the plugin keeps one cache per
# version of its own code and settings, so a change never serves stale text.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"

SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.7, "indexes": 0.5, "pages": 0.3},
    "changefreqs": {"articles": "monthly", "indexes": "daily", "pages": "monthly"},
    "exclude": [r"^404\.html$", r"^robots\.txt$"],
}

# Theme. Autoescape is on: plain text (tag names, `|plaintext` titles) is
# escaped for HTML automatically; templates mark HTML fragments (`article.title`,
# `article.content`) with `|safe` where they are used.
JINJA_ENVIRONMENT = {"autoescape": True}
# Direct templates: the search page (`/suche/`), the 404 page and robots.txt
# (a template, so that its sitemap line is absolute).
# `entwuerfe` is the overview of drafts and scheduled posts at /entwuerfe/
# (publishconf.py leaves it out).
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "suche", "404", "robots", "entwuerfe"]
TEMPLATE_EXTENSIONS = [".html", ".txt"]
INDEX_URL = ""
SUCHE_URL = "suche/"
SUCHE_SAVE_AS = "suche/index.html"
ROBOTS_URL = "robots.txt"
ROBOTS_SAVE_AS = "robots.txt"
ENTWUERFE_URL = "entwuerfe/"
ENTWUERFE_SAVE_AS = "entwuerfe/index.html"
# The main navigation: these pages, then the static pages named in MENU_PAGES
# (by slug, shown only when they exist). All pages are linked in the footer.
MENUITEMS = (
    ("Archiv", ARCHIVES_URL),
    ("Schlagwörter", TAGS_URL),
    ("Suche", SUCHE_URL),
)
MENU_PAGES = ["ueber-uns"]

# The agency in header, footer and the box under every post (defaults and
# all keys: PERLEN_AGENTUR in plugins/perlen/settings.py). `contact_url` is a
# page of the site or a "mailto:" address.
PERLEN_AGENTUR = {
    "name": "Kreativagentur perlenmädchen",
    "tagline": "Marken, Gestaltung und Kommunikation mit Haltung",
    "contact_url": "kontakt/",
    "contact_label": "Projekt anfragen",
}
# A line about a category or tag above its posts (optional).
PERLEN_CATEGORY_DESCRIPTIONS = {
    "Haltung": "Wie wir arbeiten, mit wem wir arbeiten – und warum.",
    "Handwerk": "Gestaltung, Marketing und Text: wie gute Arbeit entsteht.",
}
