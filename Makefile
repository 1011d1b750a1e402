# Admit: `make demo` and `make test` are all a new machine needs (Debian; installs what is missing).
SHELL := /bin/bash
SWIFT ?= swift
# Debian's python3 (not a pyenv one): the Debian test helpers (openpyxl) are installed for it.
PYTHON := /usr/bin/python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_DIR = $(shell $(SWIFT) build -c release --show-bin-path)

.PHONY: setup build release test lint format demo bench fuzz samples clean

# Installs the C libraries and test helpers (PostgreSQL's server and nginx for the multi-server tests; headless Chromium
# and Selenium for the browser tests; the fonts metric-compatible with Calibri and Courier New, so LibreOffice lays
# sheets out as Excel does) with apt-get, only those missing.
setup:
	@missing=""; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	pkg-config --exists xlsxwriter 2>/dev/null || missing="$$missing libxlsxwriter-dev"; \
	pkg-config --exists libcrypto 2>/dev/null || missing="$$missing libssl-dev"; \
	pkg-config --exists libargon2 2>/dev/null || missing="$$missing libargon2-dev"; \
	pkg-config --exists sqlite3 2>/dev/null || missing="$$missing libsqlite3-dev"; \
	pkg-config --exists libqrencode 2>/dev/null || missing="$$missing libqrencode-dev"; \
	pkg-config --exists zlib 2>/dev/null || missing="$$missing zlib1g-dev"; \
	pkg-config --exists libpq 2>/dev/null || missing="$$missing libpq-dev"; \
	{ command -v pg_config >/dev/null && [ -x "$$(pg_config --bindir)/initdb" ]; } \
		|| ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	[ -x $(PYTHON) ] && $(PYTHON) -c 'import openpyxl' 2>/dev/null || missing="$$missing python3 python3-openpyxl"; \
	command -v gcc >/dev/null || missing="$$missing gcc"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-calc"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v zbarimg >/dev/null || missing="$$missing zbar-tools"; \
	fc-list 2>/dev/null | grep -q Carlito || missing="$$missing fonts-crosextra-carlito"; \
	fc-list 2>/dev/null | grep -q "Liberation Mono" || missing="$$missing fonts-liberation"; \
	$(PYTHON) -c 'import uno' 2>/dev/null || missing="$$missing python3-uno"; \
	$(PYTHON) -c 'import olefile' 2>/dev/null || missing="$$missing python3-olefile"; \
	$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	$(PYTHON) -c 'import selenium' 2>/dev/null || missing="$$missing python3-selenium"; \
	if [ -n "$$missing" ]; then \
		echo "make setup: installing$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@# msoffcrypto-tool (PyPI), an independent reader and writer of encrypted Office files, for the tests.
	@[ -x .venv-tools/bin/msoffcrypto-tool ] || { $(PYTHON) -m venv .venv-tools && .venv-tools/bin/pip install -q msoffcrypto-tool; }
	@# openapi-spec-validator (PyPI) checks the API's OpenAPI 3.1 document in the tests.
	@[ -x .venv-tools/bin/openapi-spec-validator ] || .venv-tools/bin/pip install -q openapi-spec-validator
	@# schemathesis (PyPI) sends generated requests to a live server against the OpenAPI document in the tests; pinned,
	@# since each release adds checks.
	@[ -x .venv-tools/bin/schemathesis ] || .venv-tools/bin/pip install -q schemathesis==4.32.5

build: setup
	$(SWIFT) build

# The Swift runtime is linked in: `admit` and the Admit_*.resources folders beside it run on a server without a toolchain,
# needing only Debian's C libraries (libpq5, libxlsxwriter4, libargon2-1, libqrencode4, libssl3, libsqlite3-0, libxml2).
# The two products only: the test-tool targets import Testing, which has no static runtime.
release: setup
	$(SWIFT) build -c release --static-swift-stdlib --product admit
	$(SWIFT) build -c release --static-swift-stdlib --product AdmitBench

# The tests run beside a throwaway PostgreSQL cluster (Tests/with-postgres.sh), stopped and removed when they end.
test: setup lint
	$(SWIFT) build --build-tests
	Tests/with-postgres.sh $(SWIFT) test --skip-build

