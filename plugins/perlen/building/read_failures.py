"""Every file under content/ that cannot be read or written is a build error,
in German.

Stock Pelican logs "Could not process" for a post whose reading raised and
goes on without it; it silently skips folders it may not list; and it follows
symbolic links wherever they lead, copying `/etc/ssl` into the site if a
folder under `content/images/` points there. Here:

- every exception while reading a post or page becomes a `Problem` naming the
  file and the cause, and so does an address outside the site's folder,
  which Pelican skips (`record_failures` wraps the readers);
- `tree_problems` walks content/ itself and reports folders and files that
  cannot be read, symbolic links that lead nowhere, in a loop, or out of
  content/;
- nothing outside content/ is ever read or copied: such posts are refused
  before reading, such static files dropped before copying (`contain`), each
  reported by the walk or by the link checks with post and line; so are
  links in a loop, which Pelican would follow ever deeper.
"""

from __future__ import annotations

import errno
import fnmatch
import os
from collections.abc import Callable, Mapping
from typing import Any

from pelican.contents import SkipStub

from perlen.problems import Problem, ProblemError
from perlen.site.addresses import leaves_output, outside_problem
from perlen.site.containment import inside

_FIX_RIGHTS = (
    "Bitte die Rechte prüfen, z. B. mit „chmod u+r“ (Ordner: „chmod u+rx“), "
    "oder die Datei aus „content“ entfernen."
)
_FIX_LINK = (
    "Bitte statt der Verknüpfung die Datei selbst in den Ordner „content“ "
    "legen oder die Verknüpfung löschen."
)


def read_problem(path: str, error: BaseException) -> Problem:
    """The German problem for a file whose reading raised `error`."""
    if isinstance(error, RecursionError):
        return Problem(
            path,
            None,
            "Der Text ist zu tief verschachtelt (z. B. Hunderte Ebenen Listen "
            "oder Zitate ineinander) und lässt sich nicht lesen.",
            "Bitte die Verschachtelung auf wenige Ebenen verringern.",
        )
    if isinstance(error, PermissionError):
        return _unreadable(path, folder=os.path.isdir(path))
    if isinstance(error, FileNotFoundError) and os.path.islink(path):
        return _dangling(path)
    if isinstance(error, OSError):
        reason = error.strerror or os.strerror(error.errno or errno.EIO)
        return Problem(
            path,
            None,
            f"Die Datei ließ sich nicht lesen ({reason}).",
            "Bitte prüfen, ob sie vollständig und lesbar ist.",
        )
    return Problem(
        path,
        None,
        f"Die Datei ließ sich nicht verarbeiten ({type(error).__name__}: {error}).",
        "Das liegt vermutlich nicht am Text; bitte die Meldung an die Technik "
        "weitergeben.",
    )


def _unreadable(path: str, folder: bool) -> Problem:
    what = "Den Ordner darf" if folder else "Die Datei darf"
    return Problem(path, None, f"{what} der Blog nicht lesen.", _FIX_RIGHTS)


def _dangling(path: str) -> Problem:
    return Problem(
        path,
        None,
        f"Die Verknüpfung zeigt auf „{os.readlink(path)}“, das es nicht gibt.",
        _FIX_LINK,
    )


def _leaving(path: str) -> Problem:
    return Problem(
        path,
        None,
        f"Die Verknüpfung führt aus dem Ordner „content“ hinaus "
        f"(nach „{os.path.realpath(path)}“); der Blog liest nur, was in "
        "„content“ liegt.",
        _FIX_LINK,
    )


def _loop(path: str) -> Problem:
    return Problem(
        path,
        None,
        "Die Verknüpfung zeigt auf einen Ordner, in dem sie selbst liegt "
        "(eine Endlosschleife).",
        _FIX_LINK,
    )


