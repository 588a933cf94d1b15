#!/usr/bin/env bash
# After `cargo leptos build --release`: one islands bundle per group of pages (`app::Bundle` in
# src/app.rs), so a page downloads only the islands it has. Each is the same crate built with
# `hydrate,bundle-<name>`, then wasm-bindgen, wasm-opt (the flags cargo-leptos uses), hashed
# names in target/site/pkg, brotli and gzip copies, and a `<name>: <hash>` line in hash.txt that
# the server reads. The bundle with every island is then removed from the release site: no page
# loads it, and the service worker would otherwise save it too.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.ci/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

BUNDLES=(guide finder records)
PKG=target/site/pkg
HASHES=target/release/hash.txt
OUTPUT_NAME=leg-relief
WASM=target/wasm32-unknown-unknown/wasm-release/leg_relief.wasm

[ -f "$HASHES" ] || { echo "bundles: $HASHES is missing; run cargo leptos build --release first" >&2; exit 1; }
# Lines of an earlier run go; cargo-leptos's own (css, js, wasm) stay.
sed -i -E "/^($(IFS='|'; echo "${BUNDLES[*]}")):/d" "$HASHES"
for bundle in "${BUNDLES[@]}"; do
  rm -f "$PKG/$bundle".*
done

for bundle in "${BUNDLES[@]}"; do
  echo "[bundles] $bundle"
  cargo build --lib --target wasm32-unknown-unknown --profile wasm-release \
    --no-default-features --features "hydrate,bundle-$bundle"
  out="target/bundles/$bundle"
  rm -rf "$out"
  mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$bundle" "$WASM"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$out/${bundle}_bg.wasm" -o "$out/$bundle.wasm"
  hash=$(cat "$out/$bundle.js" "$out/$bundle.wasm" | sha256sum | cut -c1-20)
  cp "$out/$bundle.js" "$PKG/$bundle.$hash.js"
  cp "$out/$bundle.wasm" "$PKG/$bundle.$hash.wasm"
  echo "$bundle: $hash" >> "$HASHES"
done

rm -f "$PKG/$OUTPUT_NAME".*.js* "$PKG/$OUTPUT_NAME".*.wasm* "$PKG/$OUTPUT_NAME".js* "$PKG/$OUTPUT_NAME".wasm*

# The same levels as cargo-leptos --precompress: brotli 11, gzip 9.
node --input-type=module - "$PKG" "${BUNDLES[@]}" <<'EOF'
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
const [pkg, ...bundles] = process.argv.slice(2);
for (const name of readdirSync(pkg)) {
  if (!bundles.some((bundle) => name.startsWith(`${bundle}.`)) || /\.(br|gz)$/.test(name)) continue;
  const bytes = readFileSync(`${pkg}/${name}`);
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  writeFileSync(`${pkg}/${name}.br`, brotli);
  writeFileSync(`${pkg}/${name}.gz`, gzipSync(bytes, { level: 9 }));
  console.log(`[bundles] ${name}: ${bytes.length} B, ${brotli.length} B brotli`);
}
EOF
