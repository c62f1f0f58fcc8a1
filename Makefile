# The perlenmädchen blog. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
PELICANOPTS ?=
N ?= 1000
# Corpus shape of `make bench`: standard or vielfalt (benchmarks/corpus.py).
FORM ?= standard
BENCH_RESULTS := cache/benchmark$(if $(filter-out standard,$(FORM)),-$(FORM))
BILDER ?= 100

.DEFAULT_GOAL := help
.PHONY: help venv html serve clean test lint bench neu pruefen vorschau lighthouse referenzbilder
.PHONY: publish verify rsync_upload s3_upload ssh-ziel s3-ziel

# Writers' targets are marked `#>`, the maintainers' `##`; help lists the
# writers' first, in a group of their own.
help: ## Alle Befehle zeigen
	@echo 'Zum Schreiben:'
	@grep -E '^[a-z0-9_-]+:.*#> ' $(MAKEFILE_LIST) | awk -F ':.*#> ' '{printf "  make %-12s %s\n", $$1, $$2}'
	@echo
	@echo 'Zum Bauen, Prüfen und Veröffentlichen:'
	@grep -E '^[a-z0-9_-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	PIP_CONSTRAINT=requirements.lock $(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(STAMP) ## Python-Umgebung (.venv) anlegen oder auffrischen

# The Nu HTML Checker (vnu-jar, for every publish build), axe-core (browser
# tests) and Lighthouse, pinned in package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Writers' targets fail quietly: `perlen` has said in German what is wrong,
# and make's English "make: *** [...] Error 1" would only add noise. On a
# failure the recipe stops make with SIGINT, which make does not comment on
# when the recipe itself ends well; make's exit status stays non-zero (130),
# so `make publish rsync_upload` still stops there. Where make ignores SIGINT
# (a background job of a script) or /proc is missing, it fails as usual.
QUIETLY := || { if [ -r /proc/$$PPID/status ] && ! grep -Eq \
	'^SigIgn:[[:space:]]*[0-9a-f]*[2367abef]$$' /proc/$$PPID/status; then \
	kill -INT $$PPID; sleep 1; exit 0; fi; exit 1; }

html: $(STAMP) ## Website nach output/ bauen (ein fehlerhafter Bau lässt die alte Fassung stehen)
	@$(BIN)/perlen bauen $(PELICANOPTS) $(QUIETLY)

serve: $(STAMP) ## Pelicans Entwicklungsserver auf http://127.0.0.1:8000/, baut bei Änderungen neu
	$(BIN)/pelican --listen --autoreload --bind 127.0.0.1 --port 8000 -s pelicanconf.py $(PELICANOPTS)

# Writers' commands; arguments come from the command line, e.g.
# `make neu TITEL="Monarchie im Perlenbüro" KATEGORIE=Haltung`, and reach the
# shell as environment variables, so quotes in a title stay intact.
PORT ?= 8000

neu: $(STAMP) #> Neuen Beitrag anlegen: make neu TITEL="…" [KATEGORIE=… SCHLAGWOERTER="a, b" AUTORIN=… DATUM=…]
	@test -n "$$TITEL" || { echo 'Bitte einen Titel angeben: make neu TITEL="Mein Titel"' >&2; false; } $(QUIETLY)
	@$(BIN)/perlen neu "$$TITEL" $${KATEGORIE:+--kategorie "$$KATEGORIE"} \
		$${SCHLAGWOERTER:+--schlagwoerter "$$SCHLAGWOERTER"} $${AUTORIN:+--autorin "$$AUTORIN"} \
		$${DATUM:+--datum "$$DATUM"} $(QUIETLY)

pruefen: $(STAMP) #> Alle Beiträge prüfen (STRENG=1: auch Warnungen zählen als Fehler)
	@$(BIN)/perlen pruefen $${STRENG:+--streng} $(QUIETLY)

