import { expect, test, type Page } from "@playwright/test";

const guide = (page: Page) => page.getByRole("region", { name: "Timer" });
const countdown = (page: Page) => guide(page).getByRole("timer", { name: "Time left" });
/** Opens a page and waits until its islands have hydrated. */
async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
}

test("a paused timer keeps its remaining time however long it waits", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-11-25T03:00:00Z") });
  await open(page, "/stretches/wall-calf-stretch");
  // From here time moves only when the test moves it, so every reading is exact.
  await page.clock.pauseAt(new Date("2026-11-25T03:01:00Z"));
  await expect(page.getByRole("img", { name: /wall/ })).toBeVisible();
  await expect(countdown(page)).toHaveText("0:30");
  await expect(guide(page)).toContainText("Left leg, 1 of 5");

  await guide(page).getByRole("button", { name: "Start", exact: true }).click();
  await page.clock.runFor(5_000);
  await expect(countdown(page)).toHaveText("0:25");
  await guide(page).getByRole("button", { name: "Pause" }).click();
  await expect(guide(page)).toHaveAttribute("data-status", "paused");

  await page.clock.fastForward("10:00");
  await expect(countdown(page)).toHaveText("0:25");
  await guide(page).getByRole("button", { name: "Resume" }).click();
  await page.clock.runFor(2_000);
  await expect(countdown(page)).toHaveText("0:23");

  // The whole hold passes, a rest follows, then the next repetition.
  await page.clock.runFor(23_000);
  await expect(guide(page)).toContainText(/Rest/);
  await guide(page).getByRole("button", { name: "Skip" }).click();
  await expect(guide(page)).toContainText("Left leg, 2 of 5");
  await guide(page).getByRole("button", { name: "Restart" }).click();
  await expect(guide(page)).toHaveAttribute("data-status", "idle");
  await expect(countdown(page)).toHaveText("0:30");
});

test("a timer in a background tab is right when it comes back", async ({ page }) => {
  await page.clock.install();
  await open(page, "/stretches/standing-calf-stretch");
  await guide(page).getByRole("button", { name: "Start", exact: true }).click();
  // The clock jumps without the page's timers firing in between, as in a background tab.
  await page.clock.fastForward("00:40");
  await page.clock.runFor(500);
  // 40 s in: the first 30 s hold and its 10 s rest have passed, so the second hold runs.
  await expect(guide(page)).toContainText("Left leg, 2 of 3");
});

test("a routine advances to its next stretch and plays to the end", async ({ page }) => {
  await page.clock.install();
  await open(page, "/routines/bedtime");
  await expect(page.getByText(/Total time \d+:\d\d/)).toBeVisible();
  const title = guide(page).getByRole("heading", { level: 2 });
  await expect(title).toHaveText("Wall calf stretch");
  await expect(guide(page)).toContainText("Stretch 1 of 5");

  await guide(page).getByRole("button", { name: "Start", exact: true }).click();
  // Time passes until the first stretch is done and the routine moves on by itself.
  await expect
    .poll(async () => {
      await page.clock.runFor(10_000);
      return title.textContent();
    }, { timeout: 20_000, intervals: [0] })
    .not.toBe("Wall calf stretch");
  await expect(guide(page)).toContainText("Stretch 2 of 5");

  await guide(page).getByRole("button", { name: "Next stretch" }).click();
  await expect(guide(page)).toContainText("Stretch 3 of 5");

  await page.clock.runFor(30 * 60_000);
  await expect(guide(page)).toHaveAttribute("data-status", "finished");
  await expect(countdown(page)).toHaveText("0:00");
  await expect(guide(page).getByRole("button", { name: "Start again" })).toBeVisible();
});

for (const routine of ["bedtime", "before-exercise", "after-exercise", "pregnancy-safe", "foot-and-ankle"]) {
  test(`the ${routine} routine plays through to the end`, async ({ page }) => {
    await page.clock.install();
    await open(page, `/routines/${routine}`);
    await guide(page).getByRole("button", { name: "Start", exact: true }).click();
    // Half an hour passes in one jump (as with the phone locked), then the next tick shows it.
    await page.clock.fastForward("30:00");
    await page.clock.runFor(1_000);
    await expect(guide(page)).toHaveAttribute("data-status", "finished");
    await expect(guide(page).getByRole("button", { name: "Start again" })).toBeVisible();
  });
}

test("the stretch list filters by body part and purpose", async ({ page }) => {
  await page.goto("/stretches");
  await expect(page.getByRole("heading", { name: "Routines" })).toBeVisible();
  await page.getByRole("navigation", { name: "Where" }).getByRole("link", { name: "Calf" }).click();
  await expect(page).toHaveURL(/part=calf/);
  await expect(page.getByRole("link", { name: "Standing calf stretch" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Toe and sole stretch" })).toHaveCount(0);
  await page.getByRole("navigation", { name: "What for" }).getByRole("link", { name: "Bedtime prevention" }).click();
  await expect(page).toHaveURL(/part=calf/);
  await expect(page).toHaveURL(/purpose=bedtime/);
  await expect(page.getByRole("link", { name: "Wall calf stretch" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Standing calf stretch" })).toHaveCount(0);
});

test("every stretch page has a drawing and a guide", async ({ page }) => {
  await page.goto("/stretches");
  const links = await page.locator(".card-list a[href^='/stretches/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  expect(links.length).toBe(21);
  for (const href of links) {
    await page.goto(href);
    await expect(page.locator(".illustration[role=img] svg"), href).toHaveCount(1);
    await expect(countdown(page), href).toHaveText(/^\d+:\d\d$/);
  }
});
