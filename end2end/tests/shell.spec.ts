import { expect, test, type Page } from "@playwright/test";
import { AFTERNOON, NIGHT } from "./support/clock";
import { wakeEveryIsland } from "./support/pages";


/** Waits until the WASM has hydrated the islands (only pages with an island load it). */
async function waitForHydration(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
}

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test("the theme switch works and is remembered; reading pages need no WASM", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  const failed: string[] = [];
  const wasm: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    if (response.url().endsWith(".wasm")) wasm.push(response.url());
  });

  await page.clock.setFixedTime(AFTERNOON);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await expect(page.getByRole("contentinfo")).toContainText(/Version \d+\.\d+\.\d+: \d+ remedies, \d+ stretches/);

  const toggle = page.getByRole("button", { name: "Dark theme" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");

  // Remembered on the device: applied again after a reload, before the first paint.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");
  expect(wasm, "the home page loads no WASM").toEqual([]);

  // The same choice on a page with islands, which hydrate.
  await page.goto("/diary");
  await waitForHydration(page);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(wasm.length).toBe(1);

  // Flipping back to the system's look forgets the choice.
  await page.getByRole("button", { name: "Dark theme" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.+/);
  expect(await page.evaluate(() => localStorage.getItem("leg-relief.theme"))).toBeNull();

  expect(errors, "console errors (CSP violations included)").toEqual([]);
  expect(failed, "requests that failed (a missing favicon included)").toEqual([]);
});

test("the theme follows the system when nothing was chosen", async ({ page }) => {
  await page.clock.setFixedTime(AFTERNOON);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");
  const darkBackground = await background(page);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "false");
  expect(await background(page)).not.toEqual(darkBackground);
});

test("at night the app dims itself, unless the person chose the light theme", async ({ page }) => {
  await page.clock.setFixedTime(NIGHT);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const html = page.locator("html");
  const toggle = page.getByRole("button", { name: "Dark theme" });
  await expect(html).toHaveAttribute("data-night", "");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  const nightBackground = await background(page);

  // Choosing the light theme at 3 a.m. is kept, across a reload too.
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(html).not.toHaveAttribute("data-night", /.*/);
  expect(await background(page)).not.toEqual(nightBackground);
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "light");
  await expect(html).not.toHaveAttribute("data-night", /.*/);
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "false");

  // Pressing it again goes back to what the night shows by itself, and forgets the choice.
  await page.getByRole("button", { name: "Dark theme" }).click();
  await expect(html).toHaveAttribute("data-night", "");
  expect(await page.evaluate(() => localStorage.getItem("leg-relief.theme"))).toBeNull();
  expect(await background(page)).toEqual(nightBackground);
});

test.describe("on a phone", () => {
  test.skip(({ isMobile }) => !isMobile, "phone layout");

  test("the bottom navigation reaches every section", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav).toBeVisible();

    // On a phone the bar sits at the bottom of the screen.
    const box = await nav.boundingBox();
    expect(box).not.toBeNull();
    const screen = page.viewportSize()!;
    expect(box!.y + box!.height).toBeGreaterThan(screen.height - 4);
    expect(box!.width).toBeGreaterThan(screen.width - 4);

    const sections: Array<[string, RegExp, string]> = [
      ["Finder", /\/finder$/, "Find help"],
      ["Stretches", /\/stretches$/, "Stretches"],
      ["Water", /\/water$/, "Water"],
      ["Learn", /\/learn$/, "Learn"],
      ["Help", /\/help$/, "When to see a doctor"],
      ["Home", /\/$/, "Cramp now"],
    ];
    for (const [name, url, heading] of sections) {
      const link = nav.getByRole("link", { name });
      const target = await link.boundingBox();
      expect(target!.height, `${name} tap target`).toBeGreaterThanOrEqual(48);
      expect(target!.width, `${name} tap target`).toBeGreaterThanOrEqual(48);
      await link.tap();
      await expect(page).toHaveURL(url);
      await expect(
        name === "Home" ? page.getByRole("link", { name: /Cramp now/ }).first() : page.getByRole("heading", { level: 1, name: heading }),
      ).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name })).toHaveAttribute(
        "aria-current",
        "page",
      );
    }
  });

  test("Cramp now is the biggest thing on the home screen", async ({ page }) => {
    await page.goto("/");
    const cramp = page.locator("main").getByRole("link", { name: /Cramp now/ });
    await expect(cramp).toBeVisible();
    const box = await cramp.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(120);
    await cramp.tap();
    await expect(page).toHaveURL(/\/cramp$/);
    await expect(page.getByRole("button", { name: "Calf", exact: true })).toBeVisible();
  });
});

