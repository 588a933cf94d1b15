import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createECDH } from "node:crypto";
import {
  decryptAes128gcm,
  pushService,
  PUSH_FAKE_PORT,
  type FakeSubscription,
  type PushServiceClient,
} from "./support/push-service";
import { deliverPush, shownTitles, tapNotification } from "./support/push-worker";
import { wakeEveryIsland } from "./support/pages";

// Push reminders end to end: the page subscribes (through a stand-in push manager, since the
// browser's own push service is on the internet), the server encrypts and sends to a fake push
// service on 127.0.0.1, the test decrypts what it got and hands it to the real service worker
// over the DevTools protocol, and taps the notification the worker shows.
//
// The server under test runs with push on, allowed to send to 127.0.0.1:PUSH_FAKE_PORT
// (playwright.config.ts); the fake push service is the global setup's (support/push-global.ts).

test.use({ timezoneId: "Europe/Berlin" });

/** Where the page keeps each kind's registration and the bedtime (`device::Key::Push`). */
const PUSH_KEY = "leg-relief.push.v1";
/** Where the stand-in push manager keeps its subscription, so it survives a reload as a real one. */
const STUB_KEY = "leg-relief-test.push-subscription";

const WATER_SWITCH = "Water reminders when the app is closed";
const BEDTIME_SWITCH = "Bedtime reminder when the app is closed";

let fake: PushServiceClient;

test.beforeAll(async () => {
  fake = await pushService();
});

/** The switch's group: the switch, its note, its status line, its test button. */
const panel = (page: Page, name: string) => page.getByRole("group", { name });
const toggle = (page: Page, name: string) => panel(page, name).getByRole("button", { name, exact: true });
const status = (page: Page, name: string) => panel(page, name).getByRole("status");
const drinks = (page: Page) => page.getByRole("list", { name: "Drinks today" }).getByRole("listitem");
const offlineStatus = (page: Page) =>
  page.getByRole("complementary", { name: "Offline and install" }).getByRole("status");

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await wakeEveryIsland(page);
}

/** The service worker is active (turning on waits for `serviceWorker.ready`, and pushes are
 * delivered to it). */
async function serviceWorkerReady(page: Page) {
  await expect(offlineStatus(page)).toHaveText("Ready to work offline.", { timeout: 60_000 });
}

/** PushManager's subscribe and getSubscription answer with a subscription of the fake push
 * service; its unsubscribe forgets it. What the page asked for is kept to check. */
async function standInPushManager(context: BrowserContext, subscription: FakeSubscription) {
  await context.addInitScript(
    ({ subscription, key }) => {
      const stored = () => localStorage.getItem(key) !== null;
      const made = () => ({
        endpoint: subscription.endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true },
        toJSON: () => ({ endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys }),
        unsubscribe: async () => {
          localStorage.removeItem(key);
          return true;
        },
      });
      PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
        const serverKey = options?.applicationServerKey;
        const asked = {
          userVisibleOnly: options?.userVisibleOnly ?? false,
          // The Push API takes the key as bytes or as base64url text; the app gives the text.
          serverKey: typeof serverKey === "string" ? serverKey : null,
        };
        localStorage.setItem(key, JSON.stringify(asked));
        return made() as unknown as PushSubscription;
      };
      PushManager.prototype.getSubscription = async function () {
        return (stored() ? made() : null) as unknown as PushSubscription;
      };
    },
    { subscription, key: STUB_KEY },
  );
}

/** Notifications allowed, push through the fake, `path` open with its worker ready. */
async function openWithPush(page: Page, context: BrowserContext, path: string) {
  await context.grantPermissions(["notifications"]);
  const subscription = await fake.subscribe();
  await standInPushManager(context, subscription);
  await open(page, path);
  await serviceWorkerReady(page);
  return subscription;
}

function stored(page: Page, key: string) {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null"), key);
}

