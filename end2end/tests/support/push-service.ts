import { createECDH, createDecipheriv, hkdfSync, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";

/** The port the fake push service listens on, on 127.0.0.1: the server under test is started
 * with `LEG_RELIEF_PUSH_HOSTS=127.0.0.1:<port>` so it may send there. */
export const PUSH_FAKE_PORT = Number(process.env.PUSH_FAKE_PORT ?? 3190);

/** What a browser's `PushSubscription.toJSON()` gives, and the id the fake knows it by. */
export type FakeSubscription = { id: string; endpoint: string; keys: { p256dh: string; auth: string } };

/** One message the server sent, as the fake received it and read it. */
export type ReceivedPush = {
  id: string;
  /** The request's headers that Web Push defines (RFC 8030, 8291, 8292). */
  authorization: string | null;
  contentEncoding: string | null;
  ttl: string | null;
  urgency: string | null;
  topic: string | null;
  /** The body's size in bytes, as sent. */
  bytes: number;
  /** The decrypted message, or null with `error` when it could not be read. */
  plaintext: string | null;
  error: string | null;
};

type Keys = { ecdh: ReturnType<typeof createECDH>; publicKey: Buffer; auth: Buffer; gone: boolean };

/** RFC 8291 key derivation, then RFC 8188 aes128gcm records: the body is
 * salt (16) | record size (4) | key id length (1) | key id (the sender's public key) | records. */
export function decryptAes128gcm(body: Buffer, receiver: { ecdh: ReturnType<typeof createECDH>; publicKey: Buffer; auth: Buffer }): string {
  if (body.length < 21) throw new Error(`a body of ${body.length} bytes has no aes128gcm header`);
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body[20];
  const senderPublic = body.subarray(21, 21 + keyIdLength);
  if (keyIdLength !== 65 || senderPublic[0] !== 4) throw new Error(`the key id is not a P-256 public key (${keyIdLength} bytes)`);
  if (recordSize < 18) throw new Error(`record size ${recordSize} is too small`);
  const records = body.subarray(21 + keyIdLength);

  const ecdhSecret = receiver.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), receiver.publicKey, senderPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, receiver.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));

  const parts: Buffer[] = [];
  let sequence = 0;
  for (let start = 0; start < records.length; start += recordSize, sequence++) {
    const record = records.subarray(start, Math.min(start + recordSize, records.length));
    const last = start + recordSize >= records.length;
    if (record.length < 17) throw new Error(`record ${sequence} is too short`);
    // The record's nonce: the derived nonce XOR its sequence number (big-endian, at the end;
    // far fewer than 2^32 records, so the last 4 bytes).
    const recordNonce = Buffer.from(nonce);
    recordNonce.writeUInt32BE((recordNonce.readUInt32BE(8) ^ sequence) >>> 0, 8);
    const decipher = createDecipheriv("aes-128-gcm", cek, recordNonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    // Padding: the delimiter (2 for the last record, 1 for the others), then zeros.
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    const delimiter = padded[end];
    if (delimiter !== (last ? 2 : 1)) throw new Error(`record ${sequence} has padding delimiter ${delimiter}`);
    parts.push(padded.subarray(0, end));
  }
  return Buffer.concat(parts).toString("utf8");
}

/**
 * A push service on 127.0.0.1 that stands in for the browser vendors' (no internet in tests).
 * It hands out subscriptions (a P-256 key pair and 16 random auth bytes each, made here), takes
 * the server's POSTs to `/push/<id>`, records their Web Push headers and decrypts their bodies.
 * A subscription marked gone answers 410, as a real push service does for an expired one.
 *
 * Tests in other worker processes use it over HTTP (see [`pushService`]):
 * `POST /_fake/subscriptions`, `GET /_fake/pushes/<id>`, `POST /_fake/gone/<id>`.
 */
export class FakePushService {
  private readonly keys = new Map<string, Keys>();
  private readonly received = new Map<string, ReceivedPush[]>();
  private server?: HttpServer;

