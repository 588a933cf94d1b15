import { expect, test, type Page } from "@playwright/test";
import { conditionPages } from "./support/pages";

const offlineStatus = (page: Page) =>
  page.getByRole("complementary", { name: "Offline and install" }).getByRole("status");

/** The top of each part of a condition's page, in the order the page shows them. */
async function headingTop(page: Page, name: string): Promise<number> {
  const heading = page.getByRole("heading", { name, level: 2, exact: true });
  await expect(heading).toBeVisible();
  return (await heading.boundingBox())!.y;
}

test("the A to Z is one tap from Learn and lists every condition by letter", async ({ page, request }) => {
  await page.goto("/learn");
  await page.getByRole("link", { name: "Conditions A to Z" }).click();
  await expect(page).toHaveURL(/\/conditions$/);
  await expect(page.getByRole("heading", { name: "Conditions A to Z", level: 1 })).toBeVisible();
  const letters = page.getByRole("navigation", { name: "Letters" }).getByRole("link");
  expect(await letters.count()).toBeGreaterThanOrEqual(5);
  for (const name of ["Heel pain (plantar fasciitis)", "Sciatica", "Restless legs syndrome", "Shin splints"]) {
    await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  }
  expect((await conditionPages(request)).length).toBeGreaterThanOrEqual(10);
});

test("every condition page puts its warning signs above the self-care, with grades and working links", async ({ page, request }) => {
  test.setTimeout(120_000);
  for (const path of await conditionPages(request)) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
    const signs = await headingTop(page, "Get help first if");
    const selfCare = await headingTop(page, "What you can do yourself");
    expect(signs, `${path}: signs above self-care`).toBeLessThan(selfCare);
    expect(await headingTop(page, "How it feels"), path).toBeLessThan(signs);
    // Each sign links to its place on /help, and says what to do now.
    const cards = page.locator(".condition-signs .result-sign");
    expect(await cards.count(), path).toBeGreaterThanOrEqual(1);
    for (const card of await cards.all()) {
      await expect(card.getByRole("link")).toHaveAttribute("href", /^\/help#[a-z0-9-]+$/);
      await expect(card).toContainText("What to do now:");
    }
    // Every self-care item shows its evidence grade.
    const care = page.locator(".care");
    expect(await care.count(), path).toBeGreaterThanOrEqual(2);
    for (const item of await care.all()) await expect(item.locator(".grade"), path).toHaveCount(1);
    // Links within the app resolve.
    for (const href of await page.locator("article.condition a[href^='/']").evaluateAll((links) => links.map((a) => a.getAttribute("href")!))) {
      const target = href.replace(/#.*$/, "");
      expect((await request.get(target)).status(), `${path} links ${href}`).toBe(200);
    }
  }
});

test("the finder finds a condition and says what kind of page it is", async ({ page }) => {
  await page.goto("/finder");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await page.getByRole("searchbox", { name: "Search" }).fill("heel hurts first thing in the morning");
  const result = page.locator(".results:visible > li").filter({ has: page.locator('a[href="/conditions/heel-pain"]') });
  await expect(result.first()).toBeVisible();
  await expect(result.first().locator(".result-kind")).toHaveText("Condition");
});

test("the old address of children's leg pain leads to its condition page", async ({ page }) => {
  await page.goto("/learn/children-leg-pain");
  await expect(page).toHaveURL(/\/conditions\/childrens-leg-pain$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Leg pain in children (growing pains)");
});

test("every condition page works offline after one visit", async ({ page, context, request }) => {
  test.setTimeout(120_000);
  const paths = ["/conditions", ...(await conditionPages(request))];
  await page.goto("/");
  await expect(offlineStatus(page)).toHaveText("Ready to work offline.", { timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  try {
    for (const path of paths) {
      await page.goto(path);
      await expect(page, path).toHaveTitle(/· Leg Relief$/);
      await expect(offlineStatus(page), path).toHaveText("Offline: using what is saved on this device.");
      await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
    }
  } finally {
    await context.setOffline(false);
  }
});
