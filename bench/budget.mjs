// `make bench`, after the criterion benches: the release server under load on loopback, nginx
// sending the same bytes of / as a file for comparison, the bytes of a first visit to each kind
// of page, and Lighthouse's mobile scores. Prints one table; exits 1 when a budget is missed.
//
// Needs the release build (make build), wrk, nginx, Chromium, and the npm packages of end2end/ and
// bench/ (make bench installs all of them). BENCH_SECONDS and BENCH_CONNECTIONS shorten a trial
// run; the budgets are only meaningful at the defaults (60 s, 200 connections).

import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const ADDR = process.env.BENCH_ADDR ?? "127.0.0.1:3200";
const NGINX_ADDR = process.env.BENCH_NGINX_ADDR ?? "127.0.0.1:3201";
// The push service the server sends reminders to during the bench: ours, answering 201.
const PUSH_ADDR = process.env.BENCH_PUSH_ADDR ?? "127.0.0.1:3202";
const STORED_REMINDERS = Number(process.env.BENCH_REMINDERS ?? 100_000);
// The two load runs on / around the scheduler's sending (without, then while it sends).
const SENDING_SECONDS = Math.min(SECONDS, 20);
/** Parts to run, comma-separated (`BENCH_ONLY=load,lighthouse`): one row can be timed again
 * without the whole bench. Empty: every part. */
const PARTS = ["load", "first-visit", "finder", "sending", "lighthouse"];
const ONLY = (process.env.BENCH_ONLY ?? "").split(",").filter(Boolean);
for (const part of ONLY) {
  if (!PARTS.includes(part)) throw new Error(`BENCH_ONLY: no part "${part}"; the parts are ${PARTS.join(", ")}`);
}
const included = (part) => ONLY.length === 0 || ONLY.includes(part);
const LIGHTHOUSE_PAGES = ["/", "/cramp", "/finder", "/water", "/diary", "/stretches/wall-calf-stretch"];
const BROWSER_ENCODINGS = "gzip, deflate, br, zstd";
const CHROMIUM_FLAGS =
  "--headless=new --no-sandbox --disable-gpu --disable-background-networking " +
  "--disable-component-update --disable-sync --no-first-run";
const KB = 1024;
const MB = 1024 * 1024;

const BUDGET = {
  // First visit, everything on the wire (issue 17): the page for a cramp right now and the
  // stretch guides are the lightest; the trackers and the finder next.
  firstVisitBytes: {
    "/": 200 * KB,
    "/cramp": 100 * KB,
    "/stretches/wall-calf-stretch": 100 * KB,
    "/routines/bedtime": 100 * KB,
    "/finder": 150 * KB,
    "/water": 150 * KB,
    "/diary": 150 * KB,
  },
  // Every stretch and routine page (the ones above included), found in the service worker's list.
  guidePageBytes: 100 * KB,
  memoryGrowthBytes: 10 * MB,
  residentAfterLoadBytes: 30 * MB,
  performance: 98,
  totalBlockingTimeMs: 100,
  largestContentfulPaintMs: 1500,
  accessibility: 100,
  "best-practices": 100,
  seo: 100,
  // Page throughput while the scheduler sends reminders, against just before (same length).
  pagesWhileSendingRatio: 0.9,
  // Pre-rendered / against nginx sending the same bytes as a file, in the same run.
  nginxRatio: 0.5,
  // The finder (benches/search.rs writes the times; the index is measured as served). The index
  // holds the safety texts a sign needs offline and, since issue 25, every condition page; it is
  // fetched when the person reaches for the finder (focus on its controls), never with the page.
  medianQueryMicros: 20,
  worstQueryMicros: 300,
  indexBrotliBytes: 60 * KB,
};

const rows = [];
/** One line of the table; `ok` undefined means informational (no budget). */
function report(measure, value, budget = "", ok = undefined) {
  rows.push({ measure, value, budget, ok });
}

