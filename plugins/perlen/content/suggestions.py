"""“Meinten Sie …?”: the known name a writer's word is probably a typo of.

One algorithm for every suggestion (metadata keys, categories, folders, file
names): `difflib.get_close_matches` on folded text (case and umlauts ignored,
so `Kategorei` finds „Kategorie“ and `Maerz` „März“); of equally close
candidates the first one given wins, so callers put the preferred spelling
first (the German key before the English one).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from perlen.content.dates import fold


def closest(
    word: str,
    candidates: Iterable[str],
    cutoff: float,
    key: Callable[[str], str] = lambda candidate: candidate,
) -> str | None:
    """The candidate whose `key` is closest to `word`, if at least `cutoff`
    alike (0–1); a candidate equal to `word` itself is no suggestion."""
    folded: dict[str, str] = {}
    for candidate in candidates:
        if candidate != word:
            folded.setdefault(fold(key(candidate)), candidate)
    target = fold(key(word))
    matches = difflib.get_close_matches(
        target, folded, n=max(len(folded), 1), cutoff=cutoff
    )
    if not matches:
        return None
    best = _ratio(target, matches[0])
    tied = {m for m in matches if _ratio(target, m) == best}
    return next(folded[f] for f in folded if f in tied)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()
