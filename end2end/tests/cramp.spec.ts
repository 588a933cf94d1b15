import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { AFTERNOON, NIGHT } from "./support/clock";
import { openYourData } from "./support/pages";
import { ROOT } from "./support/server";

// Cramp now, the cramp diary and its summary for a doctor: the 3 a.m. path, phone first.

const DIARY_KEY = "leg-relief.diary.v1";
const WATER_KEY = "leg-relief.water.v1";

const hold = (page: Page) => page.getByRole("region", { name: "Cramp now" });

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
}

/** 90 nights of cramps ending last night, as the diary stores them: one a night between 2 and
 * 4.30 a.m., mostly in a calf. */
function ninetyDays(now: number) {
  const muscles = ["calf", "calf", "calf", "calf", "foot", "thigh-back"];
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const entries = [];
  for (let n = 0; n < 90; n++) {
    const start = midnight.getTime() - n * 86_400_000 + (120 + ((n * 37) % 150)) * 60_000;
    entries.push({
      id: n + 1,
      start_ms: start,
      seconds: 30 + ((n * 53) % 400) + (n === 4 ? 700 : 0),
      muscle: muscles[n % muscles.length],
      side: n % 3 === 0 ? "right" : n % 3 === 1 ? "left" : null,
      tried: n % 4 === 0 ? ["stretch", "heat"] : ["stretch"],
      helped: n % 2 === 0 ? ["stretch"] : [],
      woke: n % 5 === 0 ? null : n % 5 !== 1,
      by_hand: n % 7 === 0,
    });
  }
  return { version: 1, entries, medicines: "Amlodipine 5 mg, atorvastatin 20 mg", set_aside: [] };
}

async function storeDiary(page: Page, diary: object) {
  await page.goto("/offline");
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [DIARY_KEY, JSON.stringify(diary)] as const);
}

