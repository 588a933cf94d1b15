// Bytes a first visit to a page transfers, everything included, as Chromium received them
// (compressed), once the page has loaded (and hydrated, on pages with islands). Usage: node scripts/first-visit.mjs [url]
import { chromium } from "@playwright/test";

const url = process.argv[2] ?? "http://127.0.0.1:3000/";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send("Network.enable");
await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });

const requests = new Map();
cdp.on("Network.responseReceived", ({ requestId, response }) => {
  requests.set(requestId, { url: response.url, encoding: response.headers["content-encoding"] ?? "-", bytes: 0 });
});
cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
  const entry = requests.get(requestId);
  if (entry) entry.bytes = encodedDataLength;
});

await page.goto(url, { waitUntil: "networkidle" });
if (await page.locator("script[data-bundles]").count()) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}
await page.waitForLoadState("networkidle");
await browser.close();

let total = 0;
for (const { url: resource, encoding, bytes } of requests.values()) {
  total += bytes;
  console.log(`${String(bytes).padStart(9)}  ${encoding.padEnd(5)} ${new URL(resource).pathname}`);
}
console.log(`${String(total).padStart(9)}  total bytes transferred (${(total / 1024).toFixed(1)} KiB)`);
