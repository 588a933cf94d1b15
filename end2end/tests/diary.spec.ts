import { expect, test, type Locator, type Page } from "@playwright/test";
import { layoutProblems, setTextSize, SMALL_SCREENS } from "./support/screen";

// The cramp diary on a phone: a 90-day calendar whose months and weekdays can be read, a cramp
// added afterwards that starts last night, and a diary and summary that fit the screen at 320 px
// and with the browser's text at 200%.

const DIARY_KEY = "leg-relief.diary.v1";
/** Tuesday 1 December 2026, 09:00 local time: the last 90 days begin on Thursday 3 September. */
const MORNING = new Date(2026, 11, 1, 9, 0);

/** A one-minute calf cramp at 03:00 on each of the `nights` nights up to `now`, as the diary
 * stores them. */
function nightly(now: Date, nights: number) {
  const entries = [];
  for (let n = 0; n < nights; n++) {
    entries.push({
      id: n + 1,
      start_ms: new Date(now.getFullYear(), now.getMonth(), now.getDate() - n, 3, 0).getTime(),
      seconds: 60,
      muscle: "calf",
      side: n % 2 === 0 ? "left" : "right",
      tried: ["stretch"],
      helped: n % 3 === 0 ? [] : ["stretch"],
      woke: true,
      by_hand: false,
    });
  }
  return { version: 1, entries, medicines: "", set_aside: [] };
}

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
}

async function storeDiary(page: Page, diary: object) {
  await page.goto("/offline");
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [DIARY_KEY, JSON.stringify(diary)] as const);
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  expect(found, "shown").not.toBeNull();
  return found ?? { x: 0, y: 0, width: 0, height: 0 };
}

test("the 90-day calendar names its months over their weeks and Mon, Wed and Fri beside their rows", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "a phone's screen");
  await page.setViewportSize({ width: 375, height: 667 });
  await page.clock.install({ time: MORNING });
  await storeDiary(page, nightly(MORNING, 90));
  await open(page, "/diary");

  // One image to a screen reader, and the months in words before it.
  const calendar = page.getByRole("img", { name: "Calendar of the last 90 days: 90 cramps on 90 days" });
  await expect(calendar).toBeVisible();
  await expect(
    page.getByText("90 cramps on 90 days since Thu 3 Sep. By month: 28 in September, 31 in October, 30 in November and 1 in December."),
  ).toBeVisible();

  await calendar.scrollIntoViewIfNeeded();
  for (const name of ["Sep", "Oct", "Nov", "Mon", "Wed", "Fri"]) {
    const label = calendar.getByText(name, { exact: true });
    await expect(label, name).toBeInViewport({ ratio: 1 });
    const size = await label.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(size, `${name}: readable`).toBeGreaterThanOrEqual(12);
  }
  // "Oct" stands over the week of Monday 5 October, the first that is October's.
  const october = await box(calendar.getByText("Oct", { exact: true }));
  const fifth = await box(calendar.getByTitle("Mon 5 Oct: 1 cramp"));
  expect(Math.abs(october.x - fifth.x)).toBeLessThan(1);
  expect(october.y + october.height).toBeLessThanOrEqual(fifth.y + 1);
  // Each weekday's name is level with its row, across every week.
  for (const [name, day] of [
    ["Mon", "Mon 30 Nov: 1 cramp"],
    ["Wed", "Wed 9 Sep: 1 cramp"],
    ["Fri", "Fri 27 Nov: 1 cramp"],
  ]) {
    const label = await box(calendar.getByText(name, { exact: true }));
    const cell = await box(calendar.getByTitle(day));
    expect(Math.abs(label.y + label.height / 2 - (cell.y + cell.height / 2)), name).toBeLessThan(2);
    expect(label.x + label.width, name).toBeLessThanOrEqual(cell.x + 1);
  }
});

test("a cramp added afterwards starts last night at 03:00, or now in the small hours", async ({ page }) => {
  await page.clock.install({ time: MORNING });
  await open(page, "/diary");
  await page.getByRole("button", { name: "Add a cramp" }).click();
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue("2026-12-01");
  await expect(page.getByLabel("Time it began")).toHaveValue("03:00");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Added to your diary.")).toBeVisible();
  const entry = page.getByRole("listitem").filter({ hasText: "Tue 1 Dec, 03:00" });
  await expect(entry).toContainText("Calf · 1 min (added by hand)");

  // At 01:30 the night is not over: the cramp is most likely the one just now.
  await page.clock.setSystemTime(new Date(2026, 11, 2, 1, 30));
  await open(page, "/diary");
  await page.getByRole("button", { name: "Add a cramp" }).click();
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue("2026-12-02");
  await expect(page.getByLabel("Time it began")).toHaveValue("01:30");
});

for (const setup of SMALL_SCREENS) {
  test(`${setup.name}: the diary with 90 days, its forms and the summary fit the screen`, async ({ page, context }, testInfo) => {
    test.skip(testInfo.project.name !== "phone", "a phone's screen");
    test.setTimeout(60_000);
    await page.setViewportSize(setup.viewport);
    await setTextSize(context, page, setup.textScale);
    await page.clock.install({ time: MORNING });
    await storeDiary(page, nightly(MORNING, 90));

    await open(page, "/diary");
    await expect(page.getByRole("img", { name: /^Calendar of the last 90 days/ })).toBeVisible();
    await page.getByRole("button", { name: "Add a cramp" }).click();
    await page.getByRole("listitem").filter({ hasText: "Tue 1 Dec, 03:00" }).getByRole("button", { name: /^Edit/ }).click();
    expect(await layoutProblems(page), "/diary with both forms open").toEqual([]);
    // Both forms' fields take the width there is, whole and tall enough to tap.
    for (const label of ["Date", "Time it began", "How long, in minutes", "Where", "Which leg", "Did it wake you?"]) {
      for (const field of await page.getByLabel(label, { exact: true }).all()) {
        const { x, width, height } = await box(field);
        expect(x, label).toBeGreaterThanOrEqual(0);
        expect(x + width, label).toBeLessThanOrEqual(setup.viewport.width);
        expect(height, label).toBeGreaterThanOrEqual(48);
      }
    }

    await open(page, "/diary/summary");
    const weeks = page.getByRole("region", { name: "Cramps each week" });
    await expect(weeks).toBeVisible();
    expect(await layoutProblems(page), "/diary/summary").toEqual([]);
    // The last week and its count, on the screen once scrolled to.
    const lastWeek = weeks.getByText("Mon 30 Nov", { exact: true });
    await lastWeek.scrollIntoViewIfNeeded();
    await expect(lastWeek).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole("region", { name: "What I tried, and what helped" })).toContainText("Stretching");
  });
}
