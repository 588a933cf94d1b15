// Development server: no offline copies. This worker replaces one a release build installed,
// deletes its saved files and unregisters, so every reload shows the files on disk.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("leg-relief-")) await caches.delete(key);
      }
      await self.registration.unregister();
    })(),
  );
});
