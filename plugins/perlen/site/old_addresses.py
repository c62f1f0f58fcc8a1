"""Old addresses keep working: `Alte Adressen: /2019/alter-titel/`.

A post that gets a new title or slug changes its address, and every link
readers saved breaks. Its old addresses (one or more paths, separated by
commas or spaces) become redirects (`perlen.publish.redirects`). Here they
are read and checked: an old address must be a path on this site and must
not be the address of a page the site has now, or the redirect would hide it.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from pelican.contents import Content

from perlen.problems import Problem, display_path
from perlen.site.written_files import WrittenFiles, key

KEY = "old_addresses"
_SEPARATORS = re.compile(r"[,\s]+")
# An old path that names a file (`/2019/beitrag.html`) is that file; any other
# is a folder with an index.html, as the site's own addresses are.
_FILE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")
# What a decoded path must not hold: a redirect rule (`_redirects`) ends at
# white space, and "?" or "#" would end the path (`%20`, `%0A`, `%3F`, `%23`).
_UNREDIRECTABLE = re.compile(r"[\s\x00-\x1f\x7f?#]")


@dataclass(frozen=True)
class OldAddress:
    path: str  # "/2019/alter-titel/", as readers' links have it
    content: Content

    @property
    def save_as(self) -> str:
        """The output file a redirect page for this address goes to."""
        return save_as(self.path)


def save_as(path: str) -> str:
    """The output file served at the site path `path` ("/a/" → "a/index.html")."""
    relative = path.lstrip("/")
    if not relative or relative.endswith("/"):
        return relative + "index.html"
    return relative if _FILE_SUFFIX.search(relative) else relative + "/index.html"


def parse(value: str) -> tuple[list[str], list[str]]:
    """The paths in an `Alte Adressen` value, and the parts that are none.

    A full URL counts by its path, so that an address copied from the
    browser works.
    """
    paths, invalid = [], []
    for part in filter(None, _SEPARATORS.split(value)):
        path = unquote(urlsplit(part).path)
        normal = posixpath.normpath("/" + path.lstrip("/"))
        if path.endswith("/") and normal != "/":
            normal += "/"
        if (
            not path
            or ".." in path.split("/")
            or normal == "/"
            or _UNREDIRECTABLE.search(path)
        ):
            invalid.append(part)
        else:
            paths.append(normal)
    return paths, invalid


def old_addresses(content: Content) -> list[OldAddress]:
    """The old addresses of a post or page, valid ones only."""
    value = content.metadata.get(KEY)
    if not isinstance(value, str):
        return []
    paths, _ = parse(value)
    return [OldAddress(path, content) for path in dict.fromkeys(paths)]


def old_address_problems(
    existing: WrittenFiles, contents: list[Content], line_of
) -> list[Problem]:
    """Old addresses that are no paths, that belong to a page the site has
    now (in its map, `existing`), or that two posts claim. `line_of(path)`
    is the line of the key."""
    claimed: dict[str, list[OldAddress]] = defaultdict(list)
    problems = []
    fix = "Bitte die alte Adresse prüfen oder aus „Alte Adressen:“ streichen."
    for content in contents:
        value = content.metadata.get(KEY)
        if not isinstance(value, str):
            continue
        line = line_of(content.source_path)
        paths, invalid = parse(value)
        if not paths and not invalid:
            problems.append(
                Problem(
                    content.source_path,
                    line,
                    "Bei „Alte Adressen:“ fehlt die Adresse.",
                    "Bitte die frühere Adresse angeben, z. B. "
                    "„Alte Adressen: /2019/alter-titel/“, oder die Zeile löschen.",
                )
            )
        for part in invalid:
            problems.append(_invalid(content.source_path, line, part))
        for old in old_addresses(content):
            claimed[key(old.save_as)].append(old)
            owner = existing.owner(old.save_as)
            if owner is None:
                continue
            if _only_case_differs(old.save_as, owner.save_as):
                problems.append(
                    _only_case(content, line, old, owner.save_as, owner.belongs_to)
                )
                continue
            if key(old.save_as) == key(content.save_as):
                message = (
                    f"Die alte Adresse „{old.path}“ ist die jetzige Adresse "
                    "dieses Beitrags."
                )
            else:
                message = (
                    f"Die alte Adresse „{old.path}“ gehört jetzt zu "
                    f"{owner.belongs_to}; "
                    "eine Weiterleitung würde diese Seite verdecken."
                )
            problems.append(Problem(content.source_path, line, message, fix))
    for same in claimed.values():
        for old in same if len(same) > 1 else ():
            others = ", ".join(
                f"„{display_path(other.content.source_path)}“"
                for other in same
                if other.content is not old.content
            )
            if others:
                problems.append(
                    Problem(
                        old.content.source_path,
                        line_of(old.content.source_path),
                        f"Die alte Adresse „{old.path}“ nennt auch {others}; "
                        "sie kann nur zu einem Beitrag weiterleiten.",
                        fix,
                    )
                )
    return problems


def _invalid(path: str, line: int | None, part: str) -> Problem:
    encoded = re.findall(r"%[0-9A-Fa-f]{2}", part)
    if encoded and _UNREDIRECTABLE.search(unquote(part)):
        codes = ", ".join(f"„{code}“" for code in dict.fromkeys(encoded))
        return Problem(
            path,
            line,
            f"„{part}“ enthält kodierte Zeichen ({codes}) – ein Leerzeichen, "
            "Steuerzeichen, „?“ oder „#“ –, mit denen sich keine Weiterleitung "
            "schreiben lässt.",
            "Bitte diese Adresse aus „Alte Adressen:“ streichen; Adressen mit "
            "Leerzeichen kann die Website nicht weiterleiten.",
        )
    return Problem(
        path,
        line,
        f"„{part}“ ist keine Adresse auf dieser Website.",
        "Bitte den Pfad so angeben, wie er im Browser hinter dem "
        "Namen der Website stand, z. B. „/2019/alter-titel/“.",
    )


def _only_case_differs(old: str, page: str) -> bool:
    """Whether two written paths are one address but for letter case."""
    return old != page and old.casefold() == page.casefold()


def _only_case(
    content: Content, line: int | None, old: OldAddress, page: str, owner: str
) -> Problem:
    """An old address that is a current page's but for case: one folder on
    case-insensitive hosts, where the redirect would hide the page."""
    return Problem(
        content.source_path,
        line,
        f"Die alte Adresse „{old.path}“ unterscheidet sich von der Adresse "
        f"„/{page.removesuffix('index.html')}“ von {owner} nur in Groß- und "
        "Kleinschreibung; auf vielen Servern ist das dieselbe Adresse, und "
        "die Weiterleitung würde diese Seite verdecken.",
        "Bitte die alte Adresse prüfen oder aus „Alte Adressen:“ streichen.",
    )
