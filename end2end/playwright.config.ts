import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The tests run against the release build that `make test` has just made; Playwright starts
// the server itself on its own port, so a `make run` on port 3000 can stay up meanwhile.
const address = process.env.E2E_ADDR ?? "127.0.0.1:3100";
// The fake push service the reminder tests start (tests/support/push-service.ts): the server may
// send only there, and keeps its reminders in a folder of this run's own.
const pushFakePort = process.env.PUSH_FAKE_PORT ?? String(Number(address.split(":")[1]) + 90);
process.env.PUSH_FAKE_PORT = pushFakePort;
// Made once by the runner; its workers load this file again and inherit the variable.
process.env.E2E_DATA_FOLDER ??= mkdtempSync(join(tmpdir(), "leg-relief-e2e-"));
const dataFolder = process.env.E2E_DATA_FOLDER;

export default defineConfig({
  testDir: "./tests",
  // One fake push service for every worker (tests/support/push-service.ts).
  globalSetup: "./tests/support/push-global.ts",
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
    env: {
      LEPTOS_SITE_ADDR: address,
      LEG_RELIEF_DATA_FOLDER: dataFolder,
      LEG_RELIEF_PUSH_HOSTS: `127.0.0.1:${pushFakePort}`,
    },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
