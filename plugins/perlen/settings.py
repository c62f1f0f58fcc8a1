"""The plugin's settings with their documented defaults, and the build profiles.

Every setting can be overridden in `pelicanconf.py`; code reads them through
`setting()` so that a default lives in exactly one place. Which steps a build
takes (strict, verified, hashed, indexed, …) is one choice, `PERLEN_PROFILE`:
`publishconf.py` and `perlen veroeffentlichen` pick "publish", the pull-request
preview (`vorschauconf.py`) "preview", everything else builds "development".
A switch set on its own (a test, `make bench`) overrides its profile's value.
"""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    # CLDR locale for dates and names.
    "PERLEN_LOCALE": "de",
    # CLDR pattern for `content.locale_date` and the `datum` filter's default.
    "PERLEN_DATE_PATTERN": "EEEE, d. MMMM y",
    # The build profile (see PROFILES below): "development", "preview" or "publish".
    "PERLEN_PROFILE": "development",
    # True in publishconf.py: drafts and future posts stay out of the site.
    "PERLEN_PUBLISH": False,
    # A summary (the meta description) longer than this is a warning.
    "PERLEN_SUMMARY_MAX_LENGTH": 160,
    # A post card without `Zusammenfassung` shows about this many characters
    # of the post's first paragraphs as plain text, cut after a word with „…“.
    "PERLEN_TEASER_LENGTH": 220,
    # Progress lines during long builds: None shows them on a terminal only.
    "PERLEN_PROGRESS": None,
    # Reading speed for "4 Min. Lesezeit" (German prose, words per minute).
    "PERLEN_WORDS_PER_MINUTE": 200,
    # At most this many related posts (by shared tags) under a post.
    "PERLEN_RELATED_LIMIT": 3,
    # For each tag, related-post candidates are the posts this close in time
    # (in posts, either side); bounds the work for tags on very many posts.
    "PERLEN_RELATED_WINDOW": 50,
    # The theme's files with these suffixes get content-hashed names (when the
    # profile's PERLEN_ASSET_HASHES is on).
    "PERLEN_HASHED_SUFFIXES": [".css", ".js", ".woff2", ".woff", ".ttf", ".otf"],
    # The Content-Security-Policy in `_headers`, directive → sources. No
    # inline scripts or styles; Pagefind needs WebAssembly ('wasm-unsafe-eval')
    # and its UI draws icons as data: images.
    "PERLEN_CSP": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
    # Third-party hosts pages may load from, by CSP directive, e.g.
    # {"frame-src": ["www.youtube-nocookie.com"]}; added to the policy, and
    # verification fails for any other host.
    "PERLEN_ALLOWED_HOSTS": {},
    # Further headers for every path in `_headers`.
    "PERLEN_HEADERS": {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    },
    # The text pipeline (posts, summaries, titles; never code). Emoji get
    # markup for screen readers: <span class="emoji" role="img"
    # aria-label="zwinkerndes Gesicht">😉</span>. False turns off all emoji
    # handling below except the hearts.
    "PERLEN_EMOJI": True,
    # Shortcodes become emoji: :wink:, :heart:, :zwinkerndes_gesicht:.
    "PERLEN_EMOJI_SHORTCODES": True,
    # Text emoticons become emoji: ;-) → 😉. Off, since ":)" or "B-)" also
    # occur as plain text.
    "PERLEN_EMOTICONS": False,
    # <3 becomes ❤️ and </3 💔, marked up as <span class="emoji heart" …>.
    "PERLEN_HEARTS": True,
    # German typography: „Anführungszeichen“, ’ as apostrophe, – and —,
    # …, non-breaking spaces (z. B., S. 12, 5 km, 28. September).
    "PERLEN_TYPOGRAPHY": True,
    # »Guillemets« instead of „Gänsefüßchen“ (needs PERLEN_TYPOGRAPHY).
    "PERLEN_GUILLEMETS": False,
    # typogrify's filters that suit German, done inside Markdown; leave one
    # out to switch it off: "amp" (<span class="amp">&amp;</span>), "caps"
    # (<span class="caps">DSGVO</span>), "widont" (no lone last word). The
    # others (English quotes and dashes) are replaced by PERLEN_TYPOGRAPHY,
    # so Pelican's own TYPOGRIFY stays False.
    "PERLEN_TYPOGRIFY_FILTERS": ["amp", "caps", "widont"],
    # -- Going live: the legal pages -----------------------------------------
    # The page (by slug) with the Impressum. Publishing fails while it still
    # has a placeholder ("[E-Mail-Adresse]") or lacks what § 5 DDG requires;
    # the preview and `perlen pruefen` warn. None switches the check off.
    "PERLEN_IMPRESSUM": "impressum",
    # The page (by slug) with the privacy policy; the theme adds its section
    # on third-party services, from PERLEN_ALLOWED_HOSTS and the purposes below.
    "PERLEN_DATENSCHUTZ": "datenschutz",
    # The Nu HTML Checker's jar that verification runs; None: npm's copy in
    # the blog's folder (`node_modules/vnu-jar/…`, installed by `npm ci`).
    "PERLEN_NU_CHECKER": None,
    # For each host in PERLEN_ALLOWED_HOSTS: who runs it and why the site loads
    # from it, in German, for the privacy policy, e.g.
    # {"www.youtube-nocookie.com": "Eingebettete Videos von YouTube (Google
    # Ireland Limited) …"}. An allowed host without a purpose fails publishing.
    "PERLEN_HOST_PURPOSES": {},
    # -- Long posts ----------------------------------------------------------
    # A post of at least this many words with three or more sections (## and
    # ### headings) shows a table of contents; `Inhaltsverzeichnis: ja` or
    # `nein` in a post's header decides for that post.
    "PERLEN_TOC_MIN_WORDS": 1200,
    # -- Images (perlen.images) --------------------------------------------
    # Every raster image a post or page shows is published in these widths
    # (px; never wider than the original, at most the largest step) …
    "PERLEN_IMAGE_WIDTHS": [480, 960, 1440, 2000],
    # … as AVIF, WebP and JPEG (or PNG with transparency), with this quality
    # (0–100; AVIF 50 looks like JPEG 80 at about half the bytes).
    "PERLEN_IMAGE_QUALITY": {"avif": 50, "webp": 75, "jpeg": 80},
    # The `sizes` of every image: the theme's text column (40rem, at least
    # 1.5rem from either edge; see the layout in theme/static/css/perlen.css).
    "PERLEN_IMAGE_SIZES": "(min-width: 43rem) 40rem, calc(100vw - 3rem)",
    # The wide column (66rem): the Titelbild above a post and photos marked
    # `{.breit}`; photos marked `{.voll}` span the window.
    "PERLEN_IMAGE_WIDE_SIZES": "(min-width: 69rem) 66rem, calc(100vw - 3rem)",
    "PERLEN_IMAGE_FULL_SIZES": "100vw",
    # Post cards in listings: one column on phones, two from 48rem, three
    # from 72rem (the wide column less two 2rem gaps, divided by three).
    "PERLEN_IMAGE_CARD_SIZES": (
        "(min-width: 72rem) 20.7rem, (min-width: 48rem) calc(50vw - 2.5rem), "
        "calc(100vw - 3rem)"
    ),
    # Photos of a gallery (several images in one paragraph): two in a row on
    # phones, up to three from 48rem, in the wide column with 1rem gaps.
    "PERLEN_IMAGE_GALLERY_SIZES": (
        "(min-width: 69rem) 21.4rem, (min-width: 48rem) calc(33vw - 1.7rem), "
        "calc(50vw - 2rem)"
    ),
    # Larger images are an error (a phone photo has 3–12 MB, 12–48 megapixels).
    "PERLEN_IMAGE_MAX_MB": 30,
    "PERLEN_IMAGE_MAX_MEGAPIXELS": 50,
    # A Titelbild narrower than this is a warning: the preview would be blurry.
    "PERLEN_COVER_MIN_WIDTH": 1200,
    # -- The agency (theme/templates) ----------------------------------------
    # A short plain-text description above a category's or tag's posts, by
    # its name: {"Haltung": "Wie wir arbeiten und warum."}.
    "PERLEN_CATEGORY_DESCRIPTIONS": {},
    # Author profiles (name, photo, role, short bio): one Markdown file per
    # author in this folder of the content (see docs/schreiben.md).
    "PERLEN_AUTHOR_PATH": "autorinnen",
    "PERLEN_TAG_DESCRIPTIONS": {},
    # Who writes this blog and how to reach them: the header's tagline, the
    # footer, and the box under every post. `contact_url` is a page of the
    # site ("kontakt/") or a `mailto:`/`https:` address. A site's setting
    # replaces single keys; the rest keep these defaults.
    "PERLEN_AGENTUR": {
        "name": "Kreativagentur perlenmädchen",
        "tagline": "Marken, Gestaltung und Kommunikation mit Haltung",
        "about": (
            "Wir entwickeln Marken, gestalten Auftritte und erzählen "
            "Geschichten – für Unternehmen, die etwas zu sagen haben."
        ),
        "contact_url": "kontakt/",
        "contact_label": "Projekt anfragen",
        "call_to_action": (
            "Ihr habt ein Projekt, eine Idee oder eine Frage? Erzählt uns "
            "davon – das erste Gespräch ist unverbindlich."
        ),
    },
    # Processes that encode images, the build's own included (it encodes
    # once its pages are rendered); None: one per core.
    "PERLEN_IMAGE_WORKERS": None,
    # Processes that read and convert posts in a cold build, the build's own
    # included (`building/parallel_reading`); None: one per core; 1: one
    # after another in the build's process, as stock Pelican.
    "PERLEN_WORKERS": None,
    # The cache of processed images; None: `bilder/` beside the content cache.
    "PERLEN_IMAGE_CACHE_PATH": None,
    # -- Files copied from content/ (site.published_files) -------------------
    # Scripts, HTML and other files a browser runs (`.js`, `.mjs`, `.html`,
    # `.htm`, `.xhtml`, `.svgz`, `.wasm`, `.xml`, …) are refused when copied
    # from content/, except those named here: content-relative paths or
    # patterns, e.g. ["extra/spiel/*.js"]. Empty: none.
    "PERLEN_ACTIVE_FILES": [],
    # -- The web editor at /redaktion/ (perlen.publish.editor) ---------------
    # Decap CMS for the writers, copied from node_modules into the site. Off
    # by default (preview builds); on in publishconf.py and redaktionconf.py
    # (`make redaktion`).
    "PERLEN_EDITOR": False,
    # Where the editor lives in the site; never in sitemap, feeds or search.
    "PERLEN_EDITOR_PATH": "redaktion",
    # Only the editor's page finder (`<PERLEN_EDITOR_PATH>/seite.html`, the
    # target of its „Seite ansehen“ links), for builds without the editor:
    # the pull-request preview (vorschauconf.py). PERLEN_EDITOR writes it too.
    "PERLEN_EDITOR_PAGES": False,
    # The GitHub repository and branch the published editor writes to
    # (editorial workflow: every post becomes a pull request) …
    "PERLEN_EDITOR_REPO": "perlenmaedchen/blog",
    "PERLEN_EDITOR_BRANCH": "main",
    # … and the OAuth server that signs writers in with GitHub (Decap's
    # `base_url`, see docs/redaktion-einrichten.md); "" for Netlify's.
    "PERLEN_EDITOR_AUTH_URL": "",
    # `decap-server` on the writer's computer (`make redaktion`); the editor
    # uses it only when opened on localhost/127.0.0.1.
    "PERLEN_EDITOR_LOCAL_URL": "http://127.0.0.1:8081/api/v1",
    # The editor's own Content-Security-Policy (`_headers`, /redaktion/*
    # only): libraries in Decap's bundle evaluate code ('unsafe-eval'),
    # styles itself with inline <style> elements, shows uploads as blob:
    # images and talks to GitHub or the local decap-server.
    "PERLEN_EDITOR_CSP": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        # (plus the origin of PERLEN_EDITOR_LOCAL_URL)
        "connect-src": ["'self'", "blob:", "https://api.github.com"],
        "frame-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}


