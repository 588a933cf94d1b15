import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AFTERNOON, NIGHT } from "./support/clock";
import { conditionPages, PAGES_OF_EACH_KIND } from "./support/pages";

const PAGES = PAGES_OF_EACH_KIND;

/** One page of each kind, and every condition's page: each is new content of its own. */
async function pagesToCheck(request: APIRequestContext): Promise<string[]> {
  const conditions = await conditionPages(request);
  expect(conditions.length).toBeGreaterThanOrEqual(10);
  return [...PAGES, ...conditions.filter((path) => !PAGES.includes(path))];
}

/** Waits until a page is complete: hydrated when it has islands. */
async function settle(page: Page) {
  if (await page.locator("script[data-bundles]").count()) {
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  }
}

for (const look of ["light", "dark", "night"] as const) {
  test(`no serious or critical accessibility problem on any page, ${look}`, async ({ page, request }) => {
    test.setTimeout(240_000);
    await page.clock.setFixedTime(look === "night" ? NIGHT : AFTERNOON);
    await page.emulateMedia({ colorScheme: look === "dark" ? "dark" : "light" });
    for (const path of await pagesToCheck(request)) {
      await page.goto(path);
      await settle(page);
      if (look === "night") await expect(page.locator("html"), path).toHaveAttribute("data-night", "");
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      expect(serious, `${path} (${look})`).toEqual([]);
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

test("every kind of page is valid HTML to the Nu HTML Checker", async ({ request, isMobile }) => {
  test.skip(isMobile, "the HTML is the same for every browser: checked once");
  const folder = mkdtempSync(join(tmpdir(), "leg-relief-vnu-"));
  try {
    const files = [];
    const pages = await pagesToCheck(request);
    for (const [index, path] of pages.entries()) {
      const file = join(folder, `page-${index}.html`);
      writeFileSync(file, await (await request.get(path)).text());
      files.push(file);
    }
    // The checker (npm vnu-jar) on Java 17; one run for all pages.
    const jar = join(__dirname, "../node_modules/vnu-jar/build/dist/vnu.jar");
    let report = "";
    try {
      execFileSync("java", ["-jar", jar, "--errors-only", "--format", "json", ...files], { encoding: "utf8", stdio: "pipe" });
    } catch (failure: any) {
      report = failure.stderr || failure.stdout || String(failure);
    }
    const messages = report ? JSON.parse(report).messages : [];
    const errors = messages.map((m: { url: string; message: string; extract?: string }) => {
      const page = pages[Number(/page-(\d+)\.html/.exec(m.url)?.[1])];
      return `${page}: ${m.message} ${m.extract ?? ""}`.trim();
    });
    expect(errors).toEqual([]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
