import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The project root, where the release server and its Leptos.toml live. */
export const ROOT = resolve(__dirname, "../../..");
export const SITE = join(ROOT, "target/site");

/** A copy of the built site that a test may change, as a new build would. */
export function copyOfSite(): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), "leg-relief-site-"));
  cpSync(SITE, root, { recursive: true });
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** How to start a server of our own: the checkout's release server on another site root, or
 * another executable (an unpacked `make dist`) in another working directory. */
export type Launch = { siteRoot?: string; executable?: string; cwd?: string };

/** A release server of our own, on its own address, for tests that restart it. */
export class Server {
  private process?: ChildProcess;
  constructor(readonly address: string, readonly launch: Launch) {}

  get url() {
    return `http://${this.address}`;
  }

  async start() {
    const { siteRoot, executable = join(ROOT, "target/release/leg-relief"), cwd = ROOT } = this.launch;
    this.process = spawn(executable, [], {
      cwd,
      env: { ...process.env, LEPTOS_SITE_ADDR: this.address, ...(siteRoot ? { LEPTOS_SITE_ROOT: siteRoot } : {}) },
      stdio: "ignore",
    });
    // Ready once it answers; the loop ends on the first answer, not after a fixed wait.
    for (let attempt = 0; attempt < 600; attempt++) {
      try {
        if ((await fetch(`${this.url}/`)).status > 0) return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    throw new Error(`the server on ${this.address} did not start`);
  }

  /** SIGTERM, then wait for the process to exit (in-flight requests finish first). */
  async stop() {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}
