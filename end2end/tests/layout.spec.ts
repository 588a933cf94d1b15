import { expect, test, type BrowserContext, type Page } from "@playwright/test";

// Every page reflows (WCAG 1.4.10) at 320 CSS px wide and with the browser's text at 200%
// (WCAG 1.4.4): nothing scrolls sideways, no control runs off the screen, and the whole
// navigation stays within reach.

const PAGES = [
  "/",
  "/cramp",
  "/cramp/calf",
  "/help",
  "/finder?q=is+magnesium+any+good",
  "/remedies/magnesium-tablets",
  "/stretches",
  "/stretches/wall-calf-stretch",
  "/routines/bedtime",
  "/water",
  "/diary",
  "/diary/summary",
  "/learn",
  "/learn/prevention",
];

const SETUPS = [
  { name: "320 px wide", viewport: { width: 320, height: 640 }, textScale: 1 },
  { name: "text at 200% on a 375 px phone", viewport: { width: 375, height: 667 }, textScale: 2 },
];

/** The browser's own text size setting, as a person sets it (16 px is 100%). */
async function setTextSize(context: BrowserContext, page: Page, scale: number) {
  if (scale === 1) return;
  const cdp = await context.newCDPSession(page);
  await cdp.send("Page.enable");
  await cdp.send("Page.setFontSizes", { fontSizes: { standard: 16 * scale, fixed: 13 * scale } });
}

/** What does not fit: sideways scrolling, and controls off the screen or under a fixed bar. */
function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px in ${width} px`);
    }
    const controls = document.querySelectorAll("a[href], button, input, select, textarea, summary, [role=timer]");
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown (a closed panel)
      if (control.closest(".skip-link, .visually-hidden")) continue;
      const name = (control.getAttribute("aria-label") ?? control.textContent ?? "").trim().slice(0, 40);
      if (box.left < -1 || box.right > width + 1) {
        problems.push(`${control.tagName.toLowerCase()} "${name}" runs off the screen (${Math.round(box.left)} to ${Math.round(box.right)} of ${width})`);
      }
      let fixed = false;
      for (let node: Element | null = control; node; node = node.parentElement) {
        if (getComputedStyle(node).position === "fixed") fixed = true;
      }
      if (fixed && (box.top < -1 || box.bottom > innerHeight + 1)) {
        problems.push(`${control.tagName.toLowerCase()} "${name}" is in a fixed bar but off the screen`);
      }
    }
    return problems;
  });
}

for (const setup of SETUPS) {
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