def tree_problems(root: str, ignores: list[str]) -> list[Problem]:
    """Everything under `root` (content/) the build cannot or must not read.

    Names matching `ignores` (Pelican's IGNORE_FILES, compared with the
    file name as Pelican compares them) are left alone, as Pelican does.
    """
    problems: list[Problem] = []

    def folder_failed(error: OSError) -> None:
        problems.append(read_problem(error.filename, error))

    for folder, dirs, files in os.walk(root, onerror=folder_failed):
        dirs[:] = [d for d in dirs if not _ignored(d, ignores)]
        for name in [*dirs, *files]:
            if _ignored(name, ignores):
                continue
            path = os.path.join(folder, name)
            problem = _entry_problem(root, path)
            if problem is not None:
                problems.append(problem)
    return problems


def _ignored(name: str, ignores: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in ignores)


def editor_lock(path: str) -> bool:
    """Emacs marks a file with unsaved changes by a link `.#name` to nowhere;
    it is no post (though Pelican, whose IGNORE_FILES pattern `**/.*` never
    matches a bare file name, tries to read it) and must not stop a preview."""
    name = os.path.basename(path)
    return name.startswith(".#") and os.path.islink(path) and not os.path.exists(path)


def _entry_problem(root: str, path: str) -> Problem | None:
    if editor_lock(path):
        return None
    if os.path.islink(path):
        if not os.path.exists(path):
            return _loop(path) if _is_loop(path) else _dangling(path)
        if not inside(root, path):
            return _leaving(path)
        if _is_loop_link(path):
            return _loop(path)
    folder = os.path.isdir(path)
    if not os.access(path, os.R_OK | (os.X_OK if folder else 0)):
        return _unreadable(path, folder)
    return None


def _is_loop(path: str) -> bool:
    try:
        os.stat(path)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def forbidden(root: str, path: str) -> bool:
    """Whether `path` leaves `root` (with `..` or through a symbolic link) or
    passes through a link in a loop."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    if relative.startswith(os.pardir):
        return True
    current = os.path.abspath(root)
    for part in relative.split(os.sep):
        current = os.path.join(current, part)
        if os.path.islink(current) and (
            not inside(root, current) or _is_loop_link(current)
        ):
            return True
    return False


def _is_loop_link(link: str) -> bool:
    """A link to a folder it lies in (Pelican would read its files again and
    again, ever deeper)."""
    return os.path.isdir(link) and inside(os.path.realpath(link), os.path.dirname(link))


# -- Pelican glue ---------------------------------------------------------------


def record_failures(readers) -> None:
    """`readers_init` handler: keep a German problem for every file whose
    reading raises (in `readers.perlen_failures`), and refuse files that lie
    outside content/ before anything reads them."""
    read_file: Callable[..., Any] = readers.read_file
    readers.perlen_failures = failures = []

    def checked_read_file(base_path: str, path: str, *args, **kwargs):
        full = os.path.join(base_path, path)
        static = kwargs.get("fmt") == "static"  # not read here; see `contain`
        if not static and (editor_lock(full) or forbidden(base_path, full)):
            # No post (an editor's lock), or reported by `tree_problems` (a
            # link) or the link checks (`..`).
            raise ProblemError()
        try:
            content = read_file(base_path, path, *args, **kwargs)
        except ProblemError:
            raise  # the reader reported it
        except Exception as error:
            failures.append(read_problem(full, error))
            raise
        published = not static and not isinstance(content, SkipStub)
        if published and content.save_as and leaves_output(content.save_as):
            failures.append(outside_problem(content))
        return content

    readers.read_file = checked_read_file


def contain(generator) -> None:
    """`static_generator_finalized` handler: drop static files that lie
    outside content/ (through a link, or linked as `{static}../x.jpg`) or
    behind a link in a loop, so they are never copied (the walk or the link
    checks report them), and editors' lock links."""
    root = generator.path
    kept = []
    for static in generator.staticfiles:
        path = static.source_path
        if not (editor_lock(path) or forbidden(root, path)):
            kept.append(static)
        else:
            generator.context["static_content"].pop(
                static.get_relative_source_path(), None
            )
    generator.staticfiles[:] = kept


def collect(generators, settings: Mapping[str, Any]) -> list[Problem]:
    """Every read failure of this build: the readers' and the walk's."""
    problems = tree_problems(settings["PATH"], settings["IGNORE_FILES"])
    for generator in generators:
        problems += getattr(getattr(generator, "readers", None), "perlen_failures", [])
    return problems
