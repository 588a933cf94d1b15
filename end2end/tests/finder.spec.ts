import { expect, test, type Page } from "@playwright/test";

const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search" });
const resultCount = (page: Page) => page.locator(".result-count:visible");
const results = (page: Page) => page.locator(".results:visible > li");
const remedies = (page: Page) => page.locator(".remedy-card:visible");
const firstBox = (page: Page) => page.locator(".warning-first:visible");

/** Once the island has hydrated and the person reaches for the search box, it fetches the index
 * and shows its own results. */
async function openFinder(page: Page, path = "/finder") {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await searchBox(page).focus();
  await expect(page.locator(".server-results")).toBeHidden();
}

/** The first result a person sees: a warning sign first when there is one. */
const firstResult = (page: Page) => page.locator(".warning-first:visible li, .results:visible > li").first();

/** The link that unfolds the rest of a long result list. */
const showMore = (page: Page) => page.getByRole("link", { name: /^Show \d+ more results$/ });

test("typing searches on the device: results change with no request and no page load", async ({ page }) => {
  await openFinder(page);
  await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
  // Searches and pages (fetch, XHR, navigation); the browser may look at the favicon again
  // when the address changes, which is not the finder asking anything.
  const requests: string[] = [];
  page.on("request", (request) => {
    if (["fetch", "xhr", "document"].includes(request.resourceType())) requests.push(request.url());
  });
  await searchBox(page).pressSequentially("magnesum", { delay: 30 });
  await expect(results(page).first().getByRole("link").first()).toHaveText(/Magnesium/);
  await expect(resultCount(page)).toContainText(/\d+ results?\./);
  await expect(page).toHaveURL(/\/finder\?q=magnesum$/);
  expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);

  await searchBox(page).fill("xylophone");
  await expect(resultCount(page)).toHaveText("Nothing matches “xylophone”. These may help:");
  await expect(page.getByRole("link", { name: "When to see a doctor" }).first()).toBeVisible();
  expect(requests, "typing made requests").toEqual([]);
});

for (const [typed, sign] of [
  ["swollen calf", "/help#clot-in-the-leg"],
  ["calf pain and short of breath", "/help#clot-in-the-lungs"],
  ["cold pale foot", "/help#blocked-artery"],
] as const) {
  test(`a warning-sign query shows the sign first, with what to do: "${typed}"`, async ({ page }) => {
    await openFinder(page);
    await searchBox(page).fill(typed);
    await expect(firstBox(page).getByRole("heading", { name: "Check this first" })).toBeVisible();
    await expect(firstResult(page).getByRole("link")).toHaveAttribute("href", sign);
    await expect(firstResult(page)).toContainText("What to do now:");
    // Nothing stands above it: the box comes before every other result.
    const boxTop = (await firstBox(page).boundingBox())!.y;
    const firstOther = await results(page).first().boundingBox();
    if (firstOther) expect(firstOther.y).toBeGreaterThan(boxTop);
  });
}

test("filters are in the URL, and Back restores the previous ones", async ({ page }) => {
  await openFinder(page, "/finder?q=cramp");
  await page.getByText("Filter remedies").click();
  await page.getByLabel("Situation").selectOption("night");
  await expect(page).toHaveURL(/situation=night/);
  await page.getByRole("checkbox", { name: /^A ·/ }).check();
  await page.getByRole("checkbox", { name: /^B ·/ }).check();
  await expect(page).toHaveURL(/grade=A%2CB|grade=A,B/);
  // The address changes before the results do: wait for the list to show only A and B.
  await expect
    .poll(async () => {
      const grades = await remedies(page).locator(".grade").allTextContents();
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

test("a question whether a remedy works is answered first, by its card and grade", async ({ page }) => {
  await openFinder(page);
  await searchBox(page).fill("is magnesium any good");
  const answer = results(page).first();
  await expect(answer.getByRole("link", { name: "Magnesium tablets" })).toBeVisible();
  await expect(answer).toContainText("Evidence against, or unsafe");
  await expect(answer).toContainText("make little or no difference");
});

test("a warning sign that says \"any of these:\" lists them", async ({ page }) => {
  await openFinder(page);
  await searchBox(page).fill("quinine faint");
  const sign = firstBox(page)
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "You take quinine and have any of these:" }) });
  await expect(sign.getByRole("list").getByRole("listitem")).toHaveCount(4);
  await expect(sign.getByRole("listitem").filter({ hasText: "sudden loss of hearing or sight" })).toBeVisible();
  await expect(sign).toContainText("What to do now:");
});

