# The perlenmädchen blog. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON_VERSION := $(shell $(PYTHON) -c 'import platform; print(platform.python_version())')
PYTHON_STAMP := $(VENV)/.python-$(PYTHON_VERSION)
UV := $(BIN)/uv
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
PELICANOPTS ?=
N ?= 1000
# Corpus shape of `make bench`: standard or vielfalt (benchmarks/corpus.py).
FORM ?= standard
BENCH_RESULTS := cache/benchmark$(if $(filter-out standard,$(FORM)),-$(FORM))
BILDER ?= 100

.DEFAULT_GOAL := help
.PHONY: help venv lock html serve clean test test-schnell lint bench neu pruefen vorschau redaktion lighthouse referenzbilder
.PHONY: publish verify rsync_upload s3_upload ssh-ziel s3-ziel

# Writers' targets are marked `#>`, the maintainers' `##`; help lists the
# writers' first, in a group of their own.
help: ## Alle Befehle zeigen
	@echo 'Zum Schreiben:'
	@grep -E '^[a-z0-9_-]+:.*#> ' $(MAKEFILE_LIST) | awk -F ':.*#> ' '{printf "  make %-12s %s\n", $$1, $$2}'
	@echo
	@echo 'Zum Bauen, Prüfen und Veröffentlichen:'
	@grep -E '^[a-z0-9_-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# The venv is rebuilt when the Python version changes, reinstalled with uv
# when the lock or pyproject.toml does; `uv pip sync` installs exactly the
# lock (hashes checked) and removes what it no longer lists. uv itself comes
# from its pin and hashes in the lock, installed with the venv's pip.
$(PYTHON_STAMP):
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	touch $@

$(UV): $(PYTHON_STAMP) requirements.lock
	awk '/^uv==/ {p = 1} p {print} p && !/\\$$/ {exit}' requirements.lock > $(VENV)/uv.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(VENV)/uv.txt
	touch $@

# By real paths: run through a symbolic link to this checkout (as the tests
# do), the scripts' first lines and the editable install must still point here.
HERE := $(patsubst %/,%,$(dir $(realpath $(firstword $(MAKEFILE_LIST)))))
VENV_PYTHON = $(realpath $(VENV))/bin/python

# Compiled once here: uv installs no bytecode by default, and where
# PYTHONDONTWRITEBYTECODE is set (as on the machines this project is built
# and tested on) Python never writes it either, so every build and every
# `perlen` would compile Pelican, Markdown, docutils and the plugin from
# source again (imports took 1.2 s instead of 0.4 s). Python checks each
# file's time stamp, so a module edited later is compiled afresh in memory,
# never taken stale.
$(STAMP): $(UV) pyproject.toml requirements.lock
	$(UV) pip sync --quiet --require-hashes --compile-bytecode --python $(VENV_PYTHON) requirements.lock
	$(UV) pip install --quiet --python $(VENV_PYTHON) --no-deps -e $(HERE)
	$(BIN)/python -m compileall -q -j 0 $(HERE)/plugins $(HERE)/benchmarks >/dev/null
	touch $@

venv: $(STAMP) ## Python-Umgebung (.venv) anlegen oder auffrischen

# After a change of the dependencies in pyproject.toml (or to take newer
# versions): one command, then commit requirements.lock.
lock: $(UV) ## Abhängigkeiten neu festschreiben (requirements.lock mit Prüfsummen)
	$(UV) pip compile pyproject.toml --extra test --generate-hashes --universal \
		--python-version 3.11 --quiet --output-file requirements.lock

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

# Ctrl+C in a terminal signals make, the recipe's shell and perlen at once.
# perlen answers in German ("Vorschau beendet."); a shell killed by the
# signal would have make add "*** [...] Interrupt", so the shell lets perlen
# answer (a trap, unlike an ignored signal, is not inherited by perlen).
LET_PERLEN_ANSWER := trap : INT;

html: $(STAMP) ## Website nach output/ bauen (ein fehlerhafter Bau lässt die alte Fassung stehen)
	@$(LET_PERLEN_ANSWER) $(BIN)/perlen bauen $(PELICANOPTS) $(QUIETLY)

# `serve` (Pelican's habit) is the preview: it builds into its own folder,
# never over a verified output/, speaks German and honours PORT.
serve: vorschau ## Wie „make vorschau“ (PORT=…): baut nie nach output/

# Writers' commands; arguments come from the command line, e.g.
# `make neu TITEL="Monarchie im Perlenbüro" KATEGORIE=Haltung`, and reach the
# shell as environment variables, so quotes in a title stay intact.
PORT ?= 8000

