import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { openYourData } from "./support/pages";

test.use({ timezoneId: "Europe/Berlin" });

const today = (page: Page) => page.getByRole("region", { name: "Today" });
const progress = (page: Page) => today(page).getByRole("status");
const drinks = (page: Page) => page.getByRole("list", { name: "Drinks today" }).getByRole("listitem");

async function openWater(page: Page) {
  await page.goto("/water");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
}

async function addGlasses(page: Page, count: number) {
  const before = await drinks(page).count();
  for (let i = 1; i <= count; i++) {
    await page.getByRole("button", { name: "Add a glass", exact: true }).click();
    await expect(drinks(page)).toHaveCount(before + i);
  }
}

/** A backup's drinks and settings, without the device's own reminder bookkeeping (when it last
 * looked at the clock), which moves on by itself. */
function personData(backup: string) {
  const { last_checked_at, last_reminded_at, ...data } = JSON.parse(backup).water;
  return data;
}

/** Reads what a download link saved. */
async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, "utf8") };
}

test("three glasses survive a reload; undo, edit and delete work", async ({ page }) => {
  await openWater(page);
  await expect(today(page)).toContainText("Nothing logged yet today.");
  await addGlasses(page, 3);
  await expect(progress(page)).toContainText("750 ml of 1600 ml drunk today");

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await expect(drinks(page)).toHaveCount(3);
  await expect(progress(page)).toContainText("750 ml");

  await page.getByRole("button", { name: "Undo last drink" }).click();
  await expect(drinks(page)).toHaveCount(2);
  await expect(progress(page)).toContainText("Removed 250 ml. 500 ml of 1600 ml");

  await drinks(page).first().getByRole("button", { name: /^Edit / }).click();
  const amount = drinks(page).first().getByRole("textbox", { name: /Amount at/ });
  await amount.fill("330");
  await drinks(page).first().getByRole("button", { name: "Save" }).click();
  await expect(drinks(page).first()).toContainText("330 ml at");
  await expect(progress(page)).toContainText("580 ml");

  await drinks(page).first().getByRole("button", { name: /^Delete / }).click();
  await expect(drinks(page)).toHaveCount(1);

  // Other sizes and a typed amount, with a clear message for nonsense.
  await page.getByRole("button", { name: "Add 500 ml" }).click();
  await page.getByRole("textbox", { name: "Other amount (ml)" }).fill("lots");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Enter an amount between 10 and 2000 ml");
  await page.getByRole("textbox", { name: "Other amount (ml)" }).fill("120");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(progress(page)).toContainText("870 ml");
});

test("the goal follows the person's choices, and a fluid limit turns it off", async ({ page }) => {
  await openWater(page);
  await page.getByText("Your goal", { exact: true }).click();
  await page.getByRole("radio", { name: "Men", exact: true }).check();
  await expect(progress(page)).toContainText("of 2000 ml");
  await page.getByRole("checkbox", { name: "A hot day" }).check();
  await expect(progress(page)).toContainText("of 2500 ml");
  await page.getByRole("radio", { name: "US fluid ounces (fl oz)" }).check();
  await expect(progress(page)).toContainText("fl oz");
  await page.getByRole("checkbox", { name: "I am on a fluid limit: I follow my clinician" }).check();
  await expect(today(page)).toContainText("You follow your clinician's fluid limit");
  await expect(progress(page)).not.toContainText("goal");
});

test("with the network off the log still works and persists", async ({ page, context }) => {
  await openWater(page);
  await expect(page.getByRole("complementary", { name: "Offline and install" }).getByRole("status")).toHaveText(
    "Ready to work offline.",
    { timeout: 60_000 },
  );
  await context.setOffline(true);
  await openWater(page);
  await addGlasses(page, 2);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await expect(drinks(page)).toHaveCount(2);
});

