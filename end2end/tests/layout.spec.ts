import { expect, test } from "@playwright/test";
import { PAGES_OF_EACH_KIND } from "./support/pages";
import { layoutProblems, setTextSize, SMALL_SCREENS } from "./support/screen";

// Every page reflows (WCAG 1.4.10) at 320 CSS px wide and with the browser's text at 200%
// (WCAG 1.4.4): nothing scrolls sideways, no control runs off the screen, and the whole
// navigation stays within reach.

// Every kind of page, and the answers and reading pages the quality checks don't visit.
const PAGES = [
  ...PAGES_OF_EACH_KIND,
  "/finder?q=is+magnesium+any+good",
  "/finder?q=leg+cramps+every+night",
  "/remedies/magnesium-tablets",
  "/learn/causes-and-risk-factors",
];

for (const setup of SMALL_SCREENS) {
  test(`${setup.name}: every page reflows and every control is within reach`, async ({ page, context }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(setup.viewport);
    await setTextSize(context, page, setup.textScale);
    for (const path of PAGES) {
      await page.goto(path);
      await page.waitForLoadState("load");
      expect(await layoutProblems(page), path).toEqual([]);
    }

    // The whole navigation and the theme switch can be reached from any page.
    await page.goto("/water");
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Home", "Finder", "Stretches", "Water", "Diary", "Learn", "Help"]) {
      const link = nav.getByRole("link", { name, exact: true });
      await link.scrollIntoViewIfNeeded();
      await expect(link, name).toBeInViewport({ ratio: 0.99 });
    }
    const themeSwitch = page.getByRole("banner").getByRole("button", { name: "Dark theme" });
    await themeSwitch.scrollIntoViewIfNeeded();
    await expect(themeSwitch).toBeInViewport({ ratio: 1 });

    // A hold at this size: its heading, count and "It has eased" on one screen.
    await page.goto("/cramp");
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
    await page.getByRole("button", { name: "Calf", exact: true }).click();
    const hold = page.getByRole("region", { name: "Cramp now" });
    await expect(hold.getByRole("heading", { name: "Calf: hold one gentle stretch" })).toBeInViewport({ ratio: 1 });
    await expect(hold.getByRole("timer")).toBeInViewport({ ratio: 1 });
    await expect(hold.getByRole("button", { name: "It has eased" })).toBeInViewport({ ratio: 1 });
    expect(await layoutProblems(page), "/cramp holding").toEqual([]);
    await hold.getByRole("button", { name: "It has eased" }).click();
    await expect(hold.getByRole("status")).toBeInViewport();
    await expect(hold.getByRole("button", { name: "Done" })).toBeInViewport({ ratio: 1 });
    expect(await layoutProblems(page), "/cramp eased").toEqual([]);

    // The routine's timer is whole, and its Start is on the first screen.
    await page.goto("/routines/bedtime");
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
    const routineTimer = page.getByRole("timer");
    expect(await routineTimer.evaluate((t) => t.scrollWidth <= t.clientWidth)).toBe(true);
  });
}

test("a routine's Start is on a phone's first screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  await page.goto("/routines/bedtime");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await expect(page.getByRole("button", { name: "Start", exact: true })).toBeInViewport({ ratio: 1 });
});
