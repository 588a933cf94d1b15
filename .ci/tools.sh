#!/usr/bin/env bash
# Installs what building and testing Leg Relief needs, skipping whatever is already there.
# Needs: rustup and cargo, Node.js with npm, and (for Chromium, wrk and nginx) Debian's apt as root.
# Usage: .ci/tools.sh build   (Rust target, cargo-leptos, wasm-bindgen, wasm-opt)
#        .ci/tools.sh test    (the above, plus Chromium and the end2end npm packages)
#        .ci/tools.sh bench   (the above, plus wrk, nginx and Lighthouse)
#        .ci/tools.sh lint    (leptosfmt, for `make lint` and `make fmt`)
set -euo pipefail
cd "$(dirname "$0")/.."
# The Makefile puts the same folders first on PATH: ours, never Debian's binaryen.
export PATH="$PWD/.ci/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

CARGO_LEPTOS_VERSION=0.3.11
LEPTOSFMT_VERSION=0.1.33
# wasm-bindgen-cli must match the wasm-bindgen library in Cargo.lock exactly (and Cargo.toml pins
# the library with `=`, so the two change together).
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

say() { printf '\033[1m[tools]\033[0m %s\n' "$*"; }

# Unpacks a crate from crates.io, pins one dependency that breaks `--locked` on rustc 1.95,
# and installs it from there. $1 crate, $2 version, $3 dependency, $4 its working version.
install_pinned() {
  local crate=$1 version=$2 dep=$3 dep_version=$4
  shift 4
  local dir
  dir=$(mktemp -d)
  (cd "$dir" && cargo info "$crate@$version" >/dev/null)
  local archive
  archive=$(ls "$HOME"/.cargo/registry/cache/*/"$crate-$version.crate" | head -n 1)
  tar -xzf "$archive" -C "$dir"
  # A build tool, built once: no link-time optimisation and parallel codegen make the build
  # several minutes shorter, and it runs no slower in any way that matters here.
  (cd "$dir/$crate-$version" &&
    cargo update -p "$dep" --precise "$dep_version" &&
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install --path . --locked "$@")
  rm -rf "$dir"
}

build_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi

  if [ "$(cargo leptos --version 2>/dev/null)" != "cargo-leptos $CARGO_LEPTOS_VERSION" ]; then
    say "building cargo-leptos $CARGO_LEPTOS_VERSION (14 to 24 minutes on 2 cores, once)"
    # Its lock pins cargo-util-schemas 0.14.2, which needs a newer rustc.
    install_pinned cargo-leptos "$CARGO_LEPTOS_VERSION" cargo-util-schemas 0.14.1 --features no_downloads
  fi

  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION (3 to 4 minutes, once)"
    # Its lock pins webpki-roots 1.0.11, which fails to build here.
    install_pinned wasm-bindgen-cli "$WASM_BINDGEN_VERSION" webpki-roots 1.0.10
  fi

  # wasm-opt from npm's binaryen (a ready-made build, seconds to install), never Debian's: its
  # wasm-opt (108) silently breaks hydration.
  npm_packages .ci/tools
  if [ "$(command -v wasm-opt)" != "$PWD/.ci/tools/node_modules/.bin/wasm-opt" ]; then
    echo "wasm-opt on PATH is $(command -v wasm-opt), not npm's binaryen in .ci/tools" >&2
    exit 1
  fi
}

# Installs Debian's package $1 unless its command is already on PATH.
debian_package() {
  if ! command -v "$1" >/dev/null; then
    say "installing Debian's $1"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  fi
}

test_tools() {
  debian_package chromium
  npm_packages end2end
}

# npm ci in $1, only when its lock file changed since the last install.
npm_packages() {
  if ! cmp -s "$1/package-lock.json" "$1/node_modules/.installed-lock.json"; then
    say "installing the $1 npm packages from package-lock.json"
    (cd "$1" && npm ci --no-audit --no-fund && cp package-lock.json node_modules/.installed-lock.json)
  fi
}

lint_tools() {
  if [ "$(leptosfmt --version 2>/dev/null)" != "leptosfmt $LEPTOSFMT_VERSION" ]; then
    say "building leptosfmt $LEPTOSFMT_VERSION (3 to 5 minutes, once)"
    cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked
  fi
}

bench_tools() {
  debian_package wrk
  debian_package nginx
  npm_packages bench
}

case "${1:-build}" in
  build) build_tools ;;
  test) build_tools && test_tools ;;
  bench) build_tools && test_tools && bench_tools ;;
  lint) lint_tools ;;
  *)
    echo "usage: $0 build|test|bench|lint" >&2
    exit 2
    ;;
esac
