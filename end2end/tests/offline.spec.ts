import { expect, test, type Page } from "@playwright/test";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Relay } from "./support/relay";
import { copyOfSite, ROOT, Server, SITE } from "./support/server";

// Offline tests run one at a time: each waits for a whole precache, and the update test runs a
// server of its own.
test.describe.configure({ mode: "serial" });

const offlineStatus = (page: Page) =>
  page.getByRole("complementary", { name: "Offline and install" }).getByRole("status");

/** Waits until every page is saved and the service worker controls this page. */
async function waitUntilReadyOffline(page: Page) {
  await expect(offlineStatus(page)).toHaveText("Ready to work offline.", { timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** The precache list the server generated, read from the worker it serves: addresses, and each
 * address's revision. */
function precacheOf(script: string): { version: string; precache: string[]; revisions: Map<string, string | null> } {
  const version = /const VERSION = "([^"]+)";/.exec(script)?.[1] ?? "";
  const list = /const PRECACHE = (\[[\s\S]*?\]);/.exec(script)?.[1] ?? "[]";
  const entries: [string, string | null][] = JSON.parse(list);
  return { version, precache: entries.map(([path]) => path), revisions: new Map(entries) };
}

/** Every file of the build a page may fetch: no precompressed copies, no type declarations. */
function buildFiles(dir = SITE): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return buildFiles(path);
    if (/\.(br|gz|ts)$/.test(name) || name === "sw.js") return [];
    return [`/${relative(SITE, path)}`];
  });
}

test("the manifest and the precache list match the build", async ({ request }) => {
  const manifestResponse = await request.get("/manifest.webmanifest");
  expect(manifestResponse.ok()).toBe(true);
  const manifest = await manifestResponse.json();
  expect(manifest).toMatchObject({ name: "Leg Relief", start_url: "/", scope: "/", display: "standalone" });
  for (const purpose of ["any", "maskable"]) {
    for (const size of ["192x192", "512x512"]) {
      const icon = manifest.icons.find((i: { sizes: string; purpose: string }) => i.sizes === size && i.purpose === purpose);
      expect(icon, `${purpose} ${size}`).toBeTruthy();
      const image = await request.get(icon.src);
      expect(image.headers()["content-type"]).toBe("image/png");
    }
  }
  expect(manifest.shortcuts.map((s: { url: string }) => s.url)).toEqual(["/cramp", "/water", "/finder"]);

  const worker = await request.get("/sw.js");
  expect(worker.headers()["content-type"]).toContain("javascript");
  expect(worker.headers()["cache-control"]).toBe("no-cache");
  const { version, precache } = precacheOf(await worker.text());
  expect(version).toMatch(/^[0-9a-f]{16}$/);
  const files = precache.filter((path) => path.includes("."));
  // islands.js is listed by its revision (pwa::worker::VERSIONED), so that after an update a page
  // never runs the copy an older worker saved; every other file by its name.
  expect(files.filter((path) => path.startsWith("/islands.js"))).toEqual([expect.stringMatching(/^\/islands\.js\?v=[0-9a-f]{24}$/)]);
  expect(files.map((path) => path.replace(/\?v=[0-9a-f]{24}$/, "")).sort()).toEqual(buildFiles().sort());
  for (const page of ["/", "/cramp", "/finder", "/help", "/offline", "/remedies/heat", "/stretches/ankle-circles", "/routines/bedtime", "/stretches?part=calf", "/learn/prevention"]) {
    expect(precache, page).toContain(page);
  }
  // The finder's search index, under the digest of its content.
  expect(precache.filter((path) => /^\/api\/search-index\?digest=[0-9a-f]{16}$/.test(path))).toHaveLength(1);
  for (const path of precache) {
    expect((await request.get(path)).status(), path).toBe(200);
  }
  // Offline, a page can only use what was saved: every file a saved page or the manifest
  // refers to (scripts, styles, preloads, icons, images) must be precached itself.
  const pages = precache.filter((path) => !path.includes(".") && !path.startsWith("/api/"));
  const referenced = new Set<string>(manifest.icons.map((icon: { src: string }) => icon.src));
  for (const path of pages) {
    for (const file of filesReferencedBy(await (await request.get(path)).text())) referenced.add(file);
  }
  expect(referenced.size).toBeGreaterThan(5);
  expect([...referenced].filter((file) => !precache.includes(file)), "referenced but not precached").toEqual([]);
});

