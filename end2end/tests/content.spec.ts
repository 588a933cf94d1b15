import { expect, test } from "@playwright/test";

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
      expect(headings.slice(0, 3)).toEqual([
        "Emergency: call the emergency number",
        "Urgent: get help today",
        "See a doctor soon",
      ]);
    });

    test("Cramp now: the calf relief steps one tap after saying where it hurts", async ({ page }) => {
      await page.goto("/");
      await page.locator("main").getByRole("link", { name: /Cramp now/ }).click();
      await expect(page.getByRole("link", { name: "See the warning signs" })).toHaveAttribute("href", "/help");
      // With JavaScript the guide opens in place; without, the same button opens its page.
      if (javaScriptEnabled) await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
      await page.getByRole("button", { name: "Calf", exact: true }).click();
      await expect(page.getByRole("listitem").filter({ hasText: "Press the back heel into the floor" })).toBeVisible();
      await expect(page.getByRole("timer", { name: "Time left" })).toBeVisible();
    });
  });
}
