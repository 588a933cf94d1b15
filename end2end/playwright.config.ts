import { defineConfig, devices } from "@playwright/test";

// The tests run against the release build that `make test` has just made; Playwright starts
// the server itself on its own port, so a `make run` on port 3000 can stay up meanwhile.
const address = process.env.E2E_ADDR ?? "127.0.0.1:3100";

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://${address}`,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download can't reach its host here.
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // Phone first: most people open the app on a phone, often at night. Every test runs in both
  // projects unless it is about one form factor (then it skips the other).
  projects: [
    { name: "phone", use: { ...devices["Pixel 7"] } },
    { name: "desktop", use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: {
    command: "./target/release/leg-relief",
    cwd: "..",
    url: `http://${address}/`,
    env: { LEPTOS_SITE_ADDR: address },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
