import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// One page of each kind the app serves.
const PAGES = [
  "/",
  "/cramp",
  "/finder",
  "/finder?q=night",
  "/remedies/heat",
  "/stretches",
  "/stretches?part=calf",
  "/stretches/wall-calf-stretch",
  "/routines/bedtime",
  "/water",
  "/learn",
  "/learn/prevention",
  "/help",
  "/offline",
  "/no-such-page",
];

/** Waits until a page is complete: hydrated when it has islands. */
async function settle(page: Page) {
  if (await page.locator('link[rel="modulepreload"]').count()) {
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  }
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`no serious or critical accessibility problem on any page, ${colorScheme}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    for (const path of PAGES) {
      await page.goto(path);
      await settle(page);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      expect(serious, `${path} (${colorScheme})`).toEqual([]);
    }
  });
}

test("every page carries the CSP and loads without a CSP violation", async ({ page }) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
  // Listening before any of the page's own scripts run.
  await page.addInitScript(() => {
    (window as any).cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => (window as any).cspViolations.push(e.violatedDirective));
  });
  for (const path of PAGES) {
    const response = await page.goto(path);
    const policy = response?.headers()["content-security-policy"] ?? "";
    expect(policy, path).toContain("default-src 'self'");
    expect(policy, path).toContain("object-src 'none'");
    expect(policy, path).not.toContain("unsafe-inline");
    await settle(page);
    expect(await page.evaluate(() => (window as any).cspViolations), path).toEqual([]);
  }
  // The 404 page's own status is an expected console error; nothing else is.
  expect(problems.filter((p) => !/404/.test(p))).toEqual([]);
});
