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

/** Scrolls to each island in turn and waits until it has woken: an island far down a page (the
 * bedtime routine's reminder switch) starts only when it comes near the screen (islands.js). */
export async function wakeEveryIsland(page: Page) {
  for (const island of await page.locator("leptos-island").all()) {
    await island.evaluate((element) => (element.firstElementChild ?? element).scrollIntoView());
    await expect(island).toHaveAttribute("data-hydrated", "");
  }
}