/** The one push the fake received for `subscription` (after `before` earlier ones), decrypted. */
async function nextPush(subscription: FakeSubscription, before: number) {
  await expect.poll(async () => (await fake.pushes(subscription.id)).length).toBeGreaterThan(before);
  const push = (await fake.pushes(subscription.id))[before];
  expect(push.error).toBeNull();
  expect(push.contentEncoding).toBe("aes128gcm");
  // RFC 8292: a JWT for this push service's origin, and the server's public key.
  const vapid = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+), k=([\w-]+)$/.exec(push.authorization ?? "");
  expect(vapid, push.authorization ?? "no Authorization header").not.toBeNull();
  const claims = JSON.parse(Buffer.from(vapid![2], "base64url").toString("utf8"));
  expect(claims.aud).toBe(`http://127.0.0.1:${PUSH_FAKE_PORT}`);
  expect(claims.exp * 1000).toBeGreaterThan(Date.now());
  expect(push.ttl).not.toBeNull();
  return { plaintext: push.plaintext!, notice: JSON.parse(push.plaintext!) };
}

test("the fake push service reads RFC 8291's own example message", () => {
  // RFC 8291, Appendix A: the receiver's keys, its auth secret and the message as sent.
  const bytes = (text: string) => Buffer.from(text, "base64url");
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(bytes("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"));
  const body = bytes(
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
  );
  const receiver = { ecdh, publicKey: ecdh.getPublicKey(), auth: bytes("BTBZMqHH6r4Tts7J_aSIgg") };
  expect(decryptAes128gcm(body, receiver)).toBe("When I grow up, I want to be a watermelon");
});

test("water reminders: on, a test reminder arrives, its Log a glass logs one, off deletes them on the server", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  const subscription = await openWithPush(page, context, "/water");
  const water = toggle(page, WATER_SWITCH);
  await expect(water).toHaveAttribute("aria-pressed", "false");
  await expect(water).toHaveAccessibleDescription(/No drinks, no diary, no IP address.*45 days/);
  await water.click();
  await expect(water).toHaveAttribute("aria-pressed", "true");
  await expect(status(page, WATER_SWITCH)).toContainText(
    /On\. Next reminder (at \d\d:\d\d( tomorrow)?|on \d{4}-\d\d-\d\d at \d\d:\d\d)\./,
  );
  // The page asked for a visible-only subscription to the server's key: a 65-byte P-256 point.
  const asked = (await stored(page, STUB_KEY)) as { userVisibleOnly: boolean; serverKey: string };
  expect(asked.userVisibleOnly).toBe(true);
  const serverKey = Buffer.from(asked.serverKey, "base64url");
  expect([serverKey.length, serverKey[0]]).toEqual([65, 4]);
  const registration = (await stored(page, PUSH_KEY)).water;
  expect(registration).toEqual({ id: expect.any(String), secret: expect.any(String) });

  const before = (await fake.pushes(subscription.id)).length;
  await panel(page, WATER_SWITCH).getByRole("button", { name: "Send a test reminder" }).click();
  await expect(status(page, WATER_SWITCH)).toContainText("A test reminder is on its way");
  const { plaintext, notice } = await nextPush(subscription, before);
  expect(notice.title).toBe("Drink some water");
  expect(notice.options.data.url).toBe("/water");

  // The worker shows it, and its Log a glass logs one in the open tracker.
  await deliverPush(context, page, plaintext);
  await expect.poll(() => shownTitles(page)).toContain("Drink some water");
  const glasses = await drinks(page).count();
  const tapped = await tapNotification(context, "Drink some water", "button");
  expect(tapped.action).toBe(notice.options.actions[0].action);
  expect(tapped.opened).toEqual([]);
  expect(tapped.focused).toEqual(["/water"]);
  expect(tapped.closed).toBe(true);
  await expect(drinks(page)).toHaveCount(glasses + 1);

  // Off: the server forgets the row, the page its registration, the browser its subscription.
  await water.click();
  await expect(water).toHaveAttribute("aria-pressed", "false");
  await expect(status(page, WATER_SWITCH)).toContainText("Off.");
  await expect(panel(page, WATER_SWITCH).getByRole("button", { name: "Send a test reminder" })).toHaveCount(0);
  expect((await stored(page, PUSH_KEY)).water).toBeNull();
  expect(await stored(page, STUB_KEY)).toBeNull();
  const afterOff = await request.post("/api/reminders/test", { data: { registration } });
  expect(afterOff.status()).toBe(404);
});

