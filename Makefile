# Leg Relief. The README's two commands: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

# The address `make run` serves on; LEPTOS_SITE_ADDR=127.0.0.1:4000 make run overrides it.
SERVER := target/release/leg-relief

.PHONY: run test build tools test-tools bench-tools e2e first-visit serve-dev fmt lint bench clean help

help:
	@echo "make run    install what is missing, build the release site, serve it (127.0.0.1:3000)"
	@echo "make test   install what is missing, run unit, integration and end-to-end tests"
	@echo "make build  build the release site only        make serve-dev  rebuild on change"
	@echo "make fmt    format the code                    make lint       clippy and format check"
	@echo "make bench  criterion benches, then load, first-visit and Lighthouse budgets (about 10 minutes)"
	@echo "make first-visit  bytes a first visit to / transfers (with make run serving)"

tools:
	@.ci/tools.sh build

test-tools:
	@.ci/tools.sh test

bench-tools:
	@.ci/tools.sh bench

## The release site: WASM and JS in target/site/pkg (hashed names, with .br and .gz made at the
## best level), the server in target/release.
build: tools
	cargo leptos build --release --precompress

run: build
	$(SERVER)

## Unit and server integration tests, then the end-to-end tests against the release build.
test: test-tools
	cargo test --features ssr
	$(MAKE) --no-print-directory build
	$(MAKE) --no-print-directory e2e

## Playwright starts the release server itself (see end2end/playwright.config.ts).
e2e:
	cd end2end && npx playwright test

## Bytes a first visit to / transfers (needs `make run` serving in another terminal).
first-visit: test-tools
	cd end2end && node scripts/first-visit.mjs http://$${LEPTOS_SITE_ADDR:-127.0.0.1:3000}/

serve-dev: tools
	LEPTOS_ENV=DEV cargo leptos watch

fmt:
	cargo fmt

lint:
	cargo fmt --check
	cargo clippy --features ssr --all-targets -- -D warnings
	cargo clippy --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

## Criterion benches (the finder's search, one request inside the server; reports in
## target/criterion), then the budgets against the release server (bench/budget.mjs): load on
## loopback, memory, first-visit bytes, Lighthouse. Not part of `make test`.
## cargo bench leaves target/release/leg-relief built without cargo-leptos's settings, so the
## release site is built after it.
bench: bench-tools
	cargo bench --features ssr
	$(MAKE) --no-print-directory build
	node bench/budget.mjs

clean:
	cargo clean
