import type { BrowserContext, Page } from "@playwright/test";

/** The sizes every page must reflow at: 320 CSS px wide (WCAG 1.4.10), and the browser's text
 * at 200% on a small phone (WCAG 1.4.4). */
export const SMALL_SCREENS = [
  { name: "320 px wide", viewport: { width: 320, height: 640 }, textScale: 1 },
  { name: "text at 200% on a 375 px phone", viewport: { width: 375, height: 667 }, textScale: 2 },
];

/** The browser's own text size setting, as a person sets it (16 px is 100%). */
export async function setTextSize(context: BrowserContext, page: Page, scale: number) {
  if (scale === 1) return;
  const cdp = await context.newCDPSession(page);
  await cdp.send("Page.enable");
  await cdp.send("Page.setFontSizes", { fontSizes: { standard: 16 * scale, fixed: 13 * scale } });
}

/** What does not fit: the page scrolling sideways, content running off the screen (unless a
 * scrolling box of its own holds it), controls off the screen or off a fixed bar. */
export function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px in ${width} px`);
    }
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()} "${(element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 40)}"`;
    const shown = (box: DOMRect) => box.width > 0 || box.height > 0;
    const clipped = (element: Element) => {
      for (let node = element.parentElement; node && node.tagName !== "MAIN"; node = node.parentElement) {
        if (getComputedStyle(node).overflowX !== "visible") return true;
      }
      return false;
    };
    for (const element of document.querySelectorAll("main *")) {
      const box = element.getBoundingClientRect();
      if (!shown(box) || clipped(element)) continue;
      if (box.left < -1 || box.right > width + 1) {
        problems.push(`${describe(element)} runs off the screen: ${Math.round(box.left)} to ${Math.round(box.right)} of ${width}`);
      }
    }
    const controls = document.querySelectorAll("a[href], button, input, select, textarea, summary, [role=timer]");
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      if (!shown(box) || control.closest(".skip-link, .visually-hidden")) continue;
      if (box.left < -1 || box.right > width + 1) {
        problems.push(`${describe(control)} is off the screen: ${Math.round(box.left)} to ${Math.round(box.right)} of ${width}`);
      }
      let fixed = false;
      for (let node: Element | null = control; node; node = node.parentElement) {
        if (getComputedStyle(node).position === "fixed") fixed = true;
      }
      if (fixed && (box.top < -1 || box.bottom > innerHeight + 1)) {
        problems.push(`${describe(control)} is in a fixed bar but off the screen`);
      }
    }
    return problems;
  });
}