test("a reminder that is on is re-sent when the page opens, and off when the browser's subscription is gone", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await openWithPush(page, context, "/water");
  await toggle(page, WATER_SWITCH).click();
  await expect(toggle(page, WATER_SWITCH)).toHaveAttribute("aria-pressed", "true");
  const registration = (await stored(page, PUSH_KEY)).water;

  // Any page, one without reminders too, tells the server the app was opened (so it keeps the
  // reminder past 45 days), once a session.
  const seen = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/reminders/seen");
  await page.goto("/cramp");
  const answer = await seen;
  expect(answer.status()).toBe(200);
  expect(answer.request().postDataJSON().device.water).toEqual(registration);
  let seenAgain = 0;
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/reminders/seen") seenAgain += 1;
  });
  await page.goto("/stretches");
  await serviceWorkerReady(page);
  expect(seenAgain).toBe(0);

  // Reopened: re-sent without the panel being opened (its bundle wakes by itself when a server
  // reminder is on); then still on, with the same registration, and the next reminder said again.
  const resent = page.waitForRequest((request) => new URL(request.url()).pathname === "/api/reminders/subscribe");
  await page.goto("/water");
  await resent;
  await page.getByText("Reminders", { exact: true }).click();
  await expect(toggle(page, WATER_SWITCH)).toHaveAttribute("aria-pressed", "true");
  await expect(status(page, WATER_SWITCH)).toContainText(/On\. Next reminder/);
  expect((await stored(page, PUSH_KEY)).water).toEqual(registration);

  // The browser dropped the subscription (site data cleared, push service expired it): off.
  await page.evaluate((key) => localStorage.removeItem(key), STUB_KEY);
  await open(page, "/water");
  await expect(toggle(page, WATER_SWITCH)).toHaveAttribute("aria-pressed", "false");
  await expect.poll(async () => (await stored(page, PUSH_KEY))?.water ?? null).toBeNull();
});

test("bedtime reminder: at the chosen time, and its Start opens the routine", async ({ page, context }) => {
  test.setTimeout(120_000);
  const subscription = await openWithPush(page, context, "/routines/bedtime");

  const time = page.getByLabel("Remind me at");
  await expect(time).toHaveValue("22:00");
  await time.fill("21:30");
  await expect.poll(async () => (await stored(page, PUSH_KEY))?.bedtime_at).toBe(21 * 60 + 30);

  const bedtime = toggle(page, BEDTIME_SWITCH);
  await expect(bedtime).toHaveAccessibleDescription(/your reminder time and time zone.*45 days/);
  await bedtime.click();
  await expect(bedtime).toHaveAttribute("aria-pressed", "true");
  // The server's next reminder, in the page's own zone: 21:30 today or tomorrow.
  await expect(status(page, BEDTIME_SWITCH)).toContainText(/On\. Next reminder at 21:30( tomorrow)?\./);

  // A new time while on goes to the server.
  await time.fill("21:45");
  await expect(status(page, BEDTIME_SWITCH)).toContainText(/On\. Next reminder at 21:45( tomorrow)?\./);

  const before = (await fake.pushes(subscription.id)).length;
  await panel(page, BEDTIME_SWITCH).getByRole("button", { name: "Send a test reminder" }).click();
  const { plaintext, notice } = await nextPush(subscription, before);
  expect(notice.title).toBe("Bedtime stretches");
  expect(notice.options.data.url).toBe("/routines/bedtime");

  // Elsewhere in the app (a page without islands), the reminder's Start and a tap on the
  // reminder itself both open the routine, and close the reminder.
  await page.goto("/");
  await deliverPush(context, page, plaintext);
  await expect.poll(() => shownTitles(page)).toContain("Bedtime stretches");
  for (const on of ["button", "body"] as const) {
    const tapped = await tapNotification(context, "Bedtime stretches", on);
    if (on === "button") expect(tapped.action).toBe(notice.options.actions[0].action);
    expect(tapped.opened).toEqual(["/routines/bedtime"]);
    expect(tapped.closed).toBe(true);
  }
  await open(page, "/routines/bedtime");
  await expect(page.getByLabel("Remind me at")).toHaveValue("21:45");
  await expect(bedtime).toHaveAttribute("aria-pressed", "true");

  await bedtime.click();
  await expect(bedtime).toHaveAttribute("aria-pressed", "false");
  expect(await stored(page, STUB_KEY)).toBeNull();
});

