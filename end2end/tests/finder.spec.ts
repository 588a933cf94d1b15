import { expect, test, type Page } from "@playwright/test";

const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search remedies" });
const resultCount = (page: Page) => page.getByRole("main").getByRole("status");
const results = (page: Page) => page.locator(".remedy-card:visible");

/** Once the island has hydrated it shows its own count of results. */
async function openFinder(page: Page, path = "/finder") {
  await page.goto(path);
  await expect(resultCount(page)).toContainText(/found|No remedy/);
}

test("typing updates the results without loading a page", async ({ page }) => {
  await openFinder(page);
  await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
  await searchBox(page).pressSequentially("magnesum", { delay: 30 });
  await expect(results(page).first().getByRole("link")).toHaveText(/Magnesium/);
  await expect(resultCount(page)).toContainText(/remedies? found/);
  await expect(page).toHaveURL(/\/finder\?q=magnesum$/);
  expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);

  await searchBox(page).fill("xylophone");
  await expect(resultCount(page)).toHaveText("No remedy matches “xylophone”.");
  await expect(page.getByRole("link", { name: "When to see a doctor" }).first()).toBeVisible();
});

test("filters are in the URL, and Back restores the previous ones", async ({ page }) => {
  await openFinder(page, "/finder?q=cramp");
  await page.getByLabel("Situation").selectOption("night");
  await expect(page).toHaveURL(/situation=night/);
  await page.getByRole("checkbox", { name: /^A ·/ }).check();
  await page.getByRole("checkbox", { name: /^B ·/ }).check();
  await expect(page).toHaveURL(/grade=A%2CB|grade=A,B/);
  // The address changes before the results do: wait for the list to show only A and B.
  await expect
    .poll(async () => {
      const grades = await results(page).locator(".grade").allTextContents();
      return grades.length > 0 && grades.every((grade) => /[AB]$/.test(grade));
    })
    .toBe(true);
  // Each filter change is one step back.
  await page.goBack();
  await expect(page).toHaveURL(/grade=A$/);
  await expect(page.getByRole("checkbox", { name: /^B ·/ })).not.toBeChecked();
  await page.goBack();
  await expect(page).not.toHaveURL(/grade=/);
  await expect(page.getByLabel("Situation")).toHaveValue("night");
  await page.goBack();
  await expect(page).not.toHaveURL(/situation=/);
  await expect(page.getByLabel("Situation")).toHaveValue("");
  await page.goForward();
  await expect(page.getByLabel("Situation")).toHaveValue("night");
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a shared link renders its results on the server", async ({ page }) => {
    await page.goto("/finder?q=quinine&grade=X");
    await expect(results(page).first().getByRole("link")).toHaveText("Quinine and tonic water");
    await expect(page.getByText(/\d+ remedy found|\d+ remedies found/)).toBeVisible();
    await expect(searchBox(page)).toHaveValue("quinine");
  });

  test("the plain form searches", async ({ page }) => {
    await page.goto("/finder");
    await searchBox(page).fill("twisted ankle");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=twisted\+ankle/);
    await expect(results(page).first().getByRole("link")).toHaveText(/sprain|ankle/i);
  });
});

test("bad input gets a friendly note, not a crash", async ({ page }) => {
  const response = await page.goto("/finder?grade=Z");
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("grade");
  await expect(searchBox(page)).toBeVisible();
});

test("offline after the first visit, typing still finds remedies", async ({ page, context }) => {
  await openFinder(page);
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem("leg-relief.catalogue") !== null))
    .toBe(true);
  await context.setOffline(true);
  await searchBox(page).fill("heating pad");
  await expect(page.getByText("Offline: searching what is saved on this device.")).toBeVisible();
  await expect(results(page).first().getByRole("link")).toHaveText("Gentle warmth after the cramp");
  await context.setOffline(false);
});

test("my situation flags a remedy with a caution for me and lists it last", async ({ page }) => {
  await openFinder(page, "/finder?q=after+cramp");
  await page.getByText("My situation").click();
  await page.getByRole("checkbox", { name: "I have diabetes or nerve damage (neuropathy)" }).check();
  const heat = results(page).filter({ hasText: "Gentle warmth after the cramp" });
  await expect(heat.getByText("Take care for you: Diabetes or nerve damage (neuropathy)")).toBeVisible();
  // Every card with a caution for me comes after every card without one.
  const flags = await results(page).evaluateAll((cards) => cards.map((card) => card.classList.contains("flagged")));
  expect(flags.indexOf(true)).toBeGreaterThan(0);
  expect(flags.slice(flags.indexOf(true)).every(Boolean)).toBe(true);

  // Remembered on the device.
  await page.reload();
  await expect(results(page).filter({ hasText: "Gentle warmth after the cramp" }).locator(".for-you")).toBeVisible();

  await page.getByText("My situation").click();
  await page.getByRole("checkbox", { name: "Hide remedies with a caution for me" }).check();
  await expect(resultCount(page)).toContainText("hidden because of your situation");
  await expect(results(page).filter({ hasText: "Gentle warmth after the cramp" })).toHaveCount(0);
  await page.getByRole("button", { name: /Show the \d+ hidden remedies/ }).click();
  await expect(results(page).filter({ hasText: "Gentle warmth after the cramp" })).toHaveCount(1);
});