/** A GET that keeps the body exactly as sent (Node's fetch would decompress it). */
function rawGet(base, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}${path}`, { headers }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on("error", reject);
  });
}

async function waitForServer(base, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await rawGet(base, "/healthz")).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the server did not answer /healthz within 60 s");
}

function residentBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"))[1]) * KB;
  return { rss: field("VmRSS"), peak: field("VmHWM") };
}

/**
 * The server's memory once a load's connections have closed: read every 100 ms until it stops
 * falling (at most 5 s). Read the moment wrk exits, it still holds the 200 connections being
 * torn down, which the server gives back when the last one closes (src/server/connections.rs).
 */
async function settledResidentBytes(pid) {
  let last = residentBytes(pid);
  for (let waited = 0; waited < 5000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = residentBytes(pid);
    if (now.rss >= last.rss) return now;
    last = now;
  }
  return last;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * MB, ...options });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited with ${result.status}\n${result.stderr}`);
  }
  return result.stdout;
}

/** wrk's latency as milliseconds ("812.00us", "3.41ms", "1.20s"). */
function milliseconds(text) {
  const [, number, unit] = text.match(/([\d.]+)(us|ms|s|m)/);
  return Number(number) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit];
}

function load(base, path, seconds = SECONDS) {
  const output = run("wrk", [
    "--threads", "2",
    "--connections", String(CONNECTIONS),
    "--duration", `${seconds}s`,
    "--timeout", "5s",
    "--latency",
    "--header", `Accept-Encoding: ${BROWSER_ENCODINGS}`,
    `${base}${path}`,
  ]);
  const number = (pattern) => Number(output.match(pattern)?.[1] ?? 0);
  const socket = output.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  return {
    path,
    requestsPerSecond: number(/Requests\/sec:\s+([\d.]+)/),
    requests: number(/(\d+) requests in/),
    p50: milliseconds(output.match(/^\s+50%\s+(\S+)/m)[1]),
    p99: milliseconds(output.match(/^\s+99%\s+(\S+)/m)[1]),
    socketErrors: socket ? socket.slice(1).map(Number).reduce((a, b) => a + b, 0) : 0,
    // wrk counts every status outside 2xx/3xx here; 5xx are a part of it.
    failedStatuses: number(/Non-2xx or 3xx responses: (\d+)/),
  };
}

function lighthouse(url) {
  const out = join(tmpdir(), `leg-relief-lighthouse-${process.pid}.json`);
  run(join(ROOT, "bench/node_modules/.bin/lighthouse"), [
    url,
    "--quiet",
    "--output=json",
    `--output-path=${out}`,
    "--only-categories=performance,accessibility,best-practices,seo",
    `--chrome-flags=${CHROMIUM_FLAGS}`,
  ], { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? "/usr/bin/chromium" } });
  const result = JSON.parse(readFileSync(out, "utf8"));
  rmSync(out, { force: true });
  const scores = Object.fromEntries(
    Object.entries(result.categories).map(([id, category]) => [id, Math.round(category.score * 100)]),
  );
  const totalBlockingTimeMs = result.audits["total-blocking-time"]?.numericValue ?? Infinity;
  const largestContentfulPaintMs = result.audits["largest-contentful-paint"]?.numericValue ?? Infinity;
  const failing = Object.values(result.audits)
    .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative")
    .map((audit) => audit.id);
  return { scores, totalBlockingTimeMs, largestContentfulPaintMs, failing };
}

/** One Lighthouse run, tried a second time when the first fails to start (Chromium sometimes
 * loses its DevTools connection at start-up); a second failure is the caller's. */
function lighthouseOnceMore(url) {
  try {
    return lighthouse(url);
  } catch (error) {
    process.stderr.write(`[bench] Lighthouse on ${url} failed, trying once more: ${error.message.split("\n")[0]}\n`);
    return lighthouse(url);
  }
}

const number = (value, digits = 0) =>
  value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const megabytes = (bytes) => `${(bytes / MB).toFixed(1)} MB`;

/**
 * The release server on `addr`, serving a copy of the built site (so nothing lands in target/),
 * with its reminders in `dataFolder`, sending only to `pushAddr`.
 */
