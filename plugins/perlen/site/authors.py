"""Author profiles for the theme: the box under each post and the author page.

The profiles come from `content/autorinnen/*.md` (`content.author_files`,
folder PERLEN_AUTHOR_PATH). Templates find a post's author's profile with
`author_profiles.get(author.slug)`. The photo goes through the image
pipeline like any photo in a post: variants in the widths the round photo
needs, written by the pictures generator.
"""

from __future__ import annotations

import html
import os
import posixpath
from dataclasses import dataclass
from typing import Any

from markdown.serializers import to_html_string
from markupsafe import Markup

from perlen.content.author_files import AuthorFile, read_author_file
from perlen.content.slugs import german_slug
from perlen.images.markdown import ImageOptions
from perlen.images.markup import picture
from perlen.images.variants import plan
from perlen.problems import Problem, ProblemError
from perlen.settings import setting
from perlen.site.containment import inside
from perlen.site.cover_image import cover_path, is_external
from perlen.site.pictures import PicturesGenerator, photo_job
from perlen.text.pipeline import typeset_inline

# The photo is shown 5rem (box) or 7rem (author page) wide, round.
PHOTO_WIDTHS = (160, 320)
PHOTO_SIZES = "7rem"


@dataclass(frozen=True)
class Profile:
    name: str
    role: str
    bio: Markup  # paragraphs with German typography
    photo: Markup | None


def author_paths(settings: dict[str, Any]) -> list[str]:
    folder = os.path.join(settings["PATH"], setting(settings, "PERLEN_AUTHOR_PATH"))
    if not os.path.isdir(folder):
        return []
    return [
        os.path.join(folder, name)
        for name in sorted(os.listdir(folder))
        if name.lower().endswith(".md") and not name.startswith(".")
    ]


def _photo(file: AuthorFile, settings: dict[str, Any]):
    """The photo's source image and plan, or a problem."""
    options = ImageOptions.of(settings)
    relative_dir = os.path.relpath(os.path.dirname(file.path), options.root)
    path = cover_path(file.photo, relative_dir.replace(os.sep, "/"))
    full = os.path.join(options.root, path) if path else ""
    name = posixpath.basename(file.photo)
    if is_external(file.photo) or not path or not inside(options.root, full):
        return None, Problem(
            file.path,
            file.photo_line,
            f"Das Foto „{file.photo}“ liegt nicht im Ordner „content/“.",
            "Bitte das Foto neben die Autorinnen-Datei legen und nur seinen "
            "Dateinamen angeben, z. B. „Foto: anna.jpg“.",
        )
    if not os.path.isfile(full):
        return None, Problem(
            file.path,
            file.photo_line,
            f"Das Foto „{name}“ gibt es nicht.",
            "Bitte den Dateinamen prüfen (Groß- und Kleinschreibung zählt) oder "
            "das Foto neben die Autorinnen-Datei legen.",
        )
    try:
        source = options.read(path)
    except ProblemError as error:
        return None, error.problem.placed(file.path, file.photo_line)
    except OSError:
        message = f"Das Foto „{name}“ lässt sich nicht lesen."
        return None, Problem(file.path, file.photo_line, message)
    return source, None


def read_profiles(
    settings: dict[str, Any],
) -> tuple[dict[str, Profile], list[tuple], list[Problem]]:
    """Profiles by author slug, the photos to process (source, plan, where),
    and the problems of every author file."""
    profiles: dict[str, Profile] = {}
    photos: list[tuple] = []
    problems: list[Problem] = []
    options = ImageOptions.of(settings)
    for path in author_paths(settings):
        file, found = read_author_file(path)
        problems += found
        if file is None:
            continue
        photo = None
        if file.photo:
            source, problem = _photo(file, settings)
            if problem:
                problems.append(problem)
                continue
            if source.passthrough:
                problems.append(
                    Problem(
                        path,
                        file.photo_line,
                        "Als Foto taugt nur ein JPEG-, PNG-, WebP- oder AVIF-Bild.",
                        "Bitte das Foto in einem dieser Formate speichern.",
                    )
                )
                continue
            planned = plan(source, PHOTO_WIDTHS)
            element = picture(
                planned, f"Porträt von {file.name}", PHOTO_SIZES, options.base
            )
            photo = Markup(to_html_string(element))
            photos.append((source, planned, (path, file.photo_line)))
        bio = Markup("").join(
            Markup("<p>{}</p>").format(
                Markup(typeset_inline(html.escape(p, quote=False), settings, "de"))
            )
            for p in file.bio
        )
        slug = german_slug(file.name)  # as the reader slugs authors
        profiles[slug] = Profile(file.name, file.role, bio, photo)
    return profiles, photos, problems


def author_problems(settings: dict[str, Any]) -> list[Problem]:
    return read_profiles(settings)[2]


def add_author_profiles(generators) -> None:
    """`all_generators_finalized` handler: `author_profiles` for the
    templates, and the photos for the pictures generator."""
    settings = generators[0].settings
    profiles, photos, _ = read_profiles(settings)
    for generator in generators:
        if hasattr(generator, "env"):
            generator.env.globals["author_profiles"] = profiles
        if isinstance(generator, PicturesGenerator):
            generator.extra_jobs = [photo_job(*photo, settings) for photo in photos]