test("an unknown address shows the 404 page with status 404", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page).toHaveTitle("Page not found · Leg Relief");
  await page.getByRole("link", { name: /Cramp now: stop a cramp/ }).click();
  await expect(page).toHaveURL(/\/cramp$/);
});

test("wide screens get a side navigation", async ({ page, isMobile }) => {
  test.skip(isMobile, "a desktop layout");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/learn");
  const nav = page.getByRole("navigation", { name: "Main" });
  const box = await nav.boundingBox();
  expect(box!.x).toBeLessThan(10);
  expect(box!.height).toBeGreaterThan(400);
  await nav.getByRole("link", { name: "Help" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "When to see a doctor" })).toBeVisible();
});

// Which bundles a page takes is declared once, in the server's page table (src/app.rs); here each
// page loads exactly the bundles its islands.js tag names, never the development one with every
// island, and everything on it wakes up: every island (islands.js marks each; one missing from its
// bundle is a console error instead) and every guide and Cramp now (the guide client marks each).
test("each page loads only its own bundles, and they wake everything on it", async ({ page }) => {
  const wasm: string[] = [];
  page.on("response", (response) => {
    if (response.url().endsWith(".wasm")) wasm.push(new URL(response.url()).pathname);
  });
  for (const path of ["/cramp", "/stretches/ankle-circles", "/routines/bedtime", "/routines/before-exercise", "/finder", "/water", "/diary", "/diary/summary"]) {
    wasm.length = 0;
    await page.goto(path);
    await waitForHydration(page);
    await wakeEveryIsland(page);
    const named: { wasm: string }[] = JSON.parse((await page.locator("script[data-bundles]").getAttribute("data-bundles"))!);
    expect(wasm.sort(), path).toEqual(named.map((bundle) => bundle.wasm).sort());
    for (const file of wasm) {
      expect(file, path).toMatch(/^\/pkg\/[a-z-]+\.[0-9a-f]+\.wasm$/);
      expect(file, path).not.toMatch(/^\/pkg\/leg-relief\./);
    }
    const awake = await page.locator("leptos-island, [data-guide=root], [data-cramp=root]").count();
    expect(awake, path).toBeGreaterThan(0);
    await expect(
      page.locator("leptos-island:not([data-hydrated]), [data-guide=root]:not([data-hydrated]), [data-cramp=root]:not([data-hydrated])"),
      path,
    ).toHaveCount(0);
  }
  // Cramp now and the guide pages' timers are the guide client, not a Leptos bundle.
  for (const path of ["/cramp", "/stretches/ankle-circles"]) {
    await page.goto(path);
    const named: { wasm: string; islands: boolean }[] = JSON.parse((await page.locator("script[data-bundles]").getAttribute("data-bundles"))!);
    expect(named, path).toEqual([expect.objectContaining({ wasm: expect.stringMatching(/^\/pkg\/guide\./), islands: false })]);
    await expect(page.locator("leptos-island"), path).toHaveCount(0);
  }
});

// The first screens need only the guide client; the reminder switch at the foot of the bedtime
// routine brings its own islands bundle when the person scrolls towards it.
test("an island far down a page loads when it comes near the screen", async ({ page }) => {
  const wasm: string[] = [];
  page.on("response", (response) => {
    if (response.url().endsWith(".wasm")) wasm.push(new URL(response.url()).pathname);
  });
  await page.goto("/routines/bedtime");
  await waitForHydration(page);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByRole("region", { name: "Timer" })).toHaveAttribute("data-status", "running");
  expect(wasm).toEqual([expect.stringMatching(/^\/pkg\/guide\./)]);
  await wakeEveryIsland(page);
  await expect(page.getByLabel("Remind me at")).toBeVisible();
  expect(wasm).toEqual([expect.stringMatching(/^\/pkg\/guide\./), expect.stringMatching(/^\/pkg\/reminder\./)]);
});
