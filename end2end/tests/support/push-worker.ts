import type { BrowserContext, Page } from "@playwright/test";

// The service worker's side of a push reminder, driven as the browser would: a push message
// delivered over the DevTools protocol, the notifications it shows, and a tap on one.

/** Hands `data` to the page's service worker as a push message, as the push service would, and
 * waits until the worker has handled it. */
export async function deliverPush(context: BrowserContext, page: Page, data: string) {
  const cdp = await context.newCDPSession(page);
  const scope = new URL("/", page.url()).href;
  // The registration's id once it has an activated worker: a push handed to a registration whose
  // worker is still installing (after an update) would be dropped.
  const registrationId = new Promise<string>((resolve) => {
    const registered = new Set<string>();
    const activated = new Set<string>();
    const settle = () => [...registered].filter((id) => activated.has(id)).forEach(resolve);
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      for (const r of registrations) if (r.scopeURL === scope && !r.isDeleted) registered.add(r.registrationId);
      settle();
    });
    cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
      for (const v of versions) if (v.status === "activated") activated.add(v.registrationId);
      settle();
    });
  });
  // The browser's log of push events says when the worker has handled this one, and how.
  const handled = new Promise<string>((resolve) => {
    cdp.on("BackgroundService.backgroundServiceEventReceived", ({ backgroundServiceEvent: { eventName, eventMetadata } }) => {
      if (eventName === "Push event completed") resolve(eventMetadata.find((m) => m.key === "Status")?.value ?? "");
    });
  });
  await cdp.send("BackgroundService.startObserving", { service: "pushMessaging" });
  await cdp.send("BackgroundService.setRecording", { shouldRecord: true, service: "pushMessaging" });
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin: new URL(page.url()).origin,
    registrationId: await registrationId,
    data,
  });
  // Waiting for it, rather than detaching at once, is what keeps a push from being lost now and
  // then (about one in seventy in Chromium 148).
  const status = await handled;
  if (status !== "Success") throw new Error(`the service worker's push handler ended with ${status}`);
  await cdp.send("BackgroundService.setRecording", { shouldRecord: false, service: "pushMessaging" });
  await cdp.detach();
}

/** The titles of the notifications the service worker shows. */
export function shownTitles(page: Page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => n.title);
  });
}

/**
 * Taps the notification titled `title` inside the service worker: its own button (the action
 * name read from the notification, never retyped here), or its body. A script can't open or
 * focus windows (that takes a real tap), so those two are recorded instead; the worker's
 * handler runs to the end and its failure, if any, fails the test.
 *
 * Closing is recorded too, and the notification stays shown, so one can be tapped twice.
 * (Chromium names a tagged notification by its tag, and a real close finishes later than
 * `getNotifications` says: the same reminder shown again at once could be closed with it.)
 */
export async function tapNotification(context: BrowserContext, title: string, on: "button" | "body") {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  return worker.evaluate(
    async ({ title, on }) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const scope = self as any;
      const notification = (await scope.registration.getNotifications()).find((n: Notification) => n.title === title);
      if (!notification) throw new Error(`no notification titled ${title}`);
      const action: string = on === "button" ? notification.actions[0].action : "";
      const opened: string[] = [];
      const focused: string[] = [];
      let closed = false;
      Object.defineProperty(notification, "close", { value: () => (closed = true), configurable: true });
      scope.clients.openWindow = async (url: string) => {
        opened.push(String(url));
        return null;
      };
      scope.WindowClient.prototype.focus = async function (this: { url: string }) {
        focused.push(new URL(this.url).pathname);
        return this;
      };
      const event = new scope.NotificationEvent("notificationclick", { notification, action });
      let handled: Promise<unknown> = Promise.resolve();
      // A script's event can't extend its own lifetime; the test waits for the handler instead.
      Object.defineProperty(event, "waitUntil", { value: (promise: Promise<unknown>) => (handled = promise) });
      scope.dispatchEvent(event);
      await handled;
      delete notification.close;
      return { action, opened, focused, closed };
    },
    { title, on },
  );
}
