"""The writer's guide (docs/schreiben.md) is true: every example in it is tried.

The example post builds without a single problem, every date form parses,
every metadata key maps and works, every typography example renders as shown,
every image and link example resolves in the built site, every error example
produces exactly the message printed under it, and every command exists.
"""

from __future__ import annotations

import io
import posixpath
import re
from dataclasses import dataclass
from datetime import datetime
from html import unescape
from pathlib import Path

import pytest
from conftest import Site
from perlen.building.checked import checked_build
from perlen.content.dates import BERLIN, parse_date
from perlen.content.metadata import canonical_key
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "schreiben.md"


def _picture() -> bytes:
    """A real picture, wide enough for a Titelbild: the site publishes only
    processed images (perlen.images), whatever the file's suffix."""
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 630), (163, 22, 79)).save(buffer, "PNG")
    return buffer.getvalue()


PICTURE = _picture()


def put_image(content: Path, relative: str) -> None:
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PICTURE)


# -- Reading the guide -------------------------------------------------------


def sections(text: str, level: int) -> dict[str, str]:
    """Heading → body for the headings of `level` (2 for `##`)."""
    marker = "#" * level + " "
    parts: dict[str, str] = {}
    heading = None
    lines: list[str] = []
    in_code = False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        if not in_code and line.startswith(marker):
            if heading is not None:
                parts[heading] = "\n".join(lines)
            heading, lines = line[len(marker) :].strip(), []
        elif not in_code and level > 1 and re.match(rf"^#{{1,{level - 1}}} ", line):
            if heading is not None:
                parts[heading] = "\n".join(lines)
            heading, lines = None, []
        elif heading is not None:
            lines.append(line)
    if heading is not None:
        parts[heading] = "\n".join(lines)
    return parts


@dataclass
class Block:
    language: str
    code: str
    before: str  # the prose between the previous block and this one


def blocks(text: str) -> list[Block]:
    found = []
    pattern = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
    position = 0
    for match in pattern.finditer(text):
        found.append(
            Block(match.group(1), match.group(2), text[position : match.start()])
        )
        position = match.end()
    return found


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def chapter(name: str) -> str:
    return sections(guide(), 2)[name]


