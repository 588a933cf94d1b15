// Fetches the page's bundles (named by this script's data-bundles, from the server's page table)
// once the page has painted, and starts each. The guide client wires its guides as it starts;
// an islands bundle then hydrates each <leptos-island> in document order, as Leptos's own island
// script does, but in short tasks: it yields to the browser after loading the bundle and before
// each island, so a tap or a paint never waits for the whole page to wake up. Loaded as a file,
// so the Content-Security-Policy needs no exception for an inline script.
const bundles = JSON.parse(document.querySelector("script[data-bundles]")?.dataset.bundles ?? "[]");

// A new task: scheduler.yield() keeps this work ahead of other queued tasks where it exists.
const nextTask = () =>
  globalThis.scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));

// A missing island is a build mistake (an island in the wrong bundle): loud, so tests fail on it.
async function hydrateIsland(element, bundle, script, childrenOf) {
  const island = bundle[element.dataset.component];
  if (!island) {
    console.error(`No island called ${element.dataset.component} in ${script}.`);
    return;
  }
  // An island inside another island's children first lets that parent claim its children.
  childrenOf?.$$on_hydrate?.();
  await island(element);
  element.dataset.hydrated = "";
}

async function hydrateIslands(bundle, script) {
  bundle.hydrate();
  // Islands and the children slots they own, in document order; the innermost open slot is the
  // parent of the islands inside it.
  const open = [];
  for (const element of document.body.querySelectorAll("leptos-island, leptos-children")) {
    while (open.length && !open.at(-1).contains(element)) open.pop();
    if (element.localName === "leptos-children") {
      open.push(element);
      continue;
    }
    await nextTask();
    await hydrateIsland(element, bundle, script, open.at(-1));
  }
}

async function start() {
  for (const { script, wasm, islands } of bundles) {
    const bundle = await import(script);
    await bundle.default({ module_or_path: wasm });
    await nextTask();
    if (islands) await hydrateIslands(bundle, script);
  }
  // Lets tests (and anyone debugging) wait for the page to come alive rather than guess.
  document.documentElement.dataset.hydrated = "";
}

if (bundles.length) {
  // After the first paint: the page is readable before it wakes up.
  if ("requestIdleCallback" in window) requestIdleCallback(start);
  else start();
}
