// Leg Relief's service worker. VERSION and PRECACHE (the build's files, then every page) are
// written above this line by the server, from the files it serves.

const PREFIX = "leg-relief-";
const PAGES = `${PREFIX}${VERSION}`;
const ANSWERS = `${PREFIX}answers-${VERSION}`;
// A navigation waits this long for the network before the saved copy answers instead.
const NETWORK_TIMEOUT_MS = 3000;
// Files with a content hash in their name: the same name always means the same bytes.
const HASHED = /^\/pkg\//;
const PARALLEL_DOWNLOADS = 6;

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
      const keep = [PAGES, ANSWERS];
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && !keep.includes(key)) await caches.delete(key);
      }
      await self.clients.claim();
      await tell({ type: "ready", version: VERSION });
    })(),
  );
});

self.addEventListener("message", (event) => {
  const message = event.data ?? {};
  if (message.type === "skip-waiting") self.skipWaiting();
  if (message.type === "version") event.source?.postMessage({ type: "version", version: VERSION });
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  // Only this site's reads: sending forms and other sites' requests go straight to the network.
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request, url));
  } else if (url.pathname.startsWith("/api/")) {
    event.respondWith(staleWhileRevalidate(event, request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

// A water reminder: "Log a glass" logs it in an open tracker, or opens one that logs it; a tap
// on the notification itself opens the tracker.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const ml = Number(event.notification.data?.ml) || 250;
  const logGlass = event.action === "log-glass";
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const tracker = windows.find((client) => new URL(client.url).pathname === "/water");
      if (tracker) {
        if (logGlass) tracker.postMessage({ type: "log-glass", ml });
        await tracker.focus();
      } else {
        await self.clients.openWindow(logGlass ? `/water?log=${ml}` : "/water");
      }
    })(),
  );
});

/** Saves every file and page, reusing hashed files an earlier version already holds. */
async function precache() {
  const cache = await caches.open(PAGES);
  let done = 0;
  const queue = [...PRECACHE];
  const worker = async () => {
    while (queue.length > 0) {
      const path = queue.shift();
      let response = HASHED.test(path) ? await caches.match(path) : undefined;
      if (!response) {
        response = await fetch(new Request(path, { cache: "reload", credentials: "same-origin" }));
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
      }
      await cache.put(path, response);
      done += 1;
      await tell({ type: "progress", done, total: PRECACHE.length, version: VERSION });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
}

/**
 * The network first, for fresh pages; the page's own saved copy when the network is down or slow
 * (hydration needs that page's HTML, never one shell for all); the offline page last.
 * `/finder?q=…` gets the saved /finder page, which applies the query once it hydrates; the
 * stretch list's single filters are saved under their own addresses.
 */
async function navigate(request, url) {
  // The exact address when it was saved (a filtered list), else the page at that path.
  const saved = async () => {
    const cache = await caches.open(PAGES);
    return (await cache.match(url.pathname + url.search)) ?? (await cache.match(url.pathname));
  };
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.status < 500) return response;
    return (await saved()) ?? response;
  } catch {
    return (await saved()) ?? (await caches.match("/offline")) ?? Response.error();
  }
}

/** Answers from the last copy at once and refreshes it in the background. */
async function staleWhileRevalidate(event, request) {
  // A call without arguments may end in a bare "?"; its saved copy is filed under the path.
  const url = new URL(request.url);
  const cached = (await caches.match(request)) ?? (url.search === "" ? await caches.match(url.pathname) : undefined);
  const fresh = fetch(request).then(async (response) => {
    if (response.ok) {
      const cache = await caches.open(ANSWERS);
      await cache.put(request, response.clone());
    }
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  // Offline with no copy: the request fails and the finder searches on the device instead.
  return fresh;
}

async function cacheFirst(request) {
  return (await caches.match(request)) ?? fetch(request);
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
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

async function tell(message) {
  const clients = await self.clients.matchAll({ includeUncontrolled: true, type: "window" });
  for (const client of clients) client.postMessage(message);
}
