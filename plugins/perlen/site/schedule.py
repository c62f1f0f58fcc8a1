"""Drafts and scheduled posts: marked in the preview, absent when published.

The preview (`pelicanconf.py`) writes drafts and posts dated in the future to
their draft address (Pelican's `DRAFT_SAVE_AS`, `WITH_FUTURE_DATES = False`)
and marks them with `perlen_state`, which the theme shows. The published
build (`PERLEN_PUBLISH = True`) skips them before they become content, so no
page, feed, sitemap entry or attached image of theirs can leak out, and a link
to one from a published post is reported as a broken link. It remembers when
the skipped posts are due (`scheduled_dates`), so that the published site can
say when it needs the next publish.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from blinker import signal
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator

from perlen.settings import setting

DRAFT = "Entwurf"
SCHEDULED = "geplant"

# Posts a published build held back for their date: (title, date) pairs.
HELD_BACK = "perlen_held_back"
held_back = signal("perlen-held-back")


def state(status: str, date: datetime | None, now: datetime) -> str:
    """A content's state as writers call it: "Entwurf", "geplant" or ""."""
    if status == "draft":
        return DRAFT
    if date is not None and date > now:
        return SCHEDULED
    return ""


def _aware(date: datetime | None, timezone: str) -> datetime | None:
    if date is None or date.tzinfo is not None:
        return date
    return date.replace(tzinfo=ZoneInfo(timezone))


def mark_state(content) -> None:
    """`content_object_init` handler: set `perlen_state` for the theme.

    Runs before Pelican turns a future post into a draft, so the state comes
    from the metadata and the date, not from the final status.
    """
    if not isinstance(content, Article | Page):
        return
    date = getattr(content, "date", None) if isinstance(content, Article) else None
    content.perlen_state = state(content.status, date, datetime.now(UTC))


def leave_out_unpublished(generator, metadata: dict[str, Any]) -> None:
    """`article_generator_context`/`page_generator_context` handler.

    In the published build, drafts and future posts get Pelican's "skip"
    status: the generator drops them before they become content.
    """
    if not setting(generator.settings, "PERLEN_PUBLISH"):
        return
    date = None
    if isinstance(generator, ArticlesGenerator):
        date = _aware(metadata.get("date"), generator.settings["TIMEZONE"])
    found = state(metadata.get("status", ""), date, datetime.now(UTC))
    if found:
        metadata["status"] = "skip"
    if found == SCHEDULED:
        generator.context.setdefault(HELD_BACK, []).append(
            (str(metadata.get("title", "")), date)
        )


def announce_held_back(generators) -> None:
    """`all_generators_finalized` handler: tell the publish command which
    posts wait for their date (a typo'd year, `2201`, would wait for ever)."""
    waiting = generators[0].context.get(HELD_BACK, [])
    held_back.send(sorted(waiting, key=lambda pair: (pair[1], pair[0])))


def scheduled_dates(context: dict[str, Any]) -> list[datetime]:
    """When the scheduled posts the published build left out are due."""
    return sorted(date for _, date in context.get(HELD_BACK, []))
