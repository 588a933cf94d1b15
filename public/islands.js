// Fetches the page's bundles (named by this script's data-bundles, from the server's page table)
// once the page has painted, and starts each. The guide client wires its guides as it starts.
// A bundle the page table marks `near` waits until one of the page's islands is within a screen of
// being seen, so an island far down the page (the bedtime routine's reminder switch) costs a
// first visit nothing. A bundle marked `opens` waits until the person opens one of the <details
// data-bundle> that hold its islands (the backup panel, the water goal and reminders), or the
// page wakes them, and the page's other bundles leave the islands inside them alone. A bundle
// marked `reached` waits until the person reaches for the page's islands (the finder's live
// search, over results the server rendered), unless the page needs it at once. An islands bundle hydrates each <leptos-island> in document order, as Leptos's own island
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

// The islands (and the children slots they own) a bundle hydrates, in document order: those
// inside its own <details data-bundle> panels, or for the page's other bundles every one outside
// such a <details>.
const islandsOf = (panels) =>
  panels
    ? panels.flatMap((details) => [...details.querySelectorAll("leptos-island, leptos-children")])
    : [...document.body.querySelectorAll("leptos-island, leptos-children")].filter((element) => !element.closest("[data-bundle]"));

// `hydrate(true)`: this script says when the bundle's islands have all hydrated (`hydrated`),
// and the islands put off reading the device until then, so that a child island still to
// hydrate finds the markup the server rendered.
async function hydrateIslands(bundle, script, panels) {
  bundle.hydrate(true);
  // The innermost open slot is the parent of the islands inside it.
  const open = [];
  try {
    for (const element of islandsOf(panels)) {
      while (open.length && !open.at(-1).contains(element)) open.pop();
      if (element.localName === "leptos-children") {
        open.push(element);
        continue;
      }
      await nextTask();
      await hydrateIsland(element, bundle, script, open.at(-1));
    }
  } finally {
    bundle.hydrated?.();
  }
}

// The first element an island draws, which has a box (the island element itself has none).
const drawn = (island) => island.firstElementChild ?? island;

// Whether one of `islands` is within a screen's height of the visible part of the page.
const nearNow = (islands) =>
  !("IntersectionObserver" in window) ||
  islands.some((island) => drawn(island).getBoundingClientRect().top < 2 * innerHeight);

// Resolves when one of `islands` comes within a screen's height of the visible part.
const whenNear = (islands) =>
  new Promise((resolve) => {
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        resolve();
      },
      { rootMargin: "100% 0px" },
    );
    for (const island of islands) observer.observe(drawn(island));
  });

// Whether a `reached` bundle is needed with the page: the device holds the choice it applies (a
// declared situation), or the page was rendered for another address (the saved offline copy,
// opened at a shared address).
function neededAtOnce({ stored, rendered_for }) {
  let held = false;
  try {
    held = localStorage.getItem(stored) !== null;
  } catch {
    // Storage turned off: nothing is held.
  }
  return held || location.pathname + location.search !== rendered_for;
}

// Resolves when the person first focuses or taps inside one of `islands` (or already has).
const whenReached = (islands) =>
  new Promise((resolve) => {
    const inside = (node) => islands.some((island) => island.contains(node));
    if (inside(document.activeElement)) return resolve();
    const kinds = ["focusin", "pointerdown"];
    const reached = (event) => {
      if (!inside(event.target)) return;
      for (const kind of kinds) document.removeEventListener(kind, reached, true);
      resolve();
    };
    for (const kind of kinds) document.addEventListener(kind, reached, true);
  });

async function startBundle({ script, wasm, islands }, panels) {
  const bundle = await import(script);
  await bundle.default({ module_or_path: wasm });
  await nextTask();
  if (islands) await hydrateIslands(bundle, script, panels);
}

// Resolves with the page's <details data-bundle="name"> (the water goal and reminders are two)
// once the person has opened one of them, or the page's own code has sent one the `wokenBy`
// event (its name comes from Rust, with the bundle).
const whenOpened = (name, wokenBy) =>
  new Promise((resolve) => {
    const panels = [...document.querySelectorAll(`details[data-bundle="${name}"]`)];
    if (panels.some((details) => details.open)) return resolve(panels);
    const started = (event) => {
      // A panel closing is a toggle too: only an opening, or the wake, starts the bundle.
      if (event.type !== wokenBy && !event.target.open) return;
      for (const details of panels) {
        details.removeEventListener("toggle", started);
        if (wokenBy) details.removeEventListener(wokenBy, started);
      }
      resolve(panels);
    };
    for (const details of panels) {
      details.addEventListener("toggle", started);
      if (wokenBy) details.addEventListener(wokenBy, started);
    }
  });

async function start() {
  const islands = [...document.body.querySelectorAll("leptos-island")];
  // The panels' bundles listen first: a bundle started now may wake them as soon as it runs.
  const later = bundles
    .filter((bundle) => bundle.opens)
    .map((bundle) => whenOpened(bundle.opens, bundle.woken_by).then((panels) => startBundle(bundle, panels)));
  for (const bundle of bundles.filter((bundle) => !bundle.opens)) {
    // Started now, unless it waits for the person or for its islands further down than a screen.
    if (bundle.reached && !neededAtOnce(bundle.reached)) {
      later.push(whenReached(islands).then(() => startBundle(bundle)));
    } else if (!bundle.near || nearNow(islands)) {
      await startBundle(bundle);
    } else {
      later.push(whenNear(islands).then(() => startBundle(bundle)));
    }
  }
  // Lets tests (and anyone debugging) wait for what the first screens need rather than guess;
  // islands started later mark themselves as they wake.
  document.documentElement.dataset.hydrated = "";
  await Promise.all(later);
}

if (bundles.length) {
  // After the first paint: the page is readable before it wakes up.
  if ("requestIdleCallback" in window) requestIdleCallback(start);
  else start();
}
