"""HTML and CSS validity, according to the Nu HTML Checker."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pelican.contents import Content

from perlen.problems import display_path
from perlen.publish.findings import Findings
from perlen.publish.search_index import INDEX_DIR
from perlen.settings import project_folder, setting

# The Nu HTML Checker from npm (`vnu-jar` in package-lock.json), current
# enough for CSP Level 3 and modern CSS, where `npm ci` puts it.
NPM_JAR = "node_modules/vnu-jar/build/dist/vnu.jar"


def nu_checker(settings: Mapping[str, Any]) -> Path:
    """The checker's jar: PERLEN_NU_CHECKER, or npm's in the blog's folder
    (the one whose `plugins/` PLUGIN_PATHS names, as pelicanconf.py does)."""
    configured = setting(settings, "PERLEN_NU_CHECKER")
    if configured:
        return Path(configured)
    return project_folder(settings) / NPM_JAR


def check_html(
    site: Path,
    findings: Findings,
    written: Mapping[str, Content] | None = None,
    checker: Path | None = None,
) -> None:
    """Every page is valid HTML and every stylesheet valid CSS, according to
    the Nu HTML Checker (`checker`, by default the project's): one Java run
    for the whole site. A finding on a listing comes from a post's summary,
    which the fix names."""
    checker = checker or nu_checker({})
    java = shutil.which("java")
    if java is None:
        findings.add(
            "HTML-Prüfung",
            "Java fehlt: Die HTML-Prüfung (Nu HTML Checker) "
            "braucht eine Java-Laufzeit.",
            "Bitte installieren, z. B. „apt-get install default-jre-headless“.",
        )
        return
    if not checker.is_file():
        findings.add(
            "HTML-Prüfung",
            "Der Nu HTML Checker (npm-Paket „vnu-jar“) ist nicht installiert.",
            "Bitte „make node_modules/.installed“ (npm ci) ausführen.",
        )
        return
    result = subprocess.run(
        [
            java,
            "-jar",
            str(checker),
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            "--errors-only",
            "--no-langdetect",
            "--skip-non-html",
            "--also-check-css",
            str(site),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        report = (result.stdout + result.stderr).strip()[:500]
        findings.add("HTML-Prüfung", f"Der Nu HTML Checker ist gescheitert: {report}")
        return
    root = site.resolve()
    for message in messages:
        file = Path(unquote(urlsplit(message.get("url", "")).path))
        path = (
            file.relative_to(root).as_posix()
            if file.is_relative_to(root)
            else str(file)
        )
        if path.startswith(f"{INDEX_DIR}/"):
            continue
        text = message.get("message", "").strip()
        if path.endswith(".css"):
            line = message.get("lastLine")
            where = f" (Zeile {line})" if line else ""
            findings.add(
                path,
                f"Ungültiges CSS{where}: {text.removeprefix('CSS: ')}",
                "Bitte das Stylesheet des Themes korrigieren.",
            )
            continue
        source = None if path in (written or {}) else _summary_source(message, written)
        findings.add(
            path,
            f"Ungültiges HTML: {text}",
            f"Bitte das HTML in der Zusammenfassung von „{display_path(source)}“ "
            "korrigieren."
            if source
            else "Bitte das HTML (Theme oder Beitrag) korrigieren.",
        )


def _summary_source(
    message: Mapping[str, Any], written: Mapping[str, Content] | None
) -> str | None:
    """The post whose summary holds the markup the checker highlights."""
    extract = message.get("extract") or ""
    start, length = message.get("hiliteStart"), message.get("hiliteLength")
    if not written or start is None or not length:
        return None
    markup = extract[start : start + length].strip()
    for content in {id(c): c for c in written.values()}.values():
        summary = content.metadata.get("summary")
        if markup and isinstance(summary, str) and markup in content.summary:
            return content.source_path
    return None
