import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** One page of each kind the app serves. */
export const PAGES_OF_EACH_KIND = [
  "/",
  "/cramp",
  "/cramp/calf",
  "/finder",
  "/finder?q=night",
  "/remedies/heat",
  "/stretches",
  "/stretches?part=calf",
  "/stretches/wall-calf-stretch",
  "/routines/bedtime",
  "/water",
  "/diary",
  "/diary/summary",
  "/learn",
  "/learn/prevention",
  "/conditions",
  "/conditions/heel-pain",
  "/help",
  "/offline",
  "/no-such-page",
];

/** Every condition's page, as the A to Z lists them (so a new condition is checked too). */
export async function conditionPages(request: APIRequestContext): Promise<string[]> {
  const html = await (await request.get("/conditions")).text();
  return [...new Set([...html.matchAll(/href="(\/conditions\/[a-z0-9-]+)"/g)].map((match) => match[1]))];
}

/** Opens "Your data" (water and diary pages), whose backup bundle loads as it opens, and waits
 * until its controls work. */
export async function openYourData(page: Page) {
  await page.getByText("Your data", { exact: true }).click();
  await expect(page.getByLabel("Restore from a file")).toBeEnabled();
}

/** Opens each panel whose islands load as it opens, then scrolls to each island in turn, reaches
 * into it (focus on its first control) and waits until it has woken: an island far down a page
 * (the bedtime routine's reminder switch) starts only when it comes near the screen, the finder's
 * only when the person reaches for it (islands.js). */
export async function wakeEveryIsland(page: Page) {
  // One at a time, the first still closed: each opened panel leaves the list.
  const closed = page.locator("details[data-bundle]:not([open])");
  while ((await closed.count()) > 0) await closed.first().locator("summary").click();
  for (const island of await page.locator("leptos-island").all()) {
    await island.evaluate((element) => {
      (element.firstElementChild ?? element).scrollIntoView();
      element.querySelector<HTMLElement>("input, select, button, summary")?.focus();
    });
    await expect(island).toHaveAttribute("data-hydrated", "");
  }
}