_DEVELOPMENT = {
    # Every warning fails the build (all reported together) …
    "PERLEN_STRICT": False,
    # … the built site is checked before it replaces the output (links,
    # anchors, images, HTML validity, feeds, sitemap, third-party hosts) …
    "PERLEN_VERIFY": False,
    # … the theme's files get content-hashed names …
    "PERLEN_ASSET_HASHES": False,
    # … a Pagefind search index is made (while writing it would re-index the
    # whole site on every rebuild) …
    "PERLEN_SEARCH": False,
    # … a post without Titelbild is shared with a generated 1200×630 card
    # (nobody shares the preview of a writer's computer) …
    "PERLEN_SOCIAL_CARDS": False,
    # … every page is `noindex` (the theme's partials/meta.html reads it).
    "PERLEN_NOINDEX": False,
}

# The build profiles: the switches each one sets.
PROFILES: dict[str, dict[str, bool]] = {
    "development": _DEVELOPMENT,
    # The pull-request preview, which no search engine may list.
    "preview": {**_DEVELOPMENT, "PERLEN_NOINDEX": True},
    "publish": {
        **_DEVELOPMENT,
        "PERLEN_STRICT": True,
        "PERLEN_VERIFY": True,
        "PERLEN_ASSET_HASHES": True,
        "PERLEN_SEARCH": True,
        "PERLEN_SOCIAL_CARDS": True,
    },
}