test("a backup saved on the water page restores the same drinks, as JSON and as CSV", async ({ page }) => {
  await openWater(page);
  await addGlasses(page, 2);
  await page.getByRole("button", { name: "Add 330 ml" }).click();
  await openYourData(page);
  const json = await download(page, "Save a backup (JSON)");
  const csv = await download(page, "Save as a spreadsheet (CSV)");
  expect(json.name).toBe("leg-relief-backup.json");
  expect(csv.text.split("\n")[0].trim()).toBe("record,id,time_ms,local_date,local_time,ml,muscle,side,seconds,tried,helped,woke,by_hand");

  // A fresh device, then each backup restored: the tracker on the page takes it at once.
  for (const backup of [json, csv]) {
    await page.evaluate(() => localStorage.removeItem("leg-relief.water.v1"));
    await openWater(page);
    await expect(drinks(page)).toHaveCount(0);
    await openYourData(page);
    await page.getByLabel("Restore from a file").setInputFiles({ name: backup.name, mimeType: "text/plain", buffer: Buffer.from(backup.text) });
    await expect(drinks(page)).toHaveCount(3);
    expect(personData((await download(page, "Save a backup (JSON)")).text)).toEqual(personData(json.text));
  }
});

test("stored data that is corrupt is set aside, not lost, and the page says so", async ({ page }) => {
  // Stored from a page without islands: /water itself could read (and set aside) the data
  // before the reload below, and then have nothing new to say.
  await page.goto("/offline");
  await page.evaluate(() =>
    localStorage.setItem(
      "leg-relief.water.v1",
      JSON.stringify({ version: 1, entries: [{ id: 1, at_ms: Date.now(), ml: 250 }, { id: 2, at_ms: "yesterday", ml: -4 }] }),
    ),
  );
  await openWater(page);
  await expect(drinks(page)).toHaveCount(1);
  await expect(page.getByRole("alert")).toContainText(/set aside|kept aside/i);
  const stored = await page.evaluate(() => localStorage.getItem("leg-relief.water.v1"));
  expect(stored).toContain("yesterday");
});

test("reminders: shown through the service worker when allowed", async ({ page, context }) => {
  await context.grantPermissions(["notifications"]);
  await page.clock.install({ time: new Date("2026-11-25T09:58:00+01:00") });
  await openWater(page);
  await expect(page.getByRole("complementary", { name: "Offline and install" }).getByRole("status")).toHaveText(
    "Ready to work offline.",
    { timeout: 60_000 },
  );
  await page.getByText("Reminders", { exact: true }).click();
  await page.getByRole("combobox", { name: "Remind me every" }).selectOption("30");
  await page.getByRole("button", { name: "Turn on reminders" }).click();
  await expect(page.getByRole("button", { name: "Turn off reminders" })).toBeVisible();

  // The 10:00 slot comes round. Chromium stores a shown notification before it lists it, which
  // took over 10 s once in a full run on a busy 2-core machine: the wait is for the condition.
  await page.clock.runFor(3 * 60_000);
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return (await registration!.getNotifications()).map((n) => n.title);
        }),
      { timeout: 30_000 },
    )
    .toContain("Drink some water");
});

test("reminders: a banner in the page when notifications are not allowed", async ({ page, context }) => {
  await context.clearPermissions();
  await page.clock.install({ time: new Date("2026-11-25T09:58:00+01:00") });
  await openWater(page);
  await page.getByText("Reminders", { exact: true }).click();
  await page.getByRole("combobox", { name: "Remind me every" }).selectOption("30");
  await page.evaluate(() => {
    // What a person who said "Block" gets.
    Object.defineProperty(Notification, "permission", { get: () => "denied" });
    Notification.requestPermission = async () => "denied";
  });
  await page.getByRole("button", { name: "Turn on reminders" }).click();
  await expect(page.getByText("Notifications are not allowed for this app")).toBeVisible();
  await page.clock.runFor(3 * 60_000);
  await expect(page.getByRole("alert").filter({ hasText: "Time for a glass of water." })).toBeVisible();
  await page.getByRole("button", { name: "Log a glass" }).click();
  await expect(drinks(page)).toHaveCount(1);
});

