#!/usr/bin/env bash
# After `cargo leptos build --release`: one bundle per group of pages (`app::Bundle` in
# src/app.rs), so a page downloads only what it uses: the guide client (crates/guide-client), and
# one islands bundle per entry of the `all-islands` list in Cargo.toml. An islands bundle is the
# crate built with `hydrate,islands-<name>`. Each builds in a target folder of its own (one shared
# folder would rebuild the crate for every bundle, every time: the builds differ only in
# features), then wasm-bindgen, wasm-opt (WASM_OPT_FLAGS), the glue minified, hashed names in
# target/site/pkg, brotli and gzip copies, and a `<name>: <hash>` line
# in hash.txt that the server reads. A bundle whose WASM did not change is not processed again.
# cargo-leptos's own bundle (no islands in a release build; every island in development) is then
# removed from the release site: no page loads it, and the service worker would otherwise save it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.ci/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

read -r -a BUNDLES <<< "$(sed -n 's/^all-islands = \[\(.*\)\]/\1/p' Cargo.toml | tr -d '",' | sed 's/islands-//g')"
[ "${#BUNDLES[@]}" -gt 0 ] || { echo "bundles: no all-islands list in Cargo.toml" >&2; exit 1; }
PKG=target/site/pkg
HASHES=target/release/hash.txt
OUTPUT_NAME=leg-relief

[ -f "$HASHES" ] || { echo "bundles: $HASHES is missing; run cargo leptos build --release first" >&2; exit 1; }
# Lines of an earlier run go; cargo-leptos's own (css, js, wasm) stay.
sed -i -E "/^(guide|$(IFS='|'; echo "${BUNDLES[*]}")):/d" "$HASHES"

# wasm-opt for the smallest brotli, measured on every bundle (brotli KB, water / diary / finder /
# guide): cargo-leptos's -Oz gives 143.9 / 139.7 / 157.6 / 70.8. Inlining a function into its only
# caller whatever its size (binaryen's default) makes fewer but less alike functions, which brotli
# packs worse: -Os with that inlining capped at 10 gives 134.9 / 130.9 / 148.0 / 68.6 (the raw
# WASM is 5% larger; -O1, -Oz -ocimfs=0, -O2 and -O3 measured between the two).
WASM_OPT_FLAGS=(-Os --one-caller-inline-max-function-size=10 --enable-bulk-memory --enable-nontrapping-float-to-int)

# .br and .gz copies at the levels cargo-leptos --precompress uses: brotli 11, gzip 9.
precompress() {
  node --input-type=module - "$@" <<'JS'
import { readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
for (const file of process.argv.slice(2)) {
  const bytes = readFileSync(file);
  const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
  writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params }));
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
}
JS
}

# Binds, shrinks, minifies, hashes and compresses one bundle's WASM ($2) as $1, unless the last
# run processed the same WASM with the same flags; then puts it in the site under its hashed name.
finish() {
  local bundle=$1 wasm=$2 out="target/bundles/$1" source hash
  source=$({ sha256sum < "$wasm"; echo "${WASM_OPT_FLAGS[*]}"; } | sha256sum | cut -c1-64)
  if [ "$(cat "$out/source.sha256" 2>/dev/null)" != "$source" ] || [ ! -f "$out/hash" ]; then
    rm -rf "$out/site"
    mkdir -p "$out/site"
    wasm-bindgen --target web --no-typescript --out-dir "$out/site" --out-name "$bundle" "$wasm"
    wasm-opt "${WASM_OPT_FLAGS[@]}" "$out/site/${bundle}_bg.wasm" -o "$out/site/$bundle.wasm"
    rm "$out/site/${bundle}_bg.wasm"
    esbuild "$out/site/$bundle.js" --minify --log-level=warning --outfile="$out/site/$bundle.min.js"
    mv "$out/site/$bundle.min.js" "$out/site/$bundle.js"
    hash=$(cat "$out/site/$bundle.js" "$out/site/$bundle.wasm" | sha256sum | cut -c1-20)
    precompress "$out/site/$bundle.js" "$out/site/$bundle.wasm"
    echo "$hash" > "$out/hash"
    echo "$source" > "$out/source.sha256"
  fi
  hash=$(cat "$out/hash")
  rm -f "$PKG/$bundle".*
  for file in "$out/site/$bundle".*; do
    cp "$file" "$PKG/$bundle.$hash.${file#"$out/site/$bundle".}"
  done
  echo "$bundle: $hash" >> "$HASHES"
  echo "[bundles] $bundle.$hash: $(stat -c %s "$out/site/$bundle.wasm") B WASM, $(stat -c %s "$out/site/$bundle.wasm.br") B brotli; glue $(stat -c %s "$out/site/$bundle.js.br") B brotli"
}

for bundle in "${BUNDLES[@]}"; do
  echo "[bundles] $bundle"
  cargo build --lib --target wasm32-unknown-unknown --profile wasm-release \
    --target-dir "target/bundles/$bundle/cargo" --no-default-features --features "hydrate,islands-$bundle"
  finish "$bundle" "target/bundles/$bundle/cargo/wasm32-unknown-unknown/wasm-release/leg_relief.wasm"
done

# The guide pages' client (crates/guide-client): no Leptos, a bundle of its own.
echo "[bundles] guide"
cargo build -p guide-client --lib --target wasm32-unknown-unknown --profile wasm-release \
  --target-dir target/bundles/guide/cargo
finish guide target/bundles/guide/cargo/wasm32-unknown-unknown/wasm-release/guide_client.wasm

# Its TypeScript declarations go too: nothing reads them, and the offline copy would save them.
rm -f "$PKG/$OUTPUT_NAME".*.js* "$PKG/$OUTPUT_NAME".*.wasm* "$PKG/$OUTPUT_NAME".js* "$PKG/$OUTPUT_NAME".wasm* \
  "$PKG/$OUTPUT_NAME".d.*.ts* "$PKG/${OUTPUT_NAME}"_bg.wasm.d.*.ts*

# The page scripts from public/ minified as the glue is, then compressed again: every page loads
# theme.js and pwa.js, and every page that wakes up islands.js (brotli 0.8 -> 0.4, 2.2 -> 1.1 and
# 2.3 -> 1.0 KB). The sources in public/ stay as written.
for name in public/*.js; do
  script="target/site/${name#public/}"
  esbuild "$script" --minify --log-level=warning --outfile="$script.min"
  mv "$script.min" "$script"
  precompress "$script"
done
