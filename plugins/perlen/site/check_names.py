"""Categories, tags and authors spelled two ways, or close to another one."""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict

from pelican.contents import Content

from perlen.content.dates import fold
from perlen.content.source_lines import SourceLines
from perlen.problems import Problem, Severity

_NAMES = {
    "category": ("Die Kategorie", "Kategorie"),
    "tags": ("Das Schlagwort", "Schlagwörter"),
    "authors": ("Der Name", "Autorin"),
}


def _wrappers(content: Content, attribute: str) -> list:
    value = getattr(content, attribute, None)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _field_key(attribute: str, content: Content) -> str:
    if attribute == "authors" and "author" in content.metadata:
        return "author"
    return attribute


def spelling_variants(
    contents: list[Content], attribute: str, sources: SourceLines
) -> list[Problem]:
    """The same category, tag or author spelled two ways (`Haltung`/`haltung`).

    Pelican merges them under one address and shows whichever it met first;
    the spelling most posts use (or the older post's) is the one to keep.
    """
    uses: dict[str, list[tuple[str, Content]]] = defaultdict(list)
    for content in contents:
        for wrapper in _wrappers(content, attribute):
            uses[wrapper.slug].append((wrapper.name, content))
    problems = []
    what, key_name = _NAMES[attribute]
    for spelled in uses.values():
        counts = Counter(name for name, _ in spelled)
        if len(counts) < 2:
            continue
        first_use = {
            name: min(_date_key(c) for n, c in spelled if n == name) for name in counts
        }
        keep = min(counts, key=lambda name: (-counts[name], first_use[name]))
        for name, content in spelled:
            if name == keep:
                continue
            others = counts[keep]
            where = (
                "einem anderen Beitrag"
                if others == 1
                else f"{others} anderen Beiträgen"
            )
            line = sources.field(content.source_path, _field_key(attribute, content))
            fix = f"Bitte „{keep}“ schreiben."
            if attribute != "tags":
                fix = f"Bitte „{key_name}: {keep}“ schreiben."
            problems.append(
                Problem(
                    content.source_path,
                    line,
                    f"{what} „{name}“ ist anders geschrieben "
                    f"als in {where} („{keep}“).",
                    fix,
                )
            )
    return problems


def _date_key(content: Content) -> tuple:
    """Older posts first; pages (without a date) after them."""
    date = getattr(content, "date", None)
    return (date is None, date.timestamp() if date else 0.0, content.source_path)


def similar_categories(contents: list[Content], sources: SourceLines) -> list[Problem]:
    """A category only one post uses, close to one more posts use: a typo?

    A warning, not an error: a new category may be intended. Once a second
    post uses it, it counts as existing.
    """
    counts: Counter = Counter()
    names: dict[str, str] = {}
    for content in contents:
        for category in _wrappers(content, "category"):
            counts[category.slug] += 1
            names.setdefault(category.slug, category.name)
    candidates = {fold(names[slug]): names[slug] for slug in counts if counts[slug] > 1}
    problems = []
    for content in contents:
        for category in _wrappers(content, "category"):
            if counts[category.slug] != 1:
                continue
            match = difflib.get_close_matches(
                fold(category.name), list(candidates), n=1, cutoff=0.8
            )
            if not match:
                continue
            known = candidates[match[0]]
            problems.append(
                Problem(
                    content.source_path,
                    sources.field(content.source_path, "category"),
                    f"Die Kategorie „{category.name}“ hat sonst kein Beitrag – "
                    f"meinten Sie „{known}“?",
                    f"Falls ja, bitte „Kategorie: {known}“ schreiben; "
                    "eine neue Kategorie darf so bleiben.",
                    Severity.WARNING,
                )
            )
    return problems
