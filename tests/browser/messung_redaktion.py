"""Measurement, not a test of the suite (pytest collects only `test_*.py`):
first visits of /redaktion/ with our Decap build („neu“) and with Decap's
ready-made bundle („alt“, on the same page with the same glue), alternating,
each in a fresh browser context; prints medians and the machine's load, as
the README's "Load time" reports them.

Run: PERLEN_REQUIRE_BROWSER=1 .venv/bin/python -m pytest -s -q -p no:cacheprovider \
     tests/browser/messung_redaktion.py      (RUNDEN=9 for more rounds)
"""

import os
import shutil
import statistics

from browser_site import browser  # noqa: F401
from conftest import ROOT
from test_redaktion import first_visit, newsroom  # noqa: F401


def test_measure(browser, newsroom):  # noqa: F811
    folder = newsroom.site.output / "redaktion"
    stock = ROOT / "node_modules/decap-cms/dist"
    (folder / "alt").mkdir(exist_ok=True)
    for file in [stock / "decap-cms.js", *stock.glob("*.decap-cms.js")]:
        shutil.copyfile(file, folder / "alt" / file.name)
    page = (folder / "index.html").read_text()
    (folder / "alt.html").write_text(
        page.replace('type="module" src="decap-cms.js"', 'src="alt/decap-cms.js"')
    )
    variants = {"alt": "alt.html", "neu": "index.html"}
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    loads = []
    for round_ in range(int(os.environ.get("RUNDEN", "5")) + 1):
        for name, file in variants.items():
            *_, shown, loaded = first_visit(browser, f"{newsroom.url}/redaktion/{file}")
            if round_:  # the first round warms up the browser and the server
                results[name].append((shown, loaded))
                loads.append(os.getloadavg()[0])
    print(f"\nload average (1 min) during the runs: {min(loads):.2f}–{max(loads):.2f}")
    for name, values in results.items():
        shown = [round(s) for s, _ in values]
        loaded = [round(lo) for _, lo in values]
        print(f"{name}: Anmelden median {statistics.median(shown):.0f} ms {shown}")
        print(f"{name}: load median {statistics.median(loaded):.0f} ms {loaded}")