# A title without quotes (`make neu TITEL=Grüße vom Sommerfest`) leaves make
# its last words as goals: `neu` refuses them before it writes anything and
# says how to quote, and a do-nothing rule keeps make from adding "No rule to
# make target 'vom'". Goals that are targets of this Makefile stay goals.
STRAY_WORDS := $(if $(filter neu,$(MAKECMDGOALS)),$(filter-out \
	$(shell sed -n 's/^\([a-z0-9_-]*\):.*/\1/p' $(firstword $(MAKEFILE_LIST))),$(MAKECMDGOALS)))
ifneq ($(STRAY_WORDS),)
$(STRAY_WORDS):
	@:
endif

neu: export STRAY_WORDS := $(STRAY_WORDS)
neu: $(STAMP) #> Neuen Beitrag anlegen: make neu TITEL="…" [KATEGORIE=… SCHLAGWOERTER="a, b" AUTORIN=… DATUM=…]
	@test -z "$$STRAY_WORDS" || { printf '%s\n' "Der Titel hat Leerzeichen; make hat nur „$$TITEL“ als Titel gelesen. Bitte den ganzen Titel in Anführungszeichen setzen: make neu TITEL=\"$$TITEL $$STRAY_WORDS\"" >&2; false; } $(QUIETLY)
	@test -n "$$TITEL" || { echo 'Bitte einen Titel angeben: make neu TITEL="Mein Titel"' >&2; false; } $(QUIETLY)
	@$(LET_PERLEN_ANSWER) $(BIN)/perlen neu "$$TITEL" $${KATEGORIE:+--kategorie "$$KATEGORIE"} \
		$${SCHLAGWOERTER:+--schlagwoerter "$$SCHLAGWOERTER"} $${AUTORIN:+--autorin "$$AUTORIN"} \
		$${DATUM:+--datum "$$DATUM"} $(QUIETLY)

pruefen: $(STAMP) $(if $(STRENG),$(NODE_STAMP)) #> Alle Beiträge prüfen (STRENG=1: genau wie beim Veröffentlichen, Warnungen zählen als Fehler)
	@$(LET_PERLEN_ANSWER) $(BIN)/perlen pruefen $${STRENG:+--streng} $(QUIETLY)

vorschau: $(STAMP) #> Vorschau mit Entwürfen auf http://127.0.0.1:8000/ (PORT=…), neu gebaut bei jeder Änderung
	@$(LET_PERLEN_ANSWER) $(BIN)/perlen vorschau --port $(PORT) $(QUIETLY)

redaktion: $(STAMP) $(NODE_STAMP) #> Redaktion im Browser auf http://127.0.0.1:8000/redaktion/ mit Vorschau (PORT=…); Strg+C beendet beides
	@$(LET_PERLEN_ANSWER) $(BIN)/perlen redaktion --port $(PORT) $(QUIETLY)

# Publishing. The site's address and the upload targets come from the
# environment, never from a committed file:
#   SITEURL=https://blog.example.org make publish
#   SSH_HOST=… SSH_TARGET_DIR=/var/www/blog [SSH_USER=… SSH_PORT=…] make rsync_upload
#   S3_BUCKET=… make s3_upload   (with the aws CLI and its credentials)
OUTPUT := output
SSH_PORT ?= 22

publish: $(STAMP) $(NODE_STAMP) ## Zum Veröffentlichen bauen (SITEURL=https://… make publish): streng, geprüft, mit Suche
	@$(LET_PERLEN_ANSWER) $(BIN)/perlen veroeffentlichen --ausgabe $(OUTPUT) $(QUIETLY)

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

# On every core, each test file on one worker (`--dist loadfile`): a file's
# module fixtures (a chromium, a built site) start once. (`--dist loadgroup`
# with `xdist_group` marks does not group under pytest 9.2 with
# pytest-xdist 3.8: xdist's group suffix no longer reaches the node ids;
# so no test asks for a group, tests/test_suite_setup.py.)
XDIST := -n auto --dist loadfile

# Timed tests run alone after the rest, never beside another worker's
# builds: Lighthouse scores a page by the time its main thread takes, and the
# editor's first visit is timed.
ALONE := tests/browser/test_lighthouse.py tests/browser/test_redaktion_ladezeit.py

# pytest keeps its rewritten test modules (and Python the plugin's bytecode)
# between runs and workers only where it may write bytecode: 2.5 s less per
# worker's start than with PYTHONDONTWRITEBYTECODE.
test test-schnell referenzbilder lighthouse: export PYTHONDONTWRITEBYTECODE :=

test: lint $(NODE_STAMP) ## Alle Tests ausführen (mit Stilprüfung)
	$(BIN)/pytest $(XDIST) $(addprefix --ignore=,$(ALONE))
	$(BIN)/pytest -q $(ALONE)

test-schnell: $(STAMP) $(NODE_STAMP) ## Schnelle Tests für zwischendurch (ohne Browser, Lighthouse, Vorschau-Sitzungen, Bauten mit HTML-Prüfung)
	$(BIN)/pytest $(XDIST) -m "not langsam"

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
