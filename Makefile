# Leg Relief. The README's two commands: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# Our wasm-opt (npm's binaryen) and the cargo tools come before anything the system has.
export PATH := $(CURDIR)/.ci/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# The release server that `make build` leaves; `make run` starts it on 127.0.0.1:3000
# (LEPTOS_SITE_ADDR=127.0.0.1:4000 make run serves on another address).
SERVER := target/release/leg-relief
# `make dist` puts the server, its site and its settings here, and packs them into DIST.tar.gz.
DIST := target/dist/leg-relief

.PHONY: run test build dist tools test-tools bench-tools lint-tools e2e first-visit serve-dev fmt lint bench clean help

help:
	@echo "make run    install what is missing, build the release site, serve it (127.0.0.1:3000)"
	@echo "make test   install what is missing, run unit, integration and end-to-end tests"
	@echo "make build  build the release site only        make serve-dev  rebuild on change"
	@echo "make dist   the server, site and settings in $(DIST) (and .tar.gz): run ./leg-relief"
	@echo "make fmt    format the code                    make lint       clippy and format checks"
	@echo "make bench  criterion benches, then load, first-visit and Lighthouse budgets (about 15 minutes)"
	@echo "make first-visit  bytes a first visit to / transfers (with make run serving)"

tools:
	@.ci/tools.sh build

test-tools:
	@.ci/tools.sh test

bench-tools:
	@.ci/tools.sh bench

lint-tools:
	@.ci/tools.sh lint

## The release site: WASM and JS in target/site/pkg (hashed names, with .br and .gz made at the
## best level), the server in target/release next to the hash.txt that names them; then one
## islands bundle per group of pages (.ci/bundles.sh), so each page loads only its own.
build: tools
	cargo leptos build --release --precompress
	.ci/bundles.sh

run: build
	$(SERVER)

## Everything the server needs in one folder, to copy anywhere: ./leg-relief starts it from any
## working directory (it reads the Leptos.toml beside it, whose site root is the site beside it).
dist: build
	rm -rf $(DIST) $(DIST).tar.gz
	mkdir -p $(DIST)
	cp $(SERVER) target/release/hash.txt $(DIST)/
	cp -r target/site $(DIST)/site
	sed -e 's|^site-root = .*|site-root = "site"|' -e 's|^folder = .*|folder = "data"|' Leptos.toml > $(DIST)/Leptos.toml
	tar -czf $(DIST).tar.gz -C $(dir $(DIST)) $(notdir $(DIST))
	@echo "$(DIST).tar.gz: $$(du -h $(DIST).tar.gz | cut -f1)"

## Unit and server integration tests (beside a throwaway PostgreSQL, for the reminder store's
## suite: .ci/postgres.sh), the guide crates' own tests, then the end-to-end tests against the release build.
test: test-tools
	.ci/postgres.sh run cargo test --features ssr
	cargo test -p guide-core -p guide-client
	$(MAKE) --no-print-directory e2e

## Playwright starts the release server itself (see end2end/playwright.config.ts); one test
## unpacks the dist tarball and serves it from a temporary folder.
e2e: dist
	cd end2end && npx playwright test

## Bytes a first visit to / transfers (needs `make run` serving in another terminal).
first-visit: test-tools
	cd end2end && node scripts/first-visit.mjs http://$${LEPTOS_SITE_ADDR:-127.0.0.1:3000}/

## Development: every island in cargo-leptos's bundle, and the guide client (unhashed, as the
## server expects it without a hash.txt) built once beside it.
serve-dev: tools
	cargo build -p guide-client --lib --target wasm32-unknown-unknown
	wasm-bindgen --target web --no-typescript --out-dir target/site/pkg --out-name guide \
	  target/wasm32-unknown-unknown/debug/guide_client.wasm
	LEPTOS_ENV=DEV cargo leptos watch --lib-features all-islands

## leptosfmt formats the inside of view! macros, which rustfmt leaves alone; rustfmt the rest.
fmt: lint-tools
	leptosfmt --quiet src crates
	cargo fmt

lint: lint-tools
	cargo fmt --check
	leptosfmt --quiet --check src crates
	cargo clippy --features ssr,search-lab --all-targets -- -D warnings
	cargo clippy --lib --features hydrate,all-islands --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p guide-core -p guide-client --all-targets --all-features -- -D warnings
	cargo clippy -p guide-client --target wasm32-unknown-unknown -- -D warnings
	node --check public/theme.js && node --check public/pwa.js && node --check src/pwa/sw.js
	node --check public/islands.js

## Criterion benches (the finder's search, one request inside the server; reports in
## target/criterion), then the budgets against the release server (bench/budget.mjs): load on
## loopback, memory, first-visit bytes, Lighthouse. Not part of `make test`. To time some rows
## again: `BENCH_ONLY=load,lighthouse node bench/budget.mjs` after `make build`.
bench: bench-tools
	cargo bench --features ssr
	$(MAKE) --no-print-directory build
	node bench/budget.mjs

clean:
	cargo clean