def setting(settings: Mapping[str, Any], name: str) -> Any:
    """Return `name` from Pelican's settings, falling back to the build
    profile's switch or our default."""
    if name in settings:
        return settings[name]
    if name in _DEVELOPMENT:
        return profile(settings)[name]
    return DEFAULTS[name]


def project_folder(settings: Mapping[str, Any]) -> Path:
    """The blog's folder: the one whose `plugins/` PLUGIN_PATHS names (as
    pelicanconf.py does), where `npm ci` puts `node_modules/`."""
    plugins = settings.get("PLUGIN_PATHS") or ["plugins"]
    return Path(plugins[0]).resolve().parent


def profile(settings: Mapping[str, Any]) -> dict[str, bool]:
    """The switches of the build profile `settings` choose."""
    name = settings.get("PERLEN_PROFILE", DEFAULTS["PERLEN_PROFILE"])
    if name not in PROFILES:
        known = ", ".join(f"„{p}“" for p in PROFILES)
        raise ValueError(
            f"Das Bauprofil „{name}“ (PERLEN_PROFILE) gibt es nicht; "
            f"möglich sind {known}."
        )
    return PROFILES[name]


def apply_profile(pelican) -> None:
    """`initialized` handler: the profile's switches join Pelican's settings,
    where the theme reads them (`PERLEN_NOINDEX`); a switch set on its own
    stays."""
    for name, value in profile(pelican.settings).items():
        pelican.settings.setdefault(name, value)
