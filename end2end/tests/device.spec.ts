import { expect, test, type Page } from "@playwright/test";

// What is kept on the device is the person's only copy: it must never be lost without a word.
test.use({ timezoneId: "Europe/Berlin" });

const drinks = (page: Page) => page.getByRole("list", { name: "Drinks today" }).getByRole("listitem");

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
}

test("a write the browser refuses is said on the page, kept, and saved once storage works", async ({ page }) => {
  await open(page, "/water");
  // What a full quota or a blocked storage does to every write.
  await page.evaluate(() => {
    const original = Storage.prototype.setItem;
    (window as any).restoreStorage = () => (Storage.prototype.setItem = original);
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await page.getByRole("button", { name: "Add a glass", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not saved: this browser's storage is full or blocked" })).toBeVisible();
  // Kept in memory meanwhile: the glass is on the page.
  await expect(drinks(page)).toHaveCount(1);

  await page.evaluate(() => (window as any).restoreStorage());
  await page.getByRole("button", { name: "Add a glass", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toHaveCount(0);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await expect(drinks(page)).toHaveCount(2);
});

test("My situation says so too when it can't be saved", async ({ page }) => {
  await open(page, "/finder");
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await page.getByText("My situation").click();
  await page.getByRole("checkbox", { name: "I am pregnant" }).check();
  await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toBeVisible();
});

test("a glass logged in one of two open windows is kept when the other saves", async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await open(first, "/water");
  await open(second, "/water");

  await first.getByRole("button", { name: "Add a glass", exact: true }).click();
  await expect(drinks(first)).toHaveCount(1);
  // The other window hears of it without a reload...
  await expect(drinks(second)).toHaveCount(1);
  // ...and its own change keeps it.
  await second.getByRole("button", { name: "Add 330 ml" }).click();
  await expect(drinks(second)).toHaveCount(2);

  for (const page of [first, second]) {
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
    await expect(drinks(page)).toHaveCount(2);
  }
});

test("the finder searches the index of the content it was served with, and forgets old copies", async ({ page, request }) => {
  // What an older version kept on the device: its own copy of the remedies.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("leg-relief.catalogue", JSON.stringify({ version: "0.1.0", remedies: [] }));
      sessionStorage.setItem("seeded", "yes");
    }
  });
  // The live search wakes when the person reaches for it, and tidies up as it does.
  await open(page, "/finder");
  await page.getByRole("searchbox", { name: "Search" }).focus();
  await expect.poll(() => page.evaluate(() => localStorage.getItem("leg-relief.catalogue"))).toBeNull();
  // The page names its index by the digest of the content; another digest is no index.
  const address = await page.locator(".server-results").evaluate(() => {
    const island = document.querySelector("leptos-island[data-component^='FinderLive']");
    return JSON.parse(island?.getAttribute("data-props") ?? "{}").index as string;
  });
  expect(address).toMatch(/^\/api\/search-index\?digest=[0-9a-f]{16}$/);
  expect((await request.get(address)).status()).toBe(200);
  expect((await request.get("/api/search-index?digest=0000000000000000")).status()).toBe(404);
});
