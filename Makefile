# Every command a user needs. `make serve` builds and serves the site; `make test` runs all tests.
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# How `make serve` compresses: content-type (on the fly by type, like GitHub Pages, Netlify,
# Cloudflare Pages, Vercel) or sidecar (the build's .br/.gz copies, like nginx brotli_static).
HOST_MODEL ?= content-type
LOCALES := pt_BR ru zh_Hans
PYBABEL := $(VENV)/bin/pybabel

.PHONY: setup setup-build setup-browser serve build test lint i18n-extract i18n-update i18n-compile \
	i18n-stats i18n-stamp glossary locale-data terms golden freshness watch record-check lint-workflows bench bench-engine audit wheel clean \
	setup-nginx publish

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12) and "Python 3.12+ is needed (see .python-version)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -c requirements.lock -e '.[docs,test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed node_modules/.installed i18n-compile

# Debian packages, installed only when missing (as root, or through sudo).
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(1); \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $(1); fi

# Graphviz draws the flow diagrams at build time; WenQuanYi Zen Hei gives it (and the browsers
# in the tests) the Chinese glyphs to measure and draw the labels with.
setup-build:
	@command -v dot >/dev/null && fc-list :lang=zh family | grep -q . || { \
	  $(call APT_INSTALL,graphviz fonts-wqy-zenhei); }

# Debian's Chromium and Firefox ESR for the browser tests (Playwright and Puppeteer cannot
# download browsers here; Puppeteer drives Firefox over WebDriver BiDi, with no driver).
setup-browser:
	@command -v chromium >/dev/null && command -v firefox-esr >/dev/null || { \
	  $(call APT_INSTALL,chromium firefox-esr); }

# Debian's nginx for the host tests. The tests start their own, on 127.0.0.1 and a free port;
# where apt starts the system service (not in a container), it listens as Debian configures it.
setup-nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { $(call APT_INSTALL,nginx); }

build: setup setup-build
	@mkdir -p .cache
	set -o pipefail; $(VENV)/bin/mkdocs build --strict 2>&1 | tee .cache/build.log

# Served under the same sub-path as site_url in mkdocs.yml, with the _headers file applied.
serve: build
	$(PY) -m macros.server.serve --root site --prefix /csp-support/ --port $(PORT) --host-model $(HOST_MODEL)

# One folder per host under dist/ (GitHub Pages, Netlify, Cloudflare Pages, Vercel, nginx), each
# with that host's configuration rendered from the build's header policy (see Deployment).
publish: build
	$(PY) -m macros.publish --site site --out dist

lint: setup
	$(VENV)/bin/ruff check wizard macros tests

# The tests run on $(TEST_WORKERS) processes (pytest-xdist), each test module whole on one of them.
TEST_WORKERS ?= 2
test: setup setup-browser setup-nginx lint publish
	SITE_DIR=site SITE_BUILD_LOG=.cache/build.log PUBLISH_DIR=dist $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile

wheel: setup
	rm -rf build/wheel && $(PY) -m build --wheel --outdir build/wheel --no-isolation .

# Translation workflow (Babel). A translator only edits locales/<locale>/LC_MESSAGES/wizard.po.
i18n-extract: $(VENV)/.installed
	$(PYBABEL) extract -F babel.cfg -k N_ -k NP_:1,2 --no-location --sort-output \
	  --add-comments=TRANSLATORS: --add-comments=glossary-ok: \
	  --project=csp-support-wizard --version=1.0 --msgid-bugs-address=support-kb@example.invalid \
	  --copyright-holder="CSP support knowledge base" -o locales/messages.pot wizard

i18n-update: i18n-extract
	@for l in $(LOCALES); do \
	  if [ -f locales/$$l/LC_MESSAGES/wizard.po ]; then \
	    $(PYBABEL) update --no-fuzzy-matching --ignore-obsolete -D wizard -i locales/messages.pot -d locales -l $$l; \
	  else $(PYBABEL) init -D wizard -i locales/messages.pot -d locales -l $$l; fi; done

i18n-compile: $(VENV)/.installed
	@for l in $(LOCALES); do \
	  mkdir -p wizard/locale/$$l/LC_MESSAGES; \
	  $(PYBABEL) compile --statistics -D wizard -d locales -l $$l -o wizard/locale/$$l/LC_MESSAGES/wizard.mo \
	    -i locales/$$l/LC_MESSAGES/wizard.po; done

i18n-stats: setup
	$(PY) -m macros.tools.i18n_status

# After updating a translation: make i18n-stamp PAGES="ru/faq.md zh/faq.md" (all pages if empty).
i18n-stamp: setup
	$(PY) -m macros.tools.i18n_status --stamp $(PAGES)

# Every fact with its status, last check against Microsoft's current pages, and sources.
freshness: setup
	$(PY) -m macros.tools.freshness

# The watch on every cited Learn passage: `make watch` reads the pages on learn.microsoft.com
# (LEARN_DIR=DIR: saved copies instead; JSON=1: one JSON record per fact); exits 1 when a
# passage changed or a page went missing. `make record-check FACT=... PAGE=... QUOTE=...`
# (LOCALE=, SECTION=, LEARN_DIR=) records a check's fingerprint in wizard/fingerprints.json.
watch: $(VENV)/.installed
	$(PY) -m macros.watch.watch $(if $(LEARN_DIR),--learn-dir "$(LEARN_DIR)") $(if $(JSON),--json) $(if $(FACT),--fact "$(FACT)")

record-check: $(VENV)/.installed
	$(PY) -m macros.watch.record --fact "$(FACT)" --page "$(PAGE)" --quote "$(QUOTE)" --locale "$(or $(LOCALE),en)" \
	  $(if $(SECTION),--section "$(SECTION)") $(if $(LEARN_DIR),--learn-dir "$(LEARN_DIR)")

# The workflow files against SchemaStore's schema (offline), then actionlint.
lint-workflows: setup
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(VENV)/bin/actionlint .github/workflows/*.yml && echo "actionlint: no findings"

# The glossary (locales/glossary.csv) as TBX for Weblate, Crowdin and Poedit.
glossary: $(VENV)/.installed
	$(PY) -m macros.tools.glossary --tbx

# Regenerate wizard/locale_data.py (dates and lists, from Babel's CLDR data).
locale-data: $(VENV)/.installed
	$(PY) -m macros.tools.locale_data

# Terminology, typography and pofilter checks only (the site checks need `make build` first).
terms: setup
	SITE_DIR=site $(VENV)/bin/pytest tests/test_terminology.py tests/test_pofilter.py tests/test_l10n.py

golden: setup
	$(PY) -m tests.golden --write

bench-engine: setup
	$(PY) -m wizard.bench

bench: build bench-engine
	$(PY) macros/tools/bench_site.py

audit: build
	$(PY) macros/tools/audit.py

clean:
	rm -rf site dist build wizard/locale .pytest_cache
