// Leg Relief's service worker. VERSION and PRECACHE (the build's files, then every page, each
// as [address, revision]) and the message names (MESSAGE, SAVED_BECAUSE, ACTION: src/pwa/protocol.rs
// says what each message carries) are written above this line by the server.
//
// To pages: progress, ready and version (public/pwa.js shows them); served-saved, to the one page
// the saved copy answered because the network failed or timed out (pwa.js says "Offline"); log-glass
// (the water tracker logs it). From the push service: reminders the server sends (shown as they
// come). From pages: skip-waiting (the person accepted an update) and version
// (which one is running? and how was this page served?).

const PREFIX = "leg-relief-";
const PAGES = `${PREFIX}${VERSION}`;
// Each cache records the revision of every entry it holds here, so the next version can tell
// what is unchanged and copy it instead of downloading it again.
const REVISIONS = "/__revisions";
// A navigation waits this long for the network before the saved copy answers instead.
const NETWORK_TIMEOUT_MS = 3000;
const PARALLEL_DOWNLOADS = 6;
// A page's served-saved message waits this long, at most, for the page to open.
const CLIENT_WAIT_MS = 10000;
// The last pages the saved copy answered, client id -> served-saved message: a page asks when it
// starts (see "message").
const servedSaved = new Map();

self.addEventListener("install", (event) => {
  event.waitUntil(
    precache().then(() => {
      // The first install takes over at once; an update waits until the person accepts it.
      if (!self.registration.active) return self.skipWaiting();
    }),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== PAGES) await caches.delete(key);
      }
      await self.clients.claim();
      await tell({ type: MESSAGE.READY, version: VERSION });
    })(),
  );
});

self.addEventListener("message", (event) => {
  const message = event.data ?? {};
  if (message.type === MESSAGE.SKIP_WAITING) self.skipWaiting();
  if (message.type === MESSAGE.VERSION && event.source) {
    event.source.postMessage({ type: MESSAGE.VERSION, version: VERSION });
    // The page asks as soon as it starts, so it hears how it was served even if it missed the
    // message sent while it opened.
    const served = servedSaved.get(event.source.id);
    if (served) event.source.postMessage(served);
  }
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  // Only this site's reads: sending forms and other sites' requests go straight to the network.
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Everything else (files, the finder's index) is precached; nothing is saved per request, so
  // typing in the finder never fills the cache.
  if (request.mode !== "navigate") {
    event.respondWith(cacheFirst(request));
    return;
  }
  const answer = navigate(request, url);
  event.respondWith(answer.then(({ response }) => response));
  // The page that opens hears that it came from the device, and why.
  event.waitUntil(
    answer.then(({ because }) => because && tellWhenOpen(event.resultingClientId, { type: MESSAGE.SERVED_SAVED, because })),
  );
});

// A reminder pushed by the server: always shown (a push that shows nothing would be refused by
// the browser). The server sends the notice itself, {title, options} (src/push/notice.rs), so
// this script spells out none of it; an empty or unreadable push still shows a plain reminder.
self.addEventListener("push", (event) => {
  let notice;
  try {
    notice = event.data?.json();
  } catch {
    notice = undefined;
  }
  const title = typeof notice?.title === "string" && notice.title ? notice.title : "Leg Relief";
  const options = notice && typeof notice.options === "object" && notice.options !== null ? notice.options : PLAIN_REMINDER;
  event.waitUntil(self.registration.showNotification(title, options));
});

// A push without a notice of its own; tapped, it opens the water tracker (see pageOf).
const PLAIN_REMINDER = Object.freeze({ body: "A reminder from Leg Relief.", icon: "/icons/icon-192.png" });

// A reminder tapped. "Log a glass" (water) logs it in an open tracker, or opens one that logs it;
// any other button (the bedtime reminder's Start) or a tap on the reminder itself opens or
// focuses the page it names (data.url), the tracker when it names none.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data ?? {};
  event.waitUntil(event.action === ACTION.LOG_GLASS ? logGlass(data) : openPage(pageOf(data)));
});

/** This site's path of a notification's page: /water when it names none or another site. */
function pageOf(data) {
  try {
    const url = new URL(typeof data.url === "string" ? data.url : "/water", self.location.origin);
    if (url.origin === self.location.origin) return url.pathname + url.search;
  } catch {
    // Not an address: the tracker.
  }
  return "/water";
}

async function openWindows() {
  return self.clients.matchAll({ type: "window", includeUncontrolled: true });
}

