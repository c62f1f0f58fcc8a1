"""The plugin's settings with their documented defaults.

Every setting can be overridden in `pelicanconf.py`; code reads them through
`setting()` so that a default lives in exactly one place.
"""

from collections.abc import Mapping
from typing import Any

DEFAULTS: dict[str, Any] = {
    # CLDR locale for dates and names.
    "PERLEN_LOCALE": "de",
    # CLDR pattern for `content.locale_date` and the `datum` filter's default.
    "PERLEN_DATE_PATTERN": "EEEE, d. MMMM y",
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
    # Publishing (True in publishconf.py): every warning fails the build …
    "PERLEN_STRICT": False,
    # … the built site is checked before it replaces the output (links,
    # anchors, images, HTML validity, feeds, sitemap, third-party hosts) …
    "PERLEN_VERIFY": False,
    # … and the theme's files with these suffixes get content-hashed names.
    "PERLEN_ASSET_HASHES": False,
    "PERLEN_HASHED_SUFFIXES": [".css", ".js", ".woff2", ".woff", ".ttf", ".otf"],
    # A Pagefind search index after the build (for the search page). On in
    # publishconf.py; off while writing, where it would re-index the whole
    # site on every rebuild.
    "PERLEN_SEARCH": False,
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
    # For each host in PERLEN_ALLOWED_HOSTS: who runs it and why the site loads
    # from it, in German, for the privacy policy, e.g.
    # {"www.youtube-nocookie.com": "Eingebettete Videos von YouTube (Google
    # Ireland Limited) …"}. An allowed host without a purpose fails publishing.
    "PERLEN_HOST_PURPOSES": {},
    # Every page `noindex` (the theme's partials/meta.html reads it): for the
    # pull-request preview (vorschauconf.py), which no search engine may list.
    "PERLEN_NOINDEX": False,
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
    # A post without Titelbild is shared with a generated 1200×630 card. On
    # in publishconf.py; off while writing, where nobody shares the preview.
    "PERLEN_SOCIAL_CARDS": False,
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
    # Processes that encode images; None: one per core.
    "PERLEN_IMAGE_WORKERS": None,
    # The cache of processed images; None: `bilder/` beside the content cache.
    "PERLEN_IMAGE_CACHE_PATH": None,
}


def setting(settings: Mapping[str, Any], name: str) -> Any:
    """Return `name` from Pelican's settings, falling back to our default."""
    return settings.get(name, DEFAULTS[name])