  constructor(readonly port = PUSH_FAKE_PORT, readonly host = "127.0.0.1") {}

  get origin() {
    return `http://${this.host}:${this.port}`;
  }

  async start() {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error) => {
        response.writeHead(500, { "content-type": "text/plain" });
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, this.host, () => resolve());
    });
    // Tests end while the server under test may still hold a connection open.
    server.unref();
    this.server = server;
  }

  async stop() {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  subscribe(): FakeSubscription {
    const id = randomUUID();
    const ecdh = createECDH("prime256v1");
    const publicKey = ecdh.generateKeys();
    const auth = randomBytes(16);
    this.keys.set(id, { ecdh, publicKey, auth, gone: false });
    this.received.set(id, []);
    return {
      id,
      endpoint: `${this.origin}/push/${id}`,
      keys: { p256dh: publicKey.toString("base64url"), auth: auth.toString("base64url") },
    };
  }

  pushes(id: string): ReceivedPush[] {
    return this.received.get(id) ?? [];
  }

  markGone(id: string) {
    const keys = this.keys.get(id);
    if (keys) keys.gone = true;
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", this.origin);
    const body = await readBody(request);
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(value));
    };
    const [, first, second, id] = url.pathname.split("/");

    if (request.method === "GET" && url.pathname === "/_fake/health") return json(200, { fake: "push-service" });
    if (request.method === "POST" && url.pathname === "/_fake/subscriptions") return json(201, this.subscribe());
    if (first === "_fake" && second === "pushes" && id) return json(200, this.pushes(id));
    if (request.method === "POST" && first === "_fake" && second === "gone" && id) {
      this.markGone(id);
      return json(200, {});
    }

    if (request.method === "POST" && first === "push" && second) {
      const keys = this.keys.get(second);
      if (!keys) return json(404, { error: "no such subscription" });
      if (keys.gone) return json(410, { error: "subscription expired" });
      let plaintext: string | null = null;
      let error: string | null = null;
      try {
        plaintext = decryptAes128gcm(body, keys);
      } catch (caught) {
        error = String(caught);
      }
      const header = (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value.join(", ") : (value ?? null);
      };
      this.pushes(second).push({
        id: second,
        authorization: header("authorization"),
        contentEncoding: header("content-encoding"),
        ttl: header("ttl"),
        urgency: header("urgency"),
        topic: header("topic"),
        bytes: body.length,
        plaintext,
        error,
      });
      response.writeHead(201, { location: `${this.origin}/message/${randomUUID()}` });
      response.end();
      return;
    }
    json(404, { error: `nothing at ${request.method} ${url.pathname}` });
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** The fake as a test in any worker sees it: over HTTP. */
export class PushServiceClient {
  constructor(readonly origin: string) {}

  async subscribe(): Promise<FakeSubscription> {
    return (await fetch(`${this.origin}/_fake/subscriptions`, { method: "POST" })).json();
  }

  async pushes(id: string): Promise<ReceivedPush[]> {
    return (await fetch(`${this.origin}/_fake/pushes/${id}`)).json();
  }

  async markGone(id: string) {
    await fetch(`${this.origin}/_fake/gone/${id}`, { method: "POST" });
  }
}

async function answers(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/_fake/health`);
    return response.ok && (await response.json()).fake === "push-service";
  } catch {
    return false;
  }
}

/** The fake push service: the one Playwright's global setup started (`push-global.ts`), or, when
 * none is running, one started in this worker (kept until the worker exits). */
export async function pushService(port = PUSH_FAKE_PORT): Promise<PushServiceClient> {
  const origin = `http://127.0.0.1:${port}`;
  if (!(await answers(origin))) {
    try {
      await new FakePushService(port).start();
    } catch (error) {
      // Another worker started one meanwhile.
      if (!(await answers(origin))) throw error;
    }
  }
  return new PushServiceClient(origin);
}
