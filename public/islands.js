// Starts the islands bundle the page preloads (the two <link data-islands> in its head) and
// hydrates each <leptos-island> in document order, as Leptos's own island script does. Loaded as
// a file, so the Content-Security-Policy needs no exception for an inline script.
const links = document.querySelectorAll("link[data-islands]");
const script = links[0]?.href;
const wasm = links[1]?.href;
const childrenCallbacks = [];

async function hydrateIsland(element, bundle) {
  const island = bundle[element.dataset.component];
  if (!island) {
    console.warn(`No island called ${element.dataset.component} in ${script}.`);
    return;
  }
  childrenCallbacks.at(-1)?.();
  await island(element);
}

async function walk(node, bundle) {
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  const tag = node.tagName.toLowerCase();
  if (tag === "leptos-island") await hydrateIsland(node, bundle);
  if (tag === "leptos-children") childrenCallbacks.push(node.$$on_hydrate);
  for (const child of node.children) await walk(child, bundle);
  if (tag === "leptos-children") childrenCallbacks.pop();
}

async function start() {
  const bundle = await import(script);
  await bundle.default({ module_or_path: wasm });
  bundle.hydrate();
  window.__hydrateIsland = (element) => hydrateIsland(element, bundle);
  await walk(document.body, bundle);
}

if (script && wasm) {
  // After the first paint: the page is readable before its islands wake up.
  if ("requestIdleCallback" in window) requestIdleCallback(start);
  else start();
}