test("a long result list shows the best 8; \"Show N more\" shows the rest and moves focus to them", async ({ page }) => {
  await openFinder(page, "/finder?q=leg+cramps+every+night");
  await expect(results(page)).toHaveCount(8);
  const more = Number((await showMore(page).textContent())?.match(/\d+/)?.[0]);
  expect(more).toBeGreaterThan(2);
  await showMore(page).focus();
  await page.keyboard.press("Enter");
  await expect(results(page)).toHaveCount(8 + more);
  await expect(showMore(page)).toBeHidden();
  await expect(page.getByRole("list", { name: "More results" })).toBeFocused();
  // A new search starts folded again.
  await searchBox(page).fill("night cramps");
  await expect(showMore(page)).toBeVisible();
  await expect(results(page)).toHaveCount(8);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a long shared result list shows the best 8, and \"Show N more\" shows the rest", async ({ page }) => {
    await page.goto("/finder?q=leg+cramps+every+night");
    await expect(results(page)).toHaveCount(8);
    const more = Number((await showMore(page).textContent())?.match(/\d+/)?.[0]);
    await showMore(page).click();
    await expect(results(page)).toHaveCount(8 + more);
    await expect(showMore(page)).toBeHidden();
  });

  test("a shared question whether a remedy works is answered first", async ({ page }) => {
    await page.goto("/finder?q=is+magnesium+any+good");
    await expect(results(page).first().getByRole("link", { name: "Magnesium tablets" })).toBeVisible();
  });

  test("a shared link renders its results on the server", async ({ page }) => {
    await page.goto("/finder?q=quinine&grade=X");
    await expect(remedies(page).first().getByRole("link")).toHaveText("Quinine and tonic water");
    await expect(page.getByText(/\d+ results?\./)).toBeVisible();
    await expect(searchBox(page)).toHaveValue("quinine");
  });

  test("the plain form searches, and a warning sign comes first", async ({ page }) => {
    await page.goto("/finder");
    await searchBox(page).fill("one leg swollen and red");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=one\+leg\+swollen\+and\+red/);
    await expect(firstResult(page).getByRole("link")).toHaveAttribute("href", /^\/help#/);
    await expect(firstResult(page)).toContainText("What to do now:");
  });
});

test("bad input gets a friendly note, not a crash", async ({ page }) => {
  const response = await page.goto("/finder?grade=Z");
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("grade");
  await expect(searchBox(page)).toBeVisible();
});

test("offline, typing still searches: a warning sign first, then remedies", async ({ page, context }) => {
  await openFinder(page);
  await context.setOffline(true);
  await searchBox(page).fill("heating pad");
  await expect(results(page).first().getByRole("link").first()).toHaveText("Gentle warmth after the cramp");
  await searchBox(page).fill("swollen calf");
  await expect(firstResult(page).getByRole("link")).toHaveAttribute("href", "/help#clot-in-the-leg");
  await context.setOffline(false);
});

