# Admit: `make demo` and `make test` are all a new machine needs (Debian; installs what is missing).
SHELL := /bin/bash
SWIFT ?= swift
# Debian's python3 (not a pyenv one): the Debian test helpers (openpyxl) are installed for it.
PYTHON := /usr/bin/python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_DIR = $(shell $(SWIFT) build -c release --show-bin-path)

.PHONY: setup build release test demo bench samples clean

# Installs the C libraries and test helpers with apt-get, only those that cannot be found.
setup:
	@missing=""; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	pkg-config --exists xlsxwriter 2>/dev/null || missing="$$missing libxlsxwriter-dev"; \
	pkg-config --exists libcrypto 2>/dev/null || missing="$$missing libssl-dev"; \
	pkg-config --exists libargon2 2>/dev/null || missing="$$missing libargon2-dev"; \
	pkg-config --exists sqlite3 2>/dev/null || missing="$$missing libsqlite3-dev"; \
	[ -x $(PYTHON) ] && $(PYTHON) -c 'import openpyxl' 2>/dev/null || missing="$$missing python3 python3-openpyxl"; \
	command -v gcc >/dev/null || missing="$$missing gcc"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-calc"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	$(PYTHON) -c 'import uno' 2>/dev/null || missing="$$missing python3-uno"; \
	$(PYTHON) -c 'import olefile' 2>/dev/null || missing="$$missing python3-olefile"; \
	$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "make setup: installing$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@# msoffcrypto-tool (PyPI), an independent reader and writer of encrypted Office files, for the tests.
	@[ -x .venv-tools/bin/msoffcrypto-tool ] || { $(PYTHON) -m venv .venv-tools && .venv-tools/bin/pip install -q msoffcrypto-tool; }

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The coordinator's day on a fresh database in ./demo/.
demo: release
	@rm -rf demo
	@ADMIT=$(RELEASE_DIR)/admit Samples/coordinator-day.sh demo

# Figures for README and issues: whole-process CLI timings against a C baseline, then first-login throughput.
bench: release
	$(PYTHON) bench/run.py --admit $(RELEASE_DIR)/admit
	$(RELEASE_DIR)/AdmitBench

# The README's pictures of the printed layouts, made by the rendering tests (LibreOffice, pdftoppm).
samples: setup
	$(SWIFT) build --build-tests
	ADMIT_SAMPLES=$(CURDIR)/Samples $(SWIFT) test --skip-build --filter 'SlipsSheetTests'

clean:
	rm -rf .build .build-* .build_* .venv-tools demo bench/out
