import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./support/server";

// The reading pages are server-rendered: they must work the same with JavaScript off.
for (const javaScriptEnabled of [true, false]) {
  test.describe(`reading pages, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("Learn lists the topics and a topic links its remedies with their grades", async ({ page }) => {
      await page.goto("/learn");
      await expect(page.getByRole("heading", { level: 1, name: "Learn" })).toBeVisible();
      await page.getByRole("link", { name: "What causes leg cramps" }).click();
      await expect(page).toHaveURL(/\/learn\/causes-and-risk-factors$/);
      await expect(page.getByRole("heading", { level: 1, name: "What causes leg cramps" })).toBeVisible();
      await page.goto("/learn/immediate-relief");
      const related = page.locator(".remedy-card").first();
      await expect(related.locator(".grade")).toBeVisible();
      await expect(related.getByRole("list", { name: "Take care" })).toBeVisible();
    });

    test("a remedy page explains its grade, cautions and sources", async ({ page }) => {
      await page.goto("/remedies/quinine");
      await expect(page.getByRole("heading", { level: 1, name: "Quinine and tonic water" })).toBeVisible();
      await expect(page.getByText("Evidence against, or unsafe").first()).toBeVisible();
      await expect(page.getByRole("heading", { name: "Take care" })).toBeVisible();
      await expect(page.getByText("Never take quinine in pregnancy.")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Sources" })).toBeVisible();
      await expect(page.getByRole("link", { name: /El-Tawil 2015/ })).toHaveAttribute("href", /doi\.org/);
    });

    test("Help lists the warning signs, most urgent first", async ({ page }) => {
      await page.goto("/stretches");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Help" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "When to see a doctor" })).toBeVisible();
      const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
      expect(headings.slice(0, 5)).toEqual([
        "Check these first",
        "Emergency: call the emergency number",
        "Urgent: get help today",
        "See a doctor soon",
        "Is it a cramp?",
      ]);
      // The first box: each emergency sign links to its full entry, with what to do now.
      const firstBox = page.getByRole("region", { name: "Check these first" });
      const signs = firstBox.getByRole("listitem").getByRole("link");
      expect(await signs.count()).toBeGreaterThanOrEqual(5);
      // Help now but not by ambulance: pre-eclampsia is one tap from the first box too.
      await expect(firstBox.getByRole("link", { name: /^Pregnant \(from 20 weeks\)/ })).toHaveAttribute("href", "#pre-eclampsia");
      await signs.first().click();
      await expect(page).toHaveURL(/\/help#[a-z-]+$/);
      const id = new URL(page.url()).hash.slice(1);
      await expect(page.locator(`[id="${id}"]`)).toContainText("What to do now:");
      await firstBox.getByText("Numbers to call, by country").click();
      await expect(firstBox.getByRole("link", { name: "999" }).first()).toHaveAttribute("href", "tel:999");
    });

    test("Cramp now: on a phone's first screen, the emergency line and its numbers, above the choices", async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto("/cramp");
      const emergency = page.getByText(/suddenly cold, pale, blue or numb\? Call the emergency number now/);
      const call = page.locator(".emergency-now").getByRole("link", { name: "999" });
      await expect(call).toHaveAttribute("href", "tel:999");
      const line = (await emergency.boundingBox())!;
      const number = (await call.boundingBox())!;
      const firstChoice = (await page.getByRole("button", { name: "Calf", exact: true }).boundingBox())!;
      expect(number.y + number.height).toBeLessThanOrEqual(844);
      expect(line.y).toBeLessThan(firstChoice.y);
      expect(number.y).toBeLessThan(firstChoice.y);
    });

    test("Cramp now: the in-bed calf stretch one tap after saying where it hurts", async ({ page }) => {
      await page.goto("/");
      await page.locator("main").getByRole("link", { name: /Cramp now/ }).click();
      await expect(page.getByRole("link", { name: "See the warning signs" })).toHaveAttribute("href", "/help");
      // With JavaScript the hold starts in place; without, the same button opens the same
      // one-leg hold as a page (no timer, no sides).
      if (javaScriptEnabled) await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
      await page.getByRole("button", { name: "Calf", exact: true }).click();
      await expect(page.getByRole("listitem").filter({ hasText: /pull your toes up toward your knee/i }).first()).toBeVisible();
      if (javaScriptEnabled) await expect(page.getByRole("button", { name: "It has eased" })).toBeVisible();
      else {
        await expect(page).toHaveURL(/\/cramp\/calf\?$/);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Calf: hold one gentle stretch");
        await expect(page.getByText("Stretch only the leg that hurts", { exact: false })).toBeVisible();
        await expect(page.getByRole("timer")).toHaveCount(0);
      }
    });
  });
}

// Axe runs in the page, so "JavaScript off" here means none of the app's scripts run: every script
// request is refused and the server's HTML stands alone.
for (const colorScheme of ["light", "dark"] as const) {
  test(`Help without the app's scripts reads at night on a phone, ${colorScheme}, with no accessibility problem`, async ({ page }) => {
    await page.route(/\.(js|wasm)(\?|$)/, (route) => route.abort());
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme });
    await page.goto("/help");
    const firstBox = page.getByRole("region", { name: "Check these first" });
    await expect(firstBox).toBeVisible();
    await expect(page.getByRole("region", { name: "Is it a cramp?" })).toBeVisible();
    // The emergency signs are what a phone shows first, above the fold.
    const box = await firstBox.boundingBox();
    expect(box!.y).toBeLessThan(844);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    mkdirSync(join(ROOT, "target/screenshots"), { recursive: true });
    await page.screenshot({ path: join(ROOT, `target/screenshots/help-${colorScheme}.png`), fullPage: false });
  });
}