def table_rows(text: str) -> list[list[str]]:
    rows = [line for line in text.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def code_spans(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


@dataclass
class ErrorExample:
    heading: str
    files: dict[str, str]  # path below the project → text
    expected: list[str]  # lines the check prints
    publish: bool  # checked with publishconf.py
    beside: list[str]  # files said to lie beside the post


def error_examples() -> list[ErrorExample]:
    examples = []
    for heading, body in sections(
        chapter("Fehlermeldungen und was sie bedeuten"), 3
    ).items():
        files: dict[str, str] = {}
        expected: list[str] = []
        for block in blocks(body):
            if block.language == "markdown":
                path = re.findall(r"Datei `([^`]+)`:", block.before)[-1]
                files[path] = block.code
            elif block.language == "text":
                expected += [line for line in block.code.splitlines() if line.strip()]
        examples.append(
            ErrorExample(
                heading,
                files,
                expected,
                "`perlen pruefen -s publishconf.py`" in body,
                re.findall(r"liegt `([^`]+)` neben dem Beitrag", body),
            )
        )
    return examples


def plain(html: str) -> str:
    """Visible text of HTML, with protected spaces as plain spaces."""
    text = unescape(re.sub(r"<[^>]+>", "", html))
    return re.sub(r"[\u00a0\u202f]", " ", text)


def local_references(html: str) -> list[str]:
    """Site-relative `src`/`href` values of images and links in `html`."""
    urls = re.findall(r'<(?:img|a)\b[^>]*?(?:src|href)="([^"]+)"', html)
    return [url for url in urls if url.startswith("/") and not url.startswith("//")]


def assert_resolves(output: Path, url: str) -> None:
    path = output / url.lstrip("/").split("#")[0]
    assert path.is_file() or (path / "index.html").is_file(), url


# -- The example post --------------------------------------------------------


def test_example_post_builds_without_a_single_problem(site):
    example = blocks(chapter("Ein Beitrag ist eine Textdatei"))[0]
    assert example.language == "markdown"
    post = site.write("posts/2021/monarchie-im-perlenbuero.md", example.code)
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", example.code):
        put_image(site.content, f"posts/2021/{image}")
    outcome = checked_build(site.settings())
    assert outcome.problems == []
    (content,) = [c for c in outcome.contents if c.source_path == str(post)]
    page = site.html("2021/monarchie-im-perlenbuero/index.html")
    assert "Dienstag, 28. September 2021" in page
    assert "„Der Kunde ist König“" in plain(page)
    assert "❤️" in page and "😉" in page
    images = re.findall(r'<img [^>]*src="([^"]+)"', page)
    assert any("/krone-" in url for url in images)  # its processed variants
    for url in images:
        assert_resolves(site.output, url)
    assert (site.output / content.cover.share).is_file()  # Titelbild → social image


# -- Metadata and dates ------------------------------------------------------


def metadata_rows() -> list[tuple[list[str], str]]:
    """(every spelling of the key, the example line) per row of the table."""
    return [
        (code_spans(key), code_spans(example)[0])
        for key, example, _ in table_rows(chapter("Die Angaben im Kopf"))
    ]


def test_the_metadata_table_lists_every_key_writers_need():
    keys = {canonical_key(names[0]) for names, _ in metadata_rows()}
    assert {
        "title",
        "date",
        "author",
        "category",
        "tags",
        "summary",
        "image",
        "status",
    } <= keys


@pytest.mark.parametrize(("names", "line"), metadata_rows(), ids=lambda v: str(v)[:30])
def test_every_metadata_key_maps_and_its_example_builds(site, names, line):
    key = canonical_key(names[0])
    assert key is not None
    assert all(canonical_key(name) == key for name in names)
    assert line.split(":", 1)[0] == names[0]
    fields = {"Titel": "Ein Beispiel", "Datum": "28.09.2021"}
    name, value = (part.strip() for part in line.split(":", 1))
    fields[name] = value
    if key == "image":  # a Titelbild comes with its text (else a warning)
        fields["Titelbild-Text"] = "Ein Beispielbild"
    header = "".join(f"{k}: {v}\n" for k, v in fields.items())
    site.write("posts/2021/beispiel.md", f"{header}\nText.\n")
    if key == "image":
        put_image(site.content, f"posts/2021/{value}")
    outcome = checked_build(site.settings())
    assert outcome.problems == []
    (content,) = outcome.contents
    assert key in content.metadata


def date_forms() -> list[str]:
    body = chapter("Datum und Uhrzeit")
    return [code_spans(line)[0] for line in body.splitlines() if line.startswith("- `")]


@pytest.mark.parametrize("text", date_forms())
def test_every_date_form_in_the_guide_parses(text):
    parsed = parse_date(text)
    assert (parsed.year, parsed.month, parsed.day) == (2021, 9, 28)
    assert (parsed.hour, parsed.minute) == ((14, 30) if "14:30" in text else (0, 0))


def test_the_guide_lists_the_date_forms():
    assert len(date_forms()) >= 10


# -- Text, typography, images, links -----------------------------------------


def typography_rows() -> list[tuple[str, str]]:
    rows = table_rows(chapter("Anführungszeichen, Striche, Emoji und Herzen"))
    return [(code_spans(written)[0], shown) for written, shown in rows]


@pytest.fixture(scope="module")
def typography_site(tmp_path_factory) -> Site:
    """Every typography example as a post of its own, built once."""
    site = Site(tmp_path_factory.mktemp("typografie"))
    for number, (written, _) in enumerate(typography_rows()):
        site.write(
            f"posts/beispiel-{number}.md",
            f"Titel: Beispiel\nSlug: beispiel-{number}\nDatum: 28.09.2021\n\n"
            f"{written}\n",
        )
    site.build()
    return site


@pytest.mark.parametrize(
    ("number", "written", "shown"),
    [(number, *row) for number, row in enumerate(typography_rows())],
)
def test_every_typography_example_renders_as_shown(
    typography_site, number, written, shown
):
    page = typography_site.html(f"2021/beispiel-{number}/index.html")
    article = page[page.index("<article") : page.index("</article>")]
    assert shown in plain(article), written


def fragment_blocks() -> list[str]:
    chapters = ("Text gestalten", "Bilder", "Links")
    return [b.code for name in chapters for b in blocks(chapter(name))]


def test_every_text_image_and_link_example_works_in_the_built_site(site):
    """All fragments in one post in 2022, with the files they name in place."""
    body = "\n\n".join(fragment_blocks())
    post = "posts/2022/beispiel.md"
    site.write(post, f"Titel: Beispiel\nDatum: 3.1.2022\n\n{body}\n")
    for target in re.findall(r'\]\(([^)\s]+)(?: "[^"]*")?\)', body):
        if target.startswith("http"):
            continue
        if target.startswith("/"):
            relative = target.lstrip("/")
        else:
            relative = posixpath.normpath(posixpath.join("posts/2022", target))
        if target.endswith(".md"):
            site.write(
                relative, "Titel: Monarchie im Perlenbüro\nDatum: 28.09.2021\n\nText.\n"
            )
        else:
            put_image(site.content, relative)
    outcome = checked_build(site.settings())
    assert outcome.problems == []
    page = site.html("2022/beispiel/index.html")
    article = page[page.index("<article") : page.index("</article>")]
    references = local_references(article)
    assert any("/perlen-" in url for url in references)
    assert any("/logo-" in url for url in references)
    assert "/2021/monarchie-im-perlenbuero/" in references
    for url in references:
        assert_resolves(site.output, url)


# -- Error messages ----------------------------------------------------------


def test_the_guide_explains_every_check_with_an_example():
    examples = error_examples()
    assert len(examples) >= 15
    for example in examples:
        assert example.files and example.expected, example.heading


@pytest.mark.parametrize("example", error_examples(), ids=lambda e: e.heading)
def test_every_error_example_prints_the_documented_messages(
    project, monkeypatch, example
):
    for path, text in example.files.items():
        project.write(path.removeprefix("content/"), text)
        for name in example.beside:
            project.write(str(Path(path).parent.relative_to("content") / name), PICTURE)
    args = ["pruefen"]
    if example.publish:
        monkeypatch.setenv("SITEURL", "https://blog.example.org")
        args += ["-s", "publishconf.py"]
    code, out, _ = project.run(*args)
    printed = [line.strip() for line in out.splitlines()]
    for line in example.expected:
        assert line.strip() in printed
    # A site-wide summary line counts its problems: „…: 2 Warnungen. …“.
    has_errors = any(
        not line.startswith(("• Warnung", "In Ordnung"))
        and not re.search(r": \d+ Warnung(en)?\. ", line)
        for line in example.expected
    )
    assert code == (1 if has_errors else 0)


# -- Commands and typography of the guide itself -----------------------------


def makefile_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z-]+):.*#[#>] ", makefile, re.MULTILINE))