// The goal and reminders are the water settings bundle, which comes as one of their panels opens; each
// panel and the tracker keep their own copy of the data and hear of each other's changes.
test("the goal and reminders load as they open and stay in step with the tracker", async ({ page, context }) => {
  await context.clearPermissions();
  await page.clock.install({ time: new Date("2026-11-25T09:58:00+01:00") });
  const wasm: string[] = [];
  page.on("response", (response) => {
    if (response.url().endsWith(".wasm")) wasm.push(new URL(response.url()).pathname);
  });
  await openWater(page);
  expect(wasm).toEqual([expect.stringMatching(/^\/pkg\/water\./)]);

  await page.getByText("Reminders", { exact: true }).click();
  await page.getByRole("combobox", { name: "Remind me every" }).selectOption("30");
  await page.getByRole("button", { name: "Turn on reminders" }).click();
  const next = page.getByText(/^Next reminder at/);
  await expect(next).toHaveText("Next reminder at 10:00.");
  expect(wasm).toEqual([expect.stringMatching(/^\/pkg\/water\./), expect.stringMatching(/^\/pkg\/water-settings\./)]);

  // A drink logged in the tracker moves the panel's next reminder past the slot it skips.
  await addGlasses(page, 1);
  await expect(next).toHaveText("Next reminder at 10:30.");

  // The goal panel, a second island of the same bundle, changes what the tracker counts to.
  await page.getByText("Your goal", { exact: true }).click();
  await page.getByRole("radio", { name: "Men", exact: true }).check();
  await expect(progress(page)).toContainText("250 ml of 2000 ml");
  // And both survive a reload, read back by every island.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await expect(progress(page)).toContainText("250 ml of 2000 ml");
  await page.getByText("Reminders", { exact: true }).click();
  await expect(page.getByRole("button", { name: "Turn off reminders" })).toBeEnabled();
  await expect(page.getByRole("combobox", { name: "Remind me every" })).toHaveValue("30");
});

test("a reminder's Log a glass, opening the tracker, logs the amount once", async ({ page }) => {
  // The address the service worker opens when no tracker is open: with the reminder's amount,
  // or bare, which is one glass.
  await page.goto("/water?log=330");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await expect(drinks(page)).toHaveCount(1);
  await expect(drinks(page).first()).toContainText("330 ml at");
  await expect(page).toHaveURL(/\/water$/);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await expect(drinks(page)).toHaveCount(1);

  await page.goto("/water?log=");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await expect(drinks(page)).toHaveCount(2);
  await expect(progress(page)).toContainText("580 ml");
});

test("the calendar file parses and holds only waking-hour alarms", async ({ page }) => {
  await openWater(page);
  await page.getByText("Reminders", { exact: true }).click();
  const { name, text } = await download(page, "Download calendar file (.ics)");
  expect(name).toMatch(/\.ics$/);
  expect(text.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  // Unfold (RFC 5545 3.1), then read the events.
  const lines = text.replace(/\r\n[ \t]/g, "").split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("BEGIN:VCALENDAR");
  expect(lines.at(-1)).toBe("END:VCALENDAR");
  const starts = lines.filter((l) => l.startsWith("DTSTART")).map((l) => /T(\d\d)(\d\d)/.exec(l)!);
  expect(starts.length).toBe(lines.filter((l) => l === "BEGIN:VEVENT").length);
  expect(lines.filter((l) => l === "BEGIN:VALARM").length).toBe(starts.length);
  expect(lines.filter((l) => l === "RRULE:FREQ=DAILY").length).toBe(starts.length);
  for (const [, hours, minutes] of starts) {
    const minute = Number(hours) * 60 + Number(minutes);
    expect(minute).toBeGreaterThanOrEqual(8 * 60);
    expect(minute).toBeLessThan(21 * 60);
  }
  expect(starts.length).toBe(9); // 08:00 to 20:00, every 90 minutes
});

test("the history chart draws its bars: no other feature's style reaches them", async ({ page }) => {
  await openWater(page);
  await addGlasses(page, 2);
  const chart = page.getByRole("img", { name: /^Last 7 days\./ });
  const bars = chart.locator("rect");
  await expect(bars).toHaveCount(7);
  // Today's bar, drawn as wide and as tall as its attributes say, not squashed by a stylesheet.
  const todayBar = bars.last();
  const drawn = await todayBar.evaluate((bar) => {
    const box = bar.getBoundingClientRect();
    return { width: box.width, height: box.height, cssWidth: getComputedStyle(bar).width };
  });
  expect(drawn.width).toBeGreaterThan(4);
  expect(drawn.height).toBeGreaterThan(4);
  expect(drawn.cssWidth).not.toBe("0px");
});