vorschau: $(STAMP) #> Vorschau mit Entwürfen auf http://127.0.0.1:8000/ (PORT=…), neu gebaut bei jeder Änderung
	@$(BIN)/perlen vorschau --port $(PORT) $(QUIETLY)

# Publishing. The site's address and the upload targets come from the
# environment, never from a committed file:
#   SITEURL=https://blog.example.org make publish
#   SSH_HOST=… SSH_TARGET_DIR=/var/www/blog [SSH_USER=… SSH_PORT=…] make rsync_upload
#   S3_BUCKET=… make s3_upload   (with the aws CLI and its credentials)
OUTPUT := output
SSH_PORT ?= 22

publish: $(STAMP) $(NODE_STAMP) ## Zum Veröffentlichen bauen (SITEURL=https://… make publish): streng, geprüft, mit Suche
	@$(BIN)/perlen veroeffentlichen --ausgabe $(OUTPUT) $(QUIETLY)

verify: $(STAMP) $(NODE_STAMP) ## output/ erneut prüfen: Links, Bilder, HTML, Feeds, Sitemap, fremde Server
	$(BIN)/perlen veroeffentlichen --ausgabe $(OUTPUT) --nur-pruefen

rsync_upload: ssh-ziel publish ## Veröffentlichen und per rsync/SSH hochladen (SSH_HOST, SSH_TARGET_DIR)
	rsync -e "ssh -p $(SSH_PORT)" -P -rvzc --include tags --cvs-exclude --delete \
		"$(OUTPUT)"/ "$${SSH_USER:+$$SSH_USER@}$$SSH_HOST:$$SSH_TARGET_DIR"

s3_upload: s3-ziel publish ## Veröffentlichen und in den S3-Bucket S3_BUCKET hochladen
	aws s3 sync "$(OUTPUT)"/ "s3://$$S3_BUCKET" --delete

ssh-ziel:
	@test -n "$$SSH_HOST" -a -n "$$SSH_TARGET_DIR" || { echo 'Bitte das Ziel angeben: SSH_HOST=server.example.org SSH_TARGET_DIR=/var/www/blog make rsync_upload' >&2; exit 2; }

s3-ziel:
	@test -n "$$S3_BUCKET" || { echo 'Bitte den Bucket angeben: S3_BUCKET=mein-bucket make s3_upload' >&2; exit 2; }

clean: ## Gebaute Website und Zwischenspeicher löschen
	rm -rf output cache

test: lint $(NODE_STAMP) ## Alle Tests ausführen (mit Stilprüfung)
	$(BIN)/pytest

# After an intended change of the theme: new reference screenshots for the
# visual regression test (tests/browser/test_visual.py); review, then commit.
referenzbilder: $(STAMP) $(NODE_STAMP) ## Referenzbilder der Seiten neu aufnehmen (nach gewollten Änderungen am Theme)
	PERLEN_REFERENZBILDER=1 $(BIN)/pytest -q tests/browser/test_visual.py

lighthouse: $(STAMP) $(NODE_STAMP) ## Lighthouse für Startseite und Beitrag (mobil; Berichte in test-artifacts/)
	$(BIN)/pytest -q tests/browser/test_lighthouse.py

bench: $(STAMP) ## Bauzeit gegen Pelican messen, mit N erzeugten Beiträgen (Standard 1000; N=10000 für den Skalierungslauf; FORM=vielfalt für die zweite Korpusform), dann Bilder kalt/warm (BILDER=100 Beiträge mit je 2 Fotos)
	$(BIN)/python -m benchmarks.run --form $(FORM) --beitraege $(N) --speichern $(BENCH_RESULTS)-$(N).json --vergleich $(BENCH_RESULTS)-1000.json
	$(BIN)/python -m benchmarks.text_pipeline --beitraege $(N)
	$(BIN)/python -m benchmarks.images --beitraege $(BILDER)

lint: $(STAMP) ## Code-Stil prüfen (ruff)
	$(BIN)/ruff check plugins tests benchmarks
	$(BIN)/ruff format --check plugins tests benchmarks