def test_every_command_in_the_guide_exists():
    text = guide()
    assert set(re.findall(r"`make ([a-z-]+)", text)) <= makefile_targets()
    from perlen.commands.cli import parser

    commands = parser()._subparsers._group_actions[0].choices
    assert set(re.findall(r"`perlen ([a-z]+)", text)) <= set(commands)


def test_the_guide_itself_uses_german_typography():
    prose = re.sub(r"```.*?```", "", guide(), flags=re.DOTALL)
    prose = re.sub(r"`[^`]*`", "", prose)
    prose = re.sub(r"<https?://[^>]+>", "", prose)
    assert '"' not in prose
    assert " - " not in prose.replace("\n- ", "\n")
    assert "..." not in prose
    assert "'" not in prose


def test_the_folders_and_files_the_guide_points_to_exist():
    """„In den Ordner des Jahres wechseln, z. B. content/posts/2021/“: every
    path under content/ the handover section names is there to look at (the
    error messages' examples elsewhere name files a writer might have)."""
    text = GUIDE.read_text(encoding="utf-8")
    text = text[text.index("## Übergeben und veröffentlichen") :]
    text = text[: text.index("\n## ", 1)]
    named = set(re.findall(r"`(content/[^`]+)`", text))
    assert "content/posts/2021/" in named
    assert [path for path in sorted(named) if not (ROOT / path).exists()] == []


def test_the_guide_names_the_checks_that_protect_main():
    """The branch rules require the pull-request checks by their job names."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("### Wie die Agentur `main` schützt") :]
    section = section[: section.index("\n### ", 1)]
    workflow = (ROOT / ".github" / "workflows" / "vorschau.yml").read_text("utf-8")
    jobs = re.findall(r"^    name: (.+)$", workflow, re.MULTILINE)
    assert jobs == ["Vorschau bauen und Beiträge prüfen", "Tests"]
    for job in jobs:
        assert f"„{job}“" in section
    for setting in (
        "Require a pull request before merging",
        "Require status checks to pass",
        "Block force pushes",
        "Include default branch",
    ):
        assert f"**{setting}**" in section


def test_the_scheduled_post_examples_still_lie_in_the_future():
    """The guide's examples of a scheduled post must stay scheduled: a date
    that has passed would be published at once by a writer who copies it."""
    text = GUIDE.read_text(encoding="utf-8")
    paragraphs = [
        block
        for block in text.split("\n\n")
        if "Zukunft" in block or "erscheint ab" in block or "geplant" in block
    ]
    found = [
        match.group(0)
        for block in paragraphs
        for match in re.finditer(
            r"\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4}(?: \d{1,2}:\d{2})?", block
        )
    ]
    assert found, "the guide gives no example date for a scheduled post"
    now = datetime.now(BERLIN)
    passed = [example for example in found if parse_date(example) <= now]
    assert passed == [], f"examples of scheduled posts that have passed: {passed}"