test("a tap on Calf starts a hold counting up in the page, and reports how soon", async ({ page }) => {
  await open(page, "/cramp");
  await expect(page.getByText(/One leg swollen, hot, red or darker/)).toBeVisible();
  await expect(page.getByText(/suddenly cold, pale, blue or numb\? Call the emergency number now/)).toBeVisible();
  for (const name of ["Calf", "Front of thigh", "Back of thigh", "Foot or toes"]) {
    await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
  }
  // The tap and the first moment the hold reports it is counting, in the page's own clock.
  await page.evaluate(() => {
    const marks = ((window as any).crampMarks = { tap: 0, holding: 0, firstCount: "" });
    document.addEventListener("click", () => (marks.tap ||= performance.now()), { capture: true });
    new MutationObserver(() => {
      const timer = document.querySelector('.cramp-hold[data-status="holding"] [role="timer"]');
      if (!marks.holding && timer) {
        marks.holding = performance.now();
        // Read here, not later: on a slow machine the count may already say 0:01 by the next check.
        marks.firstCount = timer.textContent ?? "";
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByRole("button", { name: "Calf", exact: true }).click();
  await expect(hold(page)).toHaveAttribute("data-status", "holding");
  const marks = await page.evaluate(() => (window as any).crampMarks);
  const tapToHoldingMs = Math.round(marks.holding - marks.tap);
  console.log(`cramp now: tap to a counting hold ${tapToHoldingMs} ms`);
  mkdirSync(join(ROOT, "target"), { recursive: true });
  writeFileSync(join(ROOT, `target/cramp-now-report-${test.info().project.name}.json`), JSON.stringify({ tap_to_holding_ms: tapToHoldingMs }));
  // The 100 ms budget is read from the report, not asserted: on a loaded machine a timed
  // assertion fails for the machine's sake, not the app's.
  expect(marks.holding).toBeGreaterThan(marks.tap);

  // One gentle hold in bed first, counting up; standing is the alternative, behind a tap.
  await expect(hold(page).getByRole("heading", { level: 2 })).toHaveText("Calf: hold one gentle stretch");
  await expect(hold(page).getByRole("heading", { level: 2 })).toBeFocused();
  await expect(hold(page).getByText("Pull your toes up toward your knee", { exact: false })).toBeVisible();
  await expect(hold(page).getByText("Press the heel of the cramped leg", { exact: false })).toBeHidden();
  expect(marks.firstCount).toBe("0:00");
  const count = hold(page).getByRole("timer");
  await expect(count).toHaveText("0:01");
  await expect(hold(page)).not.toContainText(/Left leg, 1 of/);
  const eased = hold(page).getByRole("button", { name: "It has eased" });
  const box = await eased.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
});

test("It has eased saves the cramp with its duration; the diary keeps it through a reload and offline", async ({ page, context }) => {
  test.setTimeout(90_000);
  await page.clock.install({ time: new Date("2026-11-30T03:10:00") });
  await open(page, "/cramp");
  // Time moves only when the test moves it while a hold is timed, so its length is exact.
  await page.clock.pauseAt(new Date("2026-11-30T03:10:30"));
  await page.getByRole("button", { name: "Calf", exact: true }).click();
  await page.getByRole("button", { name: "Right", exact: true }).click();
  await page.clock.runFor(65_000);
  await expect(hold(page).getByRole("timer")).toHaveText("1:05");
  await page.getByRole("button", { name: "It has eased" }).click();
  await expect(hold(page)).toHaveAttribute("data-status", "eased");
  await expect(hold(page).getByRole("status")).toHaveText("Eased after 1 min 5 s. Saved in your diary.");
  await page.clock.resume();
  await page.getByRole("button", { name: "Stretching", exact: true }).click();
  await page.getByRole("button", { name: "Yes", exact: true }).click();
  await expect(page.getByRole("button", { name: "Yes", exact: true })).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("link", { name: "Open your diary" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cramp diary");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  const entry = page.locator(".diary-entry").first();
  await expect(entry).toContainText("Mon 30 Nov, 03:10");
  await expect(entry).toContainText("Right calf · 1 min 5 s");
  await expect(entry).toContainText("Woke you");
  await expect(entry).toContainText("Helped: stretching");

  await page.reload();
  await expect(page.locator(".diary-entry").first()).toContainText("Right calf · 1 min 5 s");

  // Offline, once the service worker has saved the app.
  await expect(page.getByRole("complementary", { name: "Offline and install" }).getByRole("status")).toHaveText(
    "Ready to work offline.",
    { timeout: 60_000 },
  );
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await expect(page.locator(".diary-entry").first()).toContainText("Right calf · 1 min 5 s");
  await open(page, "/cramp");
  await page.clock.pauseAt(new Date("2026-11-30T03:20:00"));
  await page.getByRole("button", { name: "Foot or toes", exact: true }).click();
  await page.clock.runFor(20_000);
  await page.getByRole("button", { name: "It has eased" }).click();
  await expect(hold(page).getByRole("status")).toHaveText("Eased after 20 s. Saved in your diary.");
  await page.clock.resume();
  await open(page, "/diary");
  await expect(page.locator(".diary-entry")).toHaveCount(2);
});

test("a cramp can be added by hand, edited, removed and put back", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-12-01T09:00:00") });
  await open(page, "/diary");
  await expect(page.getByText("No cramps recorded yet", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Add a cramp" }).click();
  await page.getByLabel("Date", { exact: true }).fill("2026-11-29");
  await page.getByLabel("Time it began").fill("02:40");
  await page.getByLabel("How long, in minutes").fill("3");
  await page.getByLabel("Where").selectOption("thigh-back");
  await page.getByLabel("Which leg").selectOption("left");
  await page.getByRole("button", { name: "Save" }).click();
  const entry = page.locator(".diary-entry").first();
  await expect(entry).toContainText("Sun 29 Nov, 02:40");
  await expect(entry).toContainText("Left back of the thigh · 3 min (added by hand)");

  await entry.getByRole("button", { name: /^Edit/ }).click();
  await page.getByLabel("How long, in minutes").fill("abc");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert")).toHaveText(/Enter how long it lasted in minutes/);
  await page.getByLabel("How long, in minutes").fill("4.5");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(entry).toContainText("4 min 30 s");

  await entry.getByRole("button", { name: /^Remove/ }).click();
  await expect(page.locator(".diary-entry")).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.locator(".diary-entry")).toHaveCount(1);
  await page.reload();
  await expect(page.locator(".diary-entry")).toHaveCount(1);
});

test("90 days of entries: the diary shows the patterns, the summary prints on at most 2 pages", async ({ page }) => {
  test.setTimeout(90_000);
  const now = new Date("2026-12-01T09:00:00").getTime();
  await page.clock.install({ time: now });
  await storeDiary(page, ninetyDays(now));
  await open(page, "/diary");
  await expect(page.getByRole("heading", { name: "The last 90 days" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Calendar of the last 90 days: \d+ cramps on \d+ days/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What your diary shows" })).toBeVisible();

  await open(page, "/diary/summary");
  const figures = page.getByRole("table").first();
  await expect(figures).toContainText("Cramps");
  const discuss = page.getByRole("region", { name: "Worth discussing with your doctor" });
  await expect(discuss).toBeVisible();
  await expect(discuss.getByText(/lasted more than 10 minutes/).first()).toBeVisible();
  // A statin typed in the medicines raises the statin sign; the app's thresholds say they are its own.
  await expect(discuss.getByText("You listed a statin (atorvastatin) and have recorded cramps.")).toBeVisible();
  await expect(discuss.getByText(/is this app's own threshold/)).toBeVisible();
  await expect(page.getByText(/Averages are over the \d+ days recorded/)).toBeVisible();
  await expect(page.getByText("Amlodipine 5 mg, atorvastatin 20 mg").first()).toBeAttached();
  const personsAction = discuss.getByText(/^If your urine turns dark/);
  await expect(personsAction).toBeVisible();

  await page.emulateMedia({ media: "print" });
  // The doctor's copy leaves off what the person should do.
  await expect(personsAction).toBeHidden();
  for (const format of ["A4", "Letter"] as const) {
    const pdf = await page.pdf({ format, printBackground: false });
    // Parsed, not searched as text: how Chromium writes a PDF (object streams, compression)
    // changes between versions.
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    console.log(`summary: ${format} ${pages} page(s), ${pdf.length} bytes`);
    expect(pages, format).toBeGreaterThan(0);
    expect(pages, format).toBeLessThanOrEqual(2);
    mkdirSync(join(ROOT, "target"), { recursive: true });
    writeFileSync(join(ROOT, `target/diary-summary-${format}-${test.info().project.name}.pdf`), pdf);
  }
  // What prints: the figures and the medicines, not the app around them.
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.locator(".print-only")).toHaveText("Amlodipine 5 mg, atorvastatin 20 mg");
});

/** Saves the JSON backup from the "Your data" panel; its text. */
async function saveBackup(page: Page): Promise<string> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Save a backup (JSON)" }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe("leg-relief-backup.json");
  return (await import("node:fs/promises")).readFile((await file.path()) ?? "", "utf8");
}

test("one backup file restores identical diary and water data, and old water-only backups still restore", async ({ page }) => {
  const now = new Date("2026-12-01T09:00:00").getTime();
  await page.clock.install({ time: now });
  await storeDiary(page, ninetyDays(now));
  // The water log as the first prototype kept it: the backup carries it in today's format.
  await page.evaluate(
    ([key, text]) => localStorage.setItem(key, text),
    [WATER_KEY, JSON.stringify({ glasses: [{ t: now - 3_600_000, ml: 250 }, { t: now - 60_000, ml: 330 }], goal: 1800 })] as const,
  );
  await open(page, "/diary");
  await openYourData(page);
  const before = JSON.parse(await saveBackup(page));
  expect(before.diary.entries).toHaveLength(90);
  expect(before.water.entries).toHaveLength(2);

  await page.evaluate(([d, w]) => { localStorage.removeItem(d); localStorage.removeItem(w); }, [DIARY_KEY, WATER_KEY] as const);
  await open(page, "/diary");
  await expect(page.getByText("No cramps recorded yet", { exact: false })).toBeVisible();
  await openYourData(page);
  const restore = page.getByLabel("Restore from a file");
  await restore.setInputFiles({ name: "leg-relief-backup.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(before)) });
  await expect(page.getByRole("status").filter({ hasText: /Restored/ })).toBeVisible();
  await expect(page.locator(".diary-entry").first()).toBeVisible();
  expect(JSON.parse(await saveBackup(page))).toEqual(before);
  await open(page, "/water");
  await expect(page.getByRole("list", { name: "Drinks today" }).getByRole("listitem")).toHaveCount(2);

  // A backup from the water tracker before the diary existed: the water log comes back, the
  // diary stays as it is.
  await open(page, "/diary");
  await openYourData(page);
  const waterOnly = JSON.stringify({ ...before.water, entries: [{ id: 1, at_ms: now - 120_000, ml: 200 }] }, null, 2);
  await restore.setInputFiles({ name: "leg-relief-water.json", mimeType: "application/json", buffer: Buffer.from(waterOnly) });
  await expect(page.getByRole("status").filter({ hasText: /Restored/ })).toBeVisible();
  const mixed = JSON.parse(await saveBackup(page));
  expect(mixed.diary).toEqual(before.diary);
  expect(mixed.water.entries).toHaveLength(1);
});

for (const look of ["light", "dark", "night"] as const) {
  test(`no serious or critical accessibility problem on Cramp now, the diary and the summary, ${look}`, async ({ page }) => {
    test.setTimeout(90_000);
    const now = (look === "night" ? NIGHT : AFTERNOON).getTime();
    await page.clock.install({ time: now });
    await page.emulateMedia({ colorScheme: look === "light" ? "light" : "dark" });
    await storeDiary(page, ninetyDays(now));
    const check = async (where: string) => {
      if (look === "night") await expect(page.locator("html")).toHaveAttribute("data-night", "");
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      expect(serious, `${where} (${look})`).toEqual([]);
    };
    await open(page, "/cramp");
    await check("/cramp");
    await page.getByRole("button", { name: "Calf", exact: true }).click();
    await check("/cramp holding");
    await page.getByRole("button", { name: "It has eased" }).click();
    await check("/cramp eased");
    await open(page, "/diary");
    await expect(page.getByRole("heading", { name: "The last 90 days" })).toBeVisible();
    await check("/diary");
    await page.getByRole("button", { name: "Add a cramp" }).click();
    await check("/diary adding");
    await open(page, "/diary/summary");
    await expect(page.getByRole("heading", { name: "How often and how long" })).toBeVisible();
    await check("/diary/summary");
  });
}