/** Logs a glass in an open tracker, or opens one that logs it (`/water?log=ml`). */
async function logGlass(data) {
  // The reminder says how much a glass is; without it the tracker logs its own glass.
  const ml = Number.isInteger(data.ml) ? data.ml : undefined;
  const tracker = (await openWindows()).find((client) => new URL(client.url).pathname === "/water");
  if (tracker) {
    tracker.postMessage({ type: MESSAGE.LOG_GLASS, ml });
    await tracker.focus();
  } else {
    await self.clients.openWindow(`/water?log=${ml ?? ""}`);
  }
}

/** Focuses a window already on `path`, or opens one. */
async function openPage(path) {
  const pathname = new URL(path, self.location.origin).pathname;
  const open = (await openWindows()).find((client) => new URL(client.url).pathname === pathname);
  if (open) await open.focus();
  else await self.clients.openWindow(path);
}

/**
 * Saves every file and page. An entry whose revision an earlier version already holds is copied
 * from there; only new or changed entries are downloaded. Progress says how many entries and
 * bytes came over the network.
 */
async function precache() {
  const cache = await caches.open(PAGES);
  const earlier = await earlierRevisions();
  let done = 0;
  let downloaded = 0;
  let downloadedBytes = 0;
  const queue = [...PRECACHE];
  const worker = async () => {
    while (queue.length > 0) {
      const [path, revision] = queue.shift();
      const held = revision === null ? undefined : earlier.get(`${path} ${revision}`);
      let response = held ? await held.match(path) : undefined;
      if (!response) {
        response = await fetch(new Request(path, { cache: "reload", credentials: "same-origin" }));
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        downloaded += 1;
        downloadedBytes += (await response.clone().blob()).size;
      }
      await cache.put(path, response);
      done += 1;
      await tell({ type: MESSAGE.PROGRESS, done, total: PRECACHE.length, downloaded, downloadedBytes, version: VERSION });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
  await cache.put(REVISIONS, Response.json(Object.fromEntries(PRECACHE)));
}

/** Every "address revision" that an earlier version's cache holds, and that cache. */
async function earlierRevisions() {
  const held = new Map();
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === PAGES) continue;
    const cache = await caches.open(key);
    const record = await cache.match(REVISIONS);
    const revisions = record ? await record.json().catch(() => ({})) : {};
    for (const [path, revision] of Object.entries(revisions)) {
      if (revision !== null) held.set(`${path} ${revision}`, cache);
    }
  }
  return held;
}

/**
 * The network first, for fresh pages; the page's own saved copy when the network is down or slow
 * (hydration needs that page's HTML, never one shell for all); the offline page last.
 * `/finder?q=…` gets the saved /finder page, which applies the query once it hydrates; the
 * stretch list's single filters are saved under their own addresses.
 * Resolves to the response and, when something saved answered instead of the network, why.
 */
async function navigate(request, url) {
  // The exact address when it was saved (a filtered list), else the page at that path.
  const saved = async () => {
    const cache = await caches.open(PAGES);
    return (await cache.match(url.pathname + url.search)) ?? (await cache.match(url.pathname));
  };
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.status < 500) return { response };
    const copy = await saved();
    return copy ? { response: copy, because: SAVED_BECAUSE.SERVER_ERROR } : { response };
  } catch (error) {
    const because = error instanceof TimedOut ? SAVED_BECAUSE.TIMED_OUT : SAVED_BECAUSE.UNREACHABLE;
    const copy = (await saved()) ?? (await caches.match("/offline"));
    return copy ? { response: copy, because } : { response: Response.error() };
  }
}

async function cacheFirst(request) {
  return (await caches.match(request)) ?? fetch(request);
}

class TimedOut extends Error {}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimedOut(`no answer in ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Tells the page `clientId` once it exists (a navigation's page opens after its answer), and
 * keeps the message for the page's own question (see "message" above). Waits at most
 * CLIENT_WAIT_MS; the record is kept for the last few pages only.
 */
async function tellWhenOpen(clientId, message) {
  if (!clientId) return;
  servedSaved.set(clientId, message);
  while (servedSaved.size > 20) servedSaved.delete(servedSaved.keys().next().value);
  const deadline = Date.now() + CLIENT_WAIT_MS;
  while (Date.now() < deadline) {
    const client = await self.clients.get(clientId);
    if (client) {
      client.postMessage(message);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function tell(message) {
  const clients = await self.clients.matchAll({ includeUncontrolled: true, type: "window" });
  for (const client of clients) client.postMessage(message);
}