# The toolchain's formatter, configured in .swift-format: `make format` rewrites the tree, `make lint` (part of
# `make test`) fails on any line it would change or any rule it reports.
lint:
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests Package.swift

format:
	$(SWIFT) format --in-place --recursive --parallel Sources Tests Package.swift

# The coordinator's day on a fresh database in ./demo/.
demo: release
	@rm -rf demo
	@ADMIT=$(RELEASE_DIR)/admit Samples/coordinator-day.sh demo

# Figures for README and issues: whole-process CLI timings against a C baseline, the peak memory of hostile uploads,
# then first-login throughput,
# then `admit serve` under load over HTTP (500 registrations at once, generic sign-ins per second), then two servers
# behind nginx on a throwaway PostgreSQL cluster (waves of registrations, a server killed mid-wave, the queue limit),
# then the time of each kind of refused sign-in (figure 6).
bench: release
	$(PYTHON) bench/run.py --admit $(RELEASE_DIR)/admit
	$(PYTHON) bench/hostile_uploads.py --admit $(RELEASE_DIR)/admit
	$(RELEASE_DIR)/AdmitBench
	$(PYTHON) bench/serve_load.py --admit $(RELEASE_DIR)/admit
	Tests/with-postgres.sh $(PYTHON) bench/cluster_load.py --admit $(RELEASE_DIR)/admit
	$(PYTHON) bench/signin_timing.py --admit $(RELEASE_DIR)/admit

# The table readers never crash on arbitrary bytes: libFuzzer runs the CSV and XLSX fuzz targets (Fuzz/) for
# FUZZ_SECONDS each. An input that crashes one is written to Fuzz/regressions/, which AdmitTablesTests replays; commit
# it with the fix. Not part of `make test`.
FUZZ_SECONDS ?= 60
FUZZ_BUILD := .build-fuzz
# SwiftPM cannot link a libFuzzer target (libFuzzer brings its own main): SwiftPM builds the instrumented objects of
# AdmitTables and ZIPFoundation, swiftc links each fuzz target against them. Leak reports are off: the leaks are
# Foundation's own (XMLParser errors). The Swift backtracer is off so that ASan reports the crash.
define fuzz-target
	$(SWIFT)c -O -sanitize=fuzzer,address -parse-as-library -use-ld=lld -I $(FUZZ_BUILD)/release/Modules \
		-I $(FUZZ_BUILD)/checkouts/ZIPFoundation/Sources/CZLib Fuzz/Fuzz$(1).swift Tests/AdmitTablesTests/FuzzInput.swift \
		$(FUZZ_BUILD)/release/AdmitTables.build/*.o $(FUZZ_BUILD)/release/ZIPFoundation.build/*.o -o $(FUZZ_BUILD)/fuzz-$(2)
	mkdir -p $(FUZZ_BUILD)/corpus-$(2) Fuzz/regressions
	ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no $(FUZZ_BUILD)/fuzz-$(2) $(FUZZ_BUILD)/corpus-$(2) \
		Fuzz/corpus-$(2) Fuzz/regressions -dict=Fuzz/$(2).dict -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-artifact_prefix=Fuzz/regressions/$(2)- -print_final_stats=1
endef

fuzz:
	$(SWIFT) build -c release --scratch-path $(FUZZ_BUILD) --target AdmitTables -Xswiftc -sanitize=fuzzer,address
	$(call fuzz-target,CSV,csv)
	$(call fuzz-target,XLSX,xlsx)

# The README's pictures: the printed layouts, made by the rendering tests (LibreOffice, pdftoppm), and the web
# pages in Samples/screenshots/, saved by the browser tests (headless Chromium) as they go.
samples: setup
	$(SWIFT) build --build-tests
	ADMIT_SAMPLES=$(CURDIR)/Samples $(SWIFT) test --skip-build --filter 'SlipsSheetTests|AdmitBrowserTests'

clean:
	rm -rf .build .build-* .build_* .venv-tools demo bench/out
