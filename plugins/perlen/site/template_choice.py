"""`Vorlage: …` names a template of the theme; a name it lacks is an error.

Pelican looks a post's template up only while writing it and then stops the
whole build with an English `PelicanTemplateNotFound`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pelican.contents import Content

from perlen.problems import Problem


def missing_templates(
    contents: Iterable[Content],
    available: Iterable[str],
    line_of: Callable[[Content], int | None],
) -> list[Problem]:
    """Posts and pages naming a template that is not among `available`
    (the theme's template names without suffix, e.g. "page")."""
    known = sorted(set(available))  # for the fix, in a stable order
    problems = []
    for content in contents:
        name = content.metadata.get("template")
        if not name or name in known:
            continue
        problems.append(
            Problem(
                content.source_path,
                line_of(content),
                f"Die Vorlage „{name}“ gibt es im Design nicht.",
                "Bitte die Zeile löschen (dann gilt die übliche Vorlage) oder "
                f"eine Vorlage des Designs nennen: {_examples(known)}.",
            )
        )
    return problems


def _examples(known: list[str]) -> str:
    shown = [f"„{name}“" for name in ("article", "page") if name in known]
    return " oder ".join(shown or [f"„{name}“" for name in known[:3]])


def template_names(generator) -> list[str]:
    """The names `Vorlage:` may take: the theme's page templates."""
    suffixes = tuple(generator.settings["TEMPLATE_EXTENSIONS"])
    return [
        name.rsplit(".", 1)[0]
        for name in generator.env.list_templates()
        if name.endswith(suffixes) and "/" not in name and not name.startswith("_")
    ]
