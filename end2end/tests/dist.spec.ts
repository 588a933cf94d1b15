import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, Server } from "./support/server";

// `make dist` (which `make test` runs first) packs the server, its site and its settings; here it
// is unpacked outside the checkout and started from yet another folder, as on a server.
test("the dist tarball, unpacked anywhere, serves pages that hydrate", async ({ page }, testInfo) => {
  const unpacked = mkdtempSync(join(tmpdir(), "leg-relief-dist-"));
  const elsewhere = mkdtempSync(join(tmpdir(), "leg-relief-cwd-"));
  execFileSync("tar", ["-xzf", join(ROOT, "target/dist/leg-relief.tar.gz"), "-C", unpacked]);
  const server = new Server(`127.0.0.1:${3110 + testInfo.parallelIndex}`, {
    executable: join(unpacked, "leg-relief/leg-relief"),
    cwd: elsewhere,
  });
  try {
    await server.start();
    await page.goto(`${server.url}/cramp`);
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
    await page.getByRole("button", { name: "Calf", exact: true }).click();
    await expect(page.getByRole("region", { name: "Cramp now" })).toHaveAttribute("data-status", "holding");
    // Styles and the theme script came from the unpacked site.
    const stylesheet = await page.locator('link[rel="stylesheet"]').getAttribute("href");
    expect((await page.request.get(`${server.url}${stylesheet}`)).ok()).toBe(true);
    await page.goto(`${server.url}/help`);
    await expect(page.getByRole("heading", { level: 1, name: "When to see a doctor" })).toBeVisible();
  } finally {
    await server.stop();
    rmSync(unpacked, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  }
});