async function startServer(addr, dataFolder, pushAddr) {
  const site = mkdtempSync(join(tmpdir(), "leg-relief-bench-"));
  cpSync(join(ROOT, "target/site"), site, { recursive: true });
  const process_ = spawn(join(ROOT, "target/release/leg-relief"), [], {
    cwd: ROOT,
    env: {
      ...process.env,
      LEPTOS_SITE_ADDR: addr,
      LEPTOS_SITE_ROOT: site,
      LEPTOS_ENV: "PROD",
      LEG_RELIEF_DATA_FOLDER: dataFolder,
      LEG_RELIEF_PUSH: "on",
      LEG_RELIEF_PUSH_HOSTS: pushAddr,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const server = {
    base: `http://${addr}`,
    site,
    pid: process_.pid,
    stop() {
      process_.kill("SIGTERM");
      rmSync(site, { recursive: true, force: true });
    },
  };
  try {
    await waitForServer(server.base, process_);
  } catch (error) {
    server.stop();
    throw error;
  }
  return server;
}

/**
 * nginx (Debian's) on `addr`, sending `brotli` as a static file with Content-Encoding br, as it
 * would a precompressed page: the reference for what serving these bytes can cost here.
 */
async function startNginx(addr, brotli) {
  const dir = mkdtempSync(join(tmpdir(), "leg-relief-nginx-"));
  // nginx's workers run as another user: they must be able to read the file.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, "site"));
  writeFileSync(join(dir, "site", "home.html"), brotli);
  writeFileSync(
    join(dir, "nginx.conf"),
    `daemon off;
worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp;
  sendfile on;
  tcp_nodelay on;
  keepalive_requests 100000;
  server {
    listen ${addr};
    root ${dir}/site;
    location / { default_type "text/html; charset=utf-8"; add_header Content-Encoding br; add_header Vary accept-encoding; }
  }
}
`,
  );
  const process_ = spawn("nginx", ["-c", join(dir, "nginx.conf"), "-p", dir], { stdio: ["ignore", "ignore", "inherit"] });
  const server = {
    base: `http://${addr}`,
    stop() {
      process_.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await rawGet(server.base, "/home.html")).status === 200) return server;
    } catch {
      // not listening yet
    }
    if (process_.exitCode !== null || Date.now() > deadline) {
      server.stop();
      throw new Error(`nginx did not start on ${addr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A push service that answers 201 to every POST and counts them, in a process of its own: wrk
 * runs synchronously here and would stall it. GET /count says what it has received.
 */
const PUSH_SERVICE = `
const http = require("node:http");
const [host, port] = process.argv[1].split(":");
const count = { received: 0, phones: 0, firstAt: null, lastAt: null };
const phones = new Set();
const server = http.createServer((request, response) => {
  if (request.method === "GET") return response.end(JSON.stringify(count));
  request.resume();
  request.on("end", () => {
    count.received += 1;
    phones.add(request.url);
    count.phones = phones.size;
    count.lastAt = Date.now();
    count.firstAt ??= count.lastAt;
    response.writeHead(201).end();
  });
});
server.keepAliveTimeout = 120000;
server.listen(Number(port), host, () => console.log("listening"));
`;

async function startPushService(addr) {
  const child = spawn("node", ["-e", PUSH_SERVICE, addr], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    child.stdout.once("data", resolve);
    child.once("exit", (code) => reject(new Error(`the push service exited with ${code}`)));
  });
  return {
    async count() {
      return JSON.parse((await rawGet(`http://${addr}`, "/count")).body.toString("utf8"));
    },
    stop: () => child.kill(),
  };
}

async function until(condition, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** examples/fill_reminders.rs, in the dev profile that `make test` has already built: a release
 * build outside cargo-leptos would rebuild the server's crates with other settings, so that the
 * next `make build` starts over. Its work is SQLite writes, not what the bench times. */
function fillReminders(...args) {
  return run("cargo", ["run", "--quiet", "--features", "ssr", "--example", "fill_reminders", "--", ...args], {
    cwd: ROOT,
  });
}

async function main() {
  // Every measure below runs with this many reminders stored; at the end they all fall due.
  const dataFolder = mkdtempSync(join(tmpdir(), "leg-relief-bench-data-"));
  // Only the server-side parts measure with them; the page parts start at once.
  const stored = included("load") || included("sending") ? STORED_REMINDERS : 0;
  if (stored) {
    process.stderr.write(`[bench] storing ${number(stored)} reminder subscriptions\n`);
    fillReminders("fill", dataFolder, `http://${PUSH_ADDR}`, String(stored));
  }
  const pushService = await startPushService(PUSH_ADDR);
  const app = await startServer(ADDR, dataFolder, PUSH_ADDR);
  let reference;
  try {
    report(
      `server memory (RSS) with ${number(stored)} reminder subscriptions stored, at start`,
      `${megabytes(residentBytes(app.pid).rss)}`,
    );
    if (included("load")) {
      const home = await rawGet(app.base, "/", { "accept-encoding": "br" });
      reference = await startNginx(NGINX_ADDR, home.body);
      const asFile = await rawGet(reference.base, "/home.html", { "accept-encoding": "br" });
      if (!asFile.body.equals(home.body) || asFile.headers["content-encoding"] !== "br") {
        throw new Error("nginx does not send the same brotli bytes as /");
      }

      const appTargets = [
        ["/", "page /"],
        ["/remedies/massage", "page /remedies/massage"],
        ["/finder?q=calf+cramp+at+night", "finder results /finder?q=…"],
      ];
      const staticFile = "/home.html";
      for (const [path] of appTargets) await rawGet(app.base, path, { "accept-encoding": BROWSER_ENCODINGS });
      await rawGet(reference.base, staticFile, { "accept-encoding": BROWSER_ENCODINGS });

      const results = new Map();
      const loadAndReport = (server, path, label) => {
        process.stderr.write(`[bench] ${SECONDS} s at ${CONNECTIONS} connections: ${label}\n`);
        const result = load(server.base, path);
        results.set(path, result);
        report(
          `load: ${label}`,
          `${number(result.requestsPerSecond)} req/s, p50 ${number(result.p50, 2)} ms, ` +
            `p99 ${number(result.p99, 2)} ms, ${number(result.requests)} requests, ` +
            `${result.socketErrors} errors, ${result.failedStatuses} non-2xx/3xx (incl. 5xx)`,
          "0 errors, 0 5xx",
          result.socketErrors === 0 && result.failedStatuses === 0,
        );
      };
      const before = residentBytes(app.pid);
      for (const [path, label] of appTargets) loadAndReport(app, path, label);
      const closing = residentBytes(app.pid);
      const after = await settledResidentBytes(app.pid);
      loadAndReport(reference, staticFile, "/ as a static file (nginx)");

      const growth = after.rss - before.rss;
      report(
        "app server memory (RSS) over its three runs",
        `${megabytes(before.rss)} before, ${megabytes(after.rss)} after ` +
          `(${megabytes(closing.rss)} as the connections closed), ` +
          `growth ${megabytes(growth)}, peak ${megabytes(after.peak)}`,
        "growth < 10 MB, after <= 30 MB",
        growth < BUDGET.memoryGrowthBytes && after.rss <= BUDGET.residentAfterLoadBytes,
      );
      const ratio = results.get("/").requestsPerSecond / results.get(staticFile).requestsPerSecond;
      report(
        "page / vs nginx sending the same bytes (req/s)",
        `${ratio.toFixed(2)}`,
        `>= ${BUDGET.nginxRatio}`,
        ratio >= BUDGET.nginxRatio,
      );
    }

    // Afterwards, in the background, the service worker saves the site for offline use. Its list
    // names every page, so every stretch and routine page gets a first visit too.
    const worker = (await rawGet(app.base, "/sw.js")).body.toString("utf8");
    // Entries are [address, revision].
    const precache = JSON.parse(worker.match(/const PRECACHE = (\[[\s\S]*?\]);/)[1]).map(([path]) => path);
    if (included("first-visit")) {
      const firstVisit = (path) => {
        process.stderr.write(`[bench] first visit to ${path}\n`);
        const visit = run("node", ["scripts/first-visit.mjs", `${app.base}${path}`], { cwd: join(ROOT, "end2end") });
        return Number(visit.match(/(\d+)\s+total bytes transferred/)[1]);
      };
      for (const [path, budget] of Object.entries(BUDGET.firstVisitBytes)) {
        const bytes = firstVisit(path);
        report(
          `first visit to ${path} (all files, as sent)`,
          `${number(bytes)} B (${(bytes / KB).toFixed(1)} KB)`,
          `<= ${budget / KB} KB`,
          bytes <= budget,
        );
      }
      for (const [kind, prefix] of [["stretch", "/stretches/"], ["routine", "/routines/"]]) {
        const pages = precache.filter((path) => path.startsWith(prefix) && !path.includes("?"));
        const visits = pages.map((path) => [path, firstVisit(path)]).sort((a, b) => b[1] - a[1]);
        const [heaviest, bytes] = visits[0];
        report(
          `first visit to every ${kind} page (${pages.length}); the heaviest, ${heaviest}`,
          `${number(bytes)} B (${(bytes / KB).toFixed(1)} KB)`,
          `<= ${BUDGET.guidePageBytes / KB} KB`,
          bytes <= BUDGET.guidePageBytes,
        );
      }

      let offlineBytes = 0;
      for (const path of precache) {
        offlineBytes += (await rawGet(app.base, path, { "accept-encoding": BROWSER_ENCODINGS })).body.length;
      }
      report(
        "then, offline copy (service worker, background)",
        `${number(offlineBytes)} B in ${precache.length} files`,
      );
    }

    // The finder: its search times (criterion run just before), and its index as sent.
    if (included("finder")) {
      const search = JSON.parse(readFileSync(join(ROOT, "target/search-bench.json"), "utf8"));
      report(
        `finder: median query over the ${search.queries} evaluation queries (native)`,
        `${search.median_query_us.toFixed(1)} µs (slowest of them ${search.slowest_typical_us.toFixed(1)} µs)`,
        `<= ${BUDGET.medianQueryMicros} µs`,
        search.median_query_us <= BUDGET.medianQueryMicros,
      );
      report(
        "finder: worst plausible query (200 characters, every word misspelt)",
        `${search.worst_plausible_us.toFixed(1)} µs`,
        `<= ${BUDGET.worstQueryMicros} µs`,
        search.worst_plausible_us <= BUDGET.worstQueryMicros,
      );
      const indexPath = precache.find((path) => path.startsWith("/api/search-index?"));
      const index = await rawGet(app.base, indexPath, { "accept-encoding": BROWSER_ENCODINGS });
      report(
        "finder: the index the browser keeps, over the wire",
        `${number(index.body.length)} B ${index.headers["content-encoding"] ?? "uncompressed"} ` +
          `(${number(search.index_bytes)} B raw)`,
        `<= ${BUDGET.indexBrotliBytes / KB} KB brotli`,
        index.headers["content-encoding"] === "br" && index.body.length <= BUDGET.indexBrotliBytes,
      );
    }

    // The scheduler sends every stored reminder at once, beside page traffic.
    if (included("sending")) {
      process.stderr.write(`[bench] ${SENDING_SECONDS} s on / before the reminders fall due\n`);
      const quiet = load(app.base, "/", SENDING_SECONDS);
      fillReminders("due", dataFolder);
      await until(async () => (await pushService.count()).received > 0, "the scheduler sent nothing", 60_000);
      process.stderr.write(`[bench] ${SENDING_SECONDS} s on / while the scheduler sends\n`);
      const sentBefore = (await pushService.count()).received;
      const busy = load(app.base, "/", SENDING_SECONDS);
      const sentDuring = (await pushService.count()).received - sentBefore;
      const throughput = busy.requestsPerSecond / quiet.requestsPerSecond;
      report(
        "page / while the scheduler sends reminders, vs just before (req/s)",
        `${throughput.toFixed(2)} (${number(busy.requestsPerSecond)} vs ${number(quiet.requestsPerSecond)} req/s, ` +
          `p99 ${number(busy.p99, 2)} vs ${number(quiet.p99, 2)} ms; ${number(sentDuring)} pushes sent meanwhile, ` +
          `${busy.socketErrors + busy.failedStatuses} errors)`,
        `>= ${BUDGET.pagesWhileSendingRatio}, 0 errors`,
        throughput >= BUDGET.pagesWhileSendingRatio && busy.socketErrors + busy.failedStatuses === 0,
      );
      await until(
        async () => (await pushService.count()).received >= STORED_REMINDERS,
        "not every reminder was sent",
        600_000,
      );
      const pushed = await pushService.count();
      const seconds = (pushed.lastAt - pushed.firstAt) / 1000;
      report(
        `the scheduler: ${number(STORED_REMINDERS)} due reminders encrypted, signed and sent (release server, 2 cores)`,
        `${seconds.toFixed(1)} s, ${number(STORED_REMINDERS / seconds)} pushes/s to ${number(pushed.phones)} phones`,
        "each phone once",
        pushed.received === STORED_REMINDERS && pushed.phones === STORED_REMINDERS,
      );
      const sent = residentBytes(app.pid);
      report(
        `server memory (RSS) after sending ${number(STORED_REMINDERS)} reminders`,
        `${megabytes(sent.rss)}, peak ${megabytes(sent.peak)}`,
        `<= ${megabytes(BUDGET.residentAfterLoadBytes)}`,
        sent.rss <= BUDGET.residentAfterLoadBytes,
      );
    }

    // Lighthouse varies from run to run: the run with the median performance score counts.
    for (const path of included("lighthouse") ? LIGHTHOUSE_PAGES : []) {
      process.stderr.write(`[bench] Lighthouse (mobile) on ${path}, 3 runs\n`);
      let runs;
      try {
        runs = [0, 1, 2].map(() => lighthouseOnceMore(`${app.base}${path}`));
      } catch (error) {
        // A Lighthouse that cannot trace this Chromium is a missed budget, not the end of the run.
        report(`Lighthouse ${path}`, `did not run: ${error.message.split("\n").slice(-2).join(" ").trim()}`, "runs", false);
        continue;
      }
      runs.sort((a, b) => a.scores.performance - b.scores.performance);
      const median = runs[1];
      for (const id of ["performance", "accessibility", "best-practices", "seo"]) {
        const score = median.scores[id];
        const extra = id === "performance" ? ` (runs: ${runs.map((r) => r.scores.performance).join(", ")})` : "";
        report(`Lighthouse ${path}: ${id}`, `${score}${extra}`, `>= ${BUDGET[id]}`, score >= BUDGET[id]);
      }
      const blocking = median.totalBlockingTimeMs;
      report(
        `Lighthouse ${path}: total blocking time`,
        `${number(blocking)} ms`,
        `<= ${BUDGET.totalBlockingTimeMs} ms`,
        blocking <= BUDGET.totalBlockingTimeMs,
      );
      const paint = median.largestContentfulPaintMs;
      report(
        `Lighthouse ${path}: largest contentful paint`,
        `${number(paint)} ms`,
        `<= ${number(BUDGET.largestContentfulPaintMs)} ms`,
        paint <= BUDGET.largestContentfulPaintMs,
      );
      if (median.failing.length) {
        process.stderr.write(`[bench] Lighthouse ${path}, audits below full marks: ${median.failing.join(", ")}\n`);
      }
    }

  } finally {
    app.stop();
    reference?.stop();
    pushService.stop();
    rmSync(dataFolder, { recursive: true, force: true });
  }

  const status = (ok) => (ok === undefined ? "" : ok ? "pass" : "FAIL");
  const header = ["Measure", "Result", "Budget", ""];
  const lines = [header, header.map(() => "---"), ...rows.map((r) => [r.measure, r.value, r.budget, status(r.ok)])];
  const only = ONLY.length ? `, only ${ONLY.join(", ")}` : "";
  console.log(
    `\nLeg Relief bench, ${new Date().toISOString()}, ${SECONDS} s x ${CONNECTIONS} connections per load run${only}\n`,
  );
  for (const line of lines) console.log(`| ${line.join(" | ")} |`);
  const missed = rows.filter((r) => r.ok === false);
  if (missed.length) {
    console.log(`\n${missed.length} budget(s) missed: ${missed.map((r) => r.measure).join("; ")}`);
    process.exit(1);
  }
  console.log("\nEvery budget met.");
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exit(2);
});
