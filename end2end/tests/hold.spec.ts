import { expect, test, type Locator, type Page } from "@playwright/test";

// Cramp now at the moment of need: the hold on one phone screen, within thumb reach, never lost
// to a reload, a trip to another page or a closed tab, with one duration everywhere.

const HOLD_KEY = "leg-relief.hold.v1";

const hold = (page: Page) => page.getByRole("region", { name: "Cramp now" });
const timer = (page: Page) => hold(page).getByRole("timer");

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
}

/** Whether a person can see and tap `target`: wholly on screen, and nothing drawn over it. */
async function withinReach(target: Locator) {
  await expect(target).toBeInViewport({ ratio: 1 });
  const onTop = await target.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (hit === element || element.contains(hit));
  });
  expect(onTop, "nothing covers it").toBe(true);
}

for (const viewport of [
  { width: 375, height: 667 },
  { width: 390, height: 844 },
]) {
  test(`on a ${viewport.width}x${viewport.height} phone the hold fits one screen, and focus follows each step`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await open(page, "/cramp");
    await page.getByRole("button", { name: "Calf", exact: true }).click();
    const holding = hold(page).getByRole("heading", { name: "Calf: hold one gentle stretch" });
    await expect(holding).toBeFocused();
    // The bottom bar steps aside while holding: the count and "It has eased" take its place.
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await withinReach(holding);
    await withinReach(timer(page));
    await withinReach(hold(page).getByRole("button", { name: "It has eased" }));

    await hold(page).getByRole("button", { name: "It has eased" }).click();
    await expect(hold(page).getByRole("heading", { name: "Calf: it has eased" })).toBeFocused();
    const done = hold(page).getByRole("button", { name: "Done" });
    const again = hold(page).getByRole("button", { name: "It tightened again" });
    await withinReach(done);
    await withinReach(again);
    await withinReach(timer(page));
    // Done leads: first, and the filled button; tightening again is the quiet one.
    const [doneBox, againBox] = [await done.boundingBox(), await again.boundingBox()];
    expect(doneBox!.y).toBeLessThan(againBox!.y);
    await expect(done).toHaveClass(/hold-primary/);
    await expect(again).toHaveClass(/button-quiet/);

    await done.click();
    await expect(hold(page).getByRole("heading", { name: "Where is the cramp?" })).toBeFocused();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  });
}

test("tightened again and eased again: the count, the sentence and the diary say one duration", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-11-30T03:10:00") });
  await open(page, "/cramp");
  await page.clock.pauseAt(new Date("2026-11-30T03:10:30"));
  await page.getByRole("button", { name: "Calf", exact: true }).click();
  await page.clock.runFor(40_000);
  await page.getByRole("button", { name: "It has eased" }).click();
  await expect(timer(page)).toHaveText("0:40");
  await page.getByRole("button", { name: "It tightened again" }).click();
  await expect(hold(page).getByRole("heading", { name: "Calf: hold one gentle stretch" })).toBeFocused();
  await page.clock.runFor(26_000);
  await expect(timer(page)).toHaveText("1:06");
  await page.getByRole("button", { name: "It has eased" }).click();
  await expect(timer(page)).toHaveText("1:06");
  await expect(timer(page)).toHaveAttribute("aria-label", "1 minute 6 seconds");
  await expect(hold(page).getByRole("status")).toHaveText("Eased after 1 min 6 s. Saved in your diary.");
  await page.clock.resume();
  await open(page, "/diary");
  await expect(page.locator(".diary-entry")).toHaveCount(1);
  await expect(page.locator(".diary-entry").first()).toContainText("Calf · 1 min 6 s");
});

test("a running hold survives a reload and a trip to another page: Still cramping? with its count going on", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-11-30T03:10:00") });
  await open(page, "/cramp");
  // The header's Cramp now would only reload this page: it is not offered here.
  await expect(page.getByRole("banner").getByRole("link", { name: "Cramp now" })).toBeHidden();
  await page.clock.pauseAt(new Date("2026-11-30T03:10:30"));
  await page.getByRole("button", { name: "Calf", exact: true }).click();
  await page.getByRole("button", { name: "Left", exact: true }).click();
  await page.clock.runFor(192_000);
  await expect(timer(page)).toHaveText("3:12");

  // The page's clock runs again (its scripts need their timers), from 3:12 on.
  await page.clock.resume();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  const still = hold(page).getByRole("heading", { name: "Calf: still cramping?" });
  await expect(still).toBeFocused();
  await expect(hold(page)).toHaveAttribute("data-status", "holding");
  await expect(timer(page)).toHaveText(/^3:1\d$/);
  await expect(page.getByRole("button", { name: "Left", exact: true })).toHaveAttribute("aria-pressed", "true");

  // Away to another page, and back with the header's Cramp now.
  await open(page, "/water");
  await page.getByRole("banner").getByRole("link", { name: "Cramp now" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await expect(still).toBeVisible();
  await page.getByRole("button", { name: "It has eased" }).click();
  await expect(hold(page).getByRole("status")).toHaveText(/^Eased after 3 min 1\d s\. Saved in your diary\.$/);

  // Once it is in the diary, it is not offered again.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await expect(hold(page).getByRole("heading", { name: "Where is the cramp?" })).toBeVisible();
  await open(page, "/diary");
  await expect(page.locator(".diary-entry")).toHaveCount(1);
  await expect(page.locator(".diary-entry").first()).toContainText(/Left calf · 3 min 1\d s/);
});

test("a hold left running in a tab closed long ago is offered for the diary, as long as it was seen", async ({ page }) => {
  const started = new Date("2026-11-30T03:10:00").getTime();
  await page.clock.install({ time: started + 4 * 3_600_000 });
  await page.goto("/offline");
  const kept = {
    muscle: "calf",
    hold: { started_ms: started, holds: 1, eased_ms: null },
    side: "right",
    saved: null,
    seen_ms: started + 125_000,
  };
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [HOLD_KEY, JSON.stringify(kept)] as const);
  await open(page, "/cramp");
  const offer = hold(page).getByRole("group", { name: "A cramp in your calf was left running" });
  await expect(offer).toContainText("It lasted at least 2 min 5 s.");
  // Not picked up again four hours on: the choices are there for a new cramp.
  await expect(page.getByRole("button", { name: "Calf", exact: true })).toBeVisible();
  await offer.getByRole("button", { name: "Save it in your diary" }).click();
  await expect(hold(page).getByRole("status")).toHaveText("Saved in your diary.");
  await open(page, "/diary");
  await expect(page.locator(".diary-entry").first()).toContainText("Right calf · 2 min 5 s");
  await open(page, "/cramp");
  await expect(page.getByRole("group", { name: /was left running/ })).toHaveCount(0);
});

test("a tap before the page's code is ready still starts the one-leg hold, never a timed routine", async ({ page }) => {
  // The islands' code never arrives, as in the moment before it has loaded on a slow phone.
  await page.route(/\.wasm(\?|$)/, (route) => route.abort());
  await page.goto("/cramp");
  await page.getByRole("button", { name: "Calf", exact: true }).click();
  // A form without fields: the address ends in an empty query.
  await expect(page).toHaveURL(/\/cramp\/calf\??$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Calf: hold one gentle stretch");
  await expect(page.getByText("Stretch only the leg that hurts.", { exact: false })).toBeVisible();
  await expect(page.getByRole("timer")).toHaveCount(0);
});