test("a push with nothing readable still shows a plain reminder", async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(["notifications"]);
  await open(page, "/water");
  await serviceWorkerReady(page);
  await deliverPush(context, page, "not json");
  await expect.poll(() => shownTitles(page)).toContain("Leg Relief");
});

test("without the Push API the switch says why and offers the calendar file", async ({ page, context }) => {
  await context.addInitScript(() => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    delete (window as any).PushManager;
  });
  await open(page, "/water");
  const water = toggle(page, WATER_SWITCH);
  await expect(panel(page, WATER_SWITCH)).toContainText("This browser can't receive reminders while the app is closed");
  await expect(water).toHaveAttribute("aria-disabled", "true");
  await expect(water).toHaveAccessibleDescription(/can't receive reminders.*calendar file.*45 days/);
  // A tap does nothing (Playwright would wait for an aria-disabled control to be enabled).
  await water.click({ force: true });
  await expect(water).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByRole("button", { name: "Download calendar file (.ics)" })).toBeVisible();

  await open(page, "/routines/bedtime");
  const bedtime = toggle(page, BEDTIME_SWITCH);
  await expect(bedtime).toHaveAttribute("aria-disabled", "true");
  await expect(bedtime).toHaveAccessibleDescription(/can't receive reminders/);
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download calendar file (.ics)" }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/\.ics$/);
  const lines = readFileSync((await file.path())!, "utf8").replace(/\r\n[ \t]/g, "").split("\r\n");
  expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
  expect(lines.find((l) => l.startsWith("DTSTART"))).toMatch(/T220000$/);
  expect(lines).toContain("RRULE:FREQ=DAILY");
});

test("with notifications blocked the switch explains how to allow them", async ({ page, context }) => {
  await context.addInitScript(() => {
    // What a person who answers "Block" gets.
    let answer: NotificationPermission = "default";
    Object.defineProperty(Notification, "permission", { configurable: true, get: () => answer });
    Notification.requestPermission = async () => (answer = "denied");
  });
  await open(page, "/water");
  const water = toggle(page, WATER_SWITCH);
  await expect(water).not.toHaveAttribute("aria-disabled", "true");
  await water.click();
  await expect(panel(page, WATER_SWITCH)).toContainText("Notifications are blocked for this app");
  await expect(panel(page, WATER_SWITCH)).toContainText("set Notifications to Allow");
  await expect(water).toHaveAttribute("aria-pressed", "false");
  await expect(water).toHaveAttribute("aria-disabled", "true");
  await expect(water).toHaveAccessibleDescription(/Notifications are blocked/);
});

test.describe("on an iPhone, outside the Home Screen app", () => {
  test.use({
    userAgent:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  });

  test("the switch says to add the app to the Home Screen first", async ({ page }) => {
    await open(page, "/routines/bedtime");
    const bedtime = toggle(page, BEDTIME_SWITCH);
    await expect(panel(page, BEDTIME_SWITCH)).toContainText("Add to Home Screen");
    await expect(bedtime).toHaveAttribute("aria-disabled", "true");
    await expect(page.getByRole("button", { name: "Download calendar file (.ics)" })).toBeVisible();
  });
});
