"""Feed entries with the text the pages have.

Pelican writes each entry's title with `Markup.striptags()`, which turns the
pipeline's no-break spaces into plain ones, and the automatic summary with
its footnote references, whose anchors exist only on the post's page. The
`feed_generated` handler rewrites both from the post before the feed is
written.
"""

from __future__ import annotations

from typing import Any

from perlen.text.fragments import plain_text, standalone


def keep_feed_text(context: dict[str, Any], feed: Any) -> None:
    """`feed_generated` handler: titles as plain text, standalone summaries."""
    siteurl = context.get("SITEURL", "")
    contents = {
        c.url: c
        for key in ("articles", "translations", "pages")
        for c in context.get(key, ())
    }
    for item in feed.items:
        link = item["link"].removesuffix("?ref=feed")
        relative = link[len(siteurl) :].lstrip("/") if siteurl else link
        content = contents.get(relative)
        if content is None:
            continue
        item["title"] = plain_text(content.title)
        if item.get("description"):
            item["description"] = standalone(item["description"])