test("my situation flags a result with a caution for me and lists it last", async ({ page }) => {
  await openFinder(page, "/finder?q=after+cramp");
  await page.getByText("My situation").click();
  await page.getByRole("checkbox", { name: "I have diabetes or nerve damage (neuropathy)" }).check();
  // Listed last, it is among the results folded behind "Show N more".
  await showMore(page).click();
  const heat = remedies(page).filter({ hasText: "Gentle warmth after the cramp" });
  await expect(heat.getByText(/^Take care for you: .*Diabetes or nerve damage \(neuropathy\)/)).toBeVisible();
  // Every card with a caution for me comes after every card without one.
  const flags = await results(page).evaluateAll((cards) => cards.map((card) => card.classList.contains("flagged")));
  expect(flags.indexOf(true)).toBeGreaterThan(0);
  expect(flags.slice(flags.indexOf(true)).every(Boolean)).toBe(true);

  // Remembered on the device, and applied on arrival: with a situation declared, the island
  // fetches the index without waiting for a touch.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await expect(page.locator(".server-results")).toBeHidden();
  await showMore(page).click();
  await expect(remedies(page).filter({ hasText: "Gentle warmth after the cramp" }).locator(".for-you")).toBeVisible();

  await page.getByText("My situation").click();
  await page.getByRole("checkbox", { name: "Hide remedies with a caution for me" }).check();
  await expect(resultCount(page)).toContainText("hidden because of your situation");
  await expect(remedies(page).filter({ hasText: "Gentle warmth after the cramp" })).toHaveCount(0);
  // "Show N more" stays tapped while only My situation changes.
  await page.getByRole("button", { name: /Show the \d+ hidden results/ }).click();
  await expect(remedies(page).filter({ hasText: "Gentle warmth after the cramp" })).toHaveCount(1);
});

test("the live search is not part of a first visit: it comes when the person reaches for the finder", async ({ page }) => {
  const requested: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/search-index" || url.pathname.startsWith("/pkg/finder.")) requested.push(url.pathname);
  });
  await page.goto("/finder");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await page.waitForLoadState("networkidle");
  expect(requested).toEqual([]);
  await page.getByRole("searchbox", { name: "Search" }).focus();
  await expect.poll(() => requested.includes("/api/search-index")).toBe(true);
  expect(requested.filter((path) => path.startsWith("/pkg/finder.")).length).toBeGreaterThan(0);
  await page.getByRole("searchbox", { name: "Search" }).fill("heel pain");
  await expect(page.locator(".results:visible > li").first()).toBeVisible();

  // Opening "My situation" (whose choices reorder the results) brings it too.
  requested.length = 0;
  await page.goto("/finder?q=calf+cramp");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
  await page.waitForLoadState("networkidle");
  expect(requested).toEqual([]);
  await page.getByText("My situation").click();
  await expect.poll(() => requested.includes("/api/search-index")).toBe(true);
});

test.describe("before the live search wakes", () => {
  // The service worker's offline copy would answer the WASM the test holds back.
  test.use({ serviceWorkers: "block" });

  test("what the person typed and ticked before the live search woke is kept", async ({ page }) => {
    // The live search's WASM is held back until the person has typed and ticked.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/pkg\/finder\.[0-9a-f]+\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("/finder?q=calf+cramp");
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
    await searchBox(page).fill("heating pad");
    await page.getByText("My situation").click();
    await page.getByRole("checkbox", { name: "I have diabetes or nerve damage (neuropathy)" }).check();
    const island = page.locator("leptos-island[data-component^='FinderLive']");
    await expect(island).not.toHaveAttribute("data-hydrated", "");
    release();

    await expect(island).toHaveAttribute("data-hydrated", "");
    await expect(searchBox(page)).toHaveValue("heating pad");
    await expect(page).toHaveURL(/\/finder\?q=heating\+pad$/);
    await expect(page.locator(".server-results")).toBeHidden();
    // Flagged for the person, so listed last, among the results folded behind "Show N more".
    await showMore(page).click();
    const heat = remedies(page).filter({ hasText: "Gentle warmth after the cramp" });
    await expect(heat.getByText(/^Take care for you: .*Diabetes or nerve damage \(neuropathy\)/)).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "I have diabetes or nerve damage (neuropathy)" })).toBeChecked();
    // Saved on the device, as a tick after waking would be.
    await page.reload();
    await page.getByText("My situation").click();
    await expect(page.getByRole("checkbox", { name: "I have diabetes or nerve damage (neuropathy)" })).toBeChecked();
  });
});