/** The same-site files a page loads by itself (not the pages it links to). */
function filesReferencedBy(html: string): string[] {
  const files: string[] = [];
  for (const [tag] of html.matchAll(/<(?:link|script|img|source|image|use)\b[^>]*>/g)) {
    for (const [, address] of tag.matchAll(/\s(?:src|href)="([^"]+)"/g)) {
      const path = address.replace(/#.*$/, "");
      if (path.startsWith("/") && !path.startsWith("//") && !/rel="canonical"/.test(tag)) files.push(path);
    }
  }
  return files;
}

test("after one visit every route works offline, pages never visited included", async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await waitUntilReadyOffline(page);
  const saved = await page.evaluate(async () => {
    let bytes = 0;
    let entries = 0;
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        bytes += (await response!.arrayBuffer()).byteLength;
        entries += 1;
      }
    }
    return { bytes, entries };
  });

  await context.setOffline(true);
  const routes = [
    "/",
    "/cramp",
    "/finder",
    "/stretches",
    "/stretches/ankle-circles",
    "/routines/bedtime",
    "/stretches?purpose=bedtime",
    "/water",
    "/diary",
    "/diary/summary",
    "/learn",
    "/learn/prevention",
    "/remedies/heat",
    "/help",
  ];
  const islands = new Set(["/cramp", "/finder", "/diary", "/diary/summary", "/stretches/ankle-circles", "/routines/bedtime"]);
  for (const path of routes) {
    await page.goto(path);
    await expect(page, path).toHaveTitle(/· Leg Relief$/);
    await expect(offlineStatus(page), path).toHaveText("Offline: using what is saved on this device.");
    // Pages with islands hydrate from the saved WASM; every page's theme switch answers.
    if (islands.has(path)) await expect(page.locator("html"), path).toHaveAttribute("data-hydrated", "");
    const toggle = page.getByRole("button", { name: "Dark theme" });
    const pressed = await toggle.getAttribute("aria-pressed");
    await toggle.click();
    await expect(toggle, path).not.toHaveAttribute("aria-pressed", pressed ?? "");
  }

  // Cramp now: a tap starts the hold with no network.
  await page.goto("/cramp");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await page.getByRole("button", { name: "Calf", exact: true }).click();
  await expect(page.getByRole("region", { name: "Cramp now" })).toHaveAttribute("data-status", "holding");

  // The finder: a shared address gets the saved /finder page with its query applied, and every
  // search is answered on the device from the saved index, a warning sign first.
  await page.goto("/finder?q=magnesium");
  const results = page.locator(".remedy-card:visible");
  await expect(results.first().getByRole("link")).toHaveText(/Magnesium/);
  await page.getByRole("searchbox", { name: "Search" }).fill("quinine");
  await expect(results.first().getByRole("link")).toHaveText("Quinine and tonic water");
  await page.getByRole("searchbox", { name: "Search" }).fill("swollen calf");
  await expect(page.locator(".warning-first li").first().getByRole("link")).toHaveAttribute("href", "/help#clot-in-the-leg");

  // A page that isn't saved gets the offline page, not an error.
  await page.goto("/remedies/not-saved-anywhere");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You're offline");

  // Time to first paint of / reloaded with no network.
  await page.goto("/");
  await page.reload();
  // Paint timings are recorded after the frame is shown, which can be after "load".
  await page.waitForFunction(() => performance.getEntriesByType("paint").length > 0);
  const paint = await page.evaluate(() =>
    performance.getEntriesByType("paint").map((entry) => [entry.name, Math.round(entry.startTime)]),
  );
  const report = { precached_bytes: saved.bytes, precached_entries: saved.entries, offline_reload_paint_ms: Object.fromEntries(paint) };
  console.log(`offline: ${JSON.stringify(report)}`);
  writeFileSync(join(ROOT, "target/offline-report.json"), JSON.stringify(report, null, 2));
});

