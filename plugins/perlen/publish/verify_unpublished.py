"""No draft and no post dated in the future in the published site."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from pelican.contents import Content

from perlen.publish.findings import Findings


def check_unpublished(
    written: Mapping[str, Content], findings: Findings, now: datetime | None = None
) -> None:
    """No draft and no post dated in the future made it into the site."""
    now = now or datetime.now(UTC)
    for path, content in written.items():
        if getattr(content, "status", "published") == "draft":
            findings.add(
                path, "Ein Entwurf ist in der veröffentlichten Website gelandet."
            )
        date = getattr(content, "date", None)
        if date is not None and date.tzinfo is not None and date > now:
            findings.add(
                path,
                f"Ein Beitrag mit Datum in der Zukunft ({date:%d.%m.%Y}) "
                "ist in der veröffentlichten Website gelandet.",
            )
