"""Redirects from old addresses (`Alte Adressen:`) to where posts are now.

Two forms, since hosts differ: `_redirects` with a permanent (301) rule per
old address, read by Netlify and Cloudflare Pages; and, for hosts without it
(GitHub Pages, plain web servers), a small page at each old address that
sends readers on at once (`<meta http-equiv="refresh">`, which the
Content-Security-Policy allows: it is no script), names the new address as
canonical for search engines and stays out of their index (`noindex`).
Verification follows both to their targets.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from perlen.site.contents import contents_of
from perlen.site.old_addresses import OldAddress, old_addresses
from perlen.site.written_files import REDIRECTS_FILE

TEMPLATE = "umgezogen"
_LIVE = ("published", "hidden")


def redirects_file(redirects: list[OldAddress], siteurl: str) -> str:
    """The text of `_redirects`: `/old/ /new/ 301`, one line per old address."""
    base = urlsplit(siteurl).path.rstrip("/")
    return "".join(
        f"{base}{old.path} {base}/{old.content.url} 301\n" for old in redirects
    )


def write_redirects(generators) -> None:
    """`all_generators_finalized` handler, after the checks passed: the
    redirect pages and `_redirects` in the site being built."""
    generators = list(generators)
    redirects = [
        old
        for content in contents_of(generators)
        if content.status in _LIVE
        for old in old_addresses(content)
    ]
    if not redirects:
        return
    generator = generators[0]
    siteurl = generator.settings["SITEURL"]
    output = Path(generator.output_path)
    template = generator.get_template(TEMPLATE)
    for old in redirects:
        page = output / old.save_as
        page.parent.mkdir(parents=True, exist_ok=True)
        target = f"{siteurl}/{old.content.url}"
        html = template.render(
            {
                **generator.context,
                "content": old.content,
                "target": target,
                "output_file": old.save_as,
            }
        )
        page.write_text(html, encoding="utf-8")
    (output / REDIRECTS_FILE).write_text(
        redirects_file(redirects, siteurl), encoding="utf-8"
    )