// The browser's offline switch is one way to lose the network; a connection that answers
// nothing and one that is refused are others, and there the browser still says it is online.
// The status must say what happened: the worker tells the page when the saved copy answered.
test("a network that answers nothing, or refuses: the page says it came from the device, until the network is back", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const upstream = new URL(String(testInfo.project.use.baseURL)).host;
  const relay = new Relay(`127.0.0.1:${3104 + testInfo.parallelIndex}`, upstream);
  await relay.start();
  try {
    await page.goto(`${relay.url}/`);
    await waitUntilReadyOffline(page);
    await expect(offlineStatus(page)).toHaveText("Ready to work offline.");

    // Requests are held with no answer: the worker waits for the network, then the saved copy
    // answers and the page says so, while the browser still reports a connection.
    relay.set("hold");
    await page.goto(`${relay.url}/cramp`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(offlineStatus(page)).toHaveText("Offline: using what is saved on this device.");
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
    await page.getByRole("button", { name: "Calf", exact: true }).click();
    await expect(page.getByRole("region", { name: "Cramp now" })).toHaveAttribute("data-status", "holding");

    // The network answers again; a hint (the browser's online event) makes the page look.
    relay.set("pass");
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect(offlineStatus(page)).toHaveText("Ready to work offline.");

    // Connections are refused: the saved copy answers at once, and the page says so.
    relay.set("cut");
    await page.goto(`${relay.url}/help`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(offlineStatus(page)).toHaveText("Offline: using what is saved on this device.");
    // An address with no saved copy gets the offline page, which says the same.
    await page.goto(`${relay.url}/remedies/not-saved-anywhere`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You're offline");
    await expect(offlineStatus(page)).toHaveText("Offline: using what is saved on this device.");

    // Back online, the next page comes over the network and says nothing of the copy.
    relay.set("pass");
    await page.goto(`${relay.url}/water`);
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
    await expect(offlineStatus(page)).toHaveText("Ready to work offline.");
  } finally {
    await relay.stop();
  }
});

test("a new build: the open page offers the update, which keeps the water log", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const site = copyOfSite();
  // A port per project: the phone and desktop runs may restart their servers at the same time.
  const server = new Server(`127.0.0.1:${3102 + testInfo.parallelIndex}`, { siteRoot: site.root });
  try {
    await server.start();
    await page.goto(`${server.url}/`);
    await waitUntilReadyOffline(page);
    const before = await page.evaluate(() => document.documentElement.dataset.offlineVersion);
    // What a person keeps on the device: today's water log.
    await page.goto(`${server.url}/water`);
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
    const drinks = page.getByRole("list", { name: "Drinks today" }).getByRole("listitem");
    for (let glass = 1; glass <= 3; glass++) {
      await page.getByRole("button", { name: "Add a glass", exact: true }).click();
      await expect(drinks).toHaveCount(glass);
    }

    // The next build changes a precached file; the server restarts with it.
    await server.stop();
    const theme = join(site.root, "theme.js");
    writeFileSync(theme, `${readFileSync(theme, "utf8")}\n// next build\n`);
    // A build compresses its files again; here the stale compressed copies simply go.
    for (const copy of [`${theme}.br`, `${theme}.gz`]) rmSync(copy, { force: true });
    await server.start();
    const next = precacheOf(await (await fetch(`${server.url}/sw.js`)).text()).version;
    expect(next).not.toBe(before);

    const { revisions } = precacheOf(await (await fetch(`${server.url}/sw.js`)).text());
    // The open page checks for updates (as it does whenever it becomes visible again), and
    // notes what the new worker says it downloaded.
    await page.evaluate(() => {
      navigator.serviceWorker.addEventListener("message", ({ data }) => {
        if (data?.type === "progress") document.documentElement.dataset.updateProgress = JSON.stringify(data);
      });
      return navigator.serviceWorker.getRegistration().then((r) => r?.update());
    });
    const prompt = page.getByRole("region", { name: "Update" });
    await expect(prompt).toContainText("Update available");
    // Per-entry revisions: only the one changed file came over the network; every other file
    // and page was copied from the copy already on the device.
    const updateProgress = async () =>
      JSON.parse((await page.locator("html").getAttribute("data-update-progress")) ?? "{}");
    await expect.poll(async () => (await updateProgress()).done).toBe(revisions.size);
    const progress = await updateProgress();
    expect(progress).toMatchObject({ version: next, done: revisions.size, total: revisions.size, downloaded: 1 });
    expect(progress.downloadedBytes).toBe(readFileSync(theme).length);
    console.log(`update after a one-line change: ${progress.downloaded} of ${progress.total} entries, ${progress.downloadedBytes} B`);
    await prompt.getByRole("button", { name: "Update now" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-offline-version", next);
    await expect(offlineStatus(page)).toHaveText("Ready to work offline.");
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
    await expect(drinks).toHaveCount(3);
    const caches = await page.evaluate(() => window.caches.keys());
    expect(caches.filter((key) => key.includes(before ?? "none"))).toEqual([]);
  } finally {
    await server.stop();
    site.remove();
  }
});
