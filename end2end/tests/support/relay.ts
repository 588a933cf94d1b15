import { connect, createServer, type Server as NetServer, type Socket } from "node:net";

/** What the network between the phone and the server does: pass requests on, hold them with no
 * answer (a dead connection, a captive portal that swallows them), or cut them at once. */
export type Network = "pass" | "hold" | "cut";

function hostAndPort(address: string): [string, number] {
  const at = address.lastIndexOf(":");
  return [address.slice(0, at), Number(address.slice(at + 1))];
}

/** A TCP relay in front of a server, on an address of its own, that a test switches between
 * [`Network`] modes. It stands for the network whatever the browser thinks of it: the browser's
 * own offline switch is left alone, so `navigator.onLine` stays true. */
export class Relay {
  private network: Network = "pass";
  private readonly sockets = new Set<Socket>();
  private listener?: NetServer;

  constructor(readonly address: string, private readonly upstream: string) {}

  get url() {
    return `http://${this.address}`;
  }

  async start() {
    const [host, port] = hostAndPort(this.address);
    const listener = createServer((browser) => this.accept(browser));
    this.listener = listener;
    await new Promise<void>((resolve, reject) => {
      listener.once("error", reject);
      listener.listen(port, host, resolve);
    });
  }

  /** Switches the network; open connections are dropped, so the next request meets the new one. */
  set(network: Network) {
    this.network = network;
    this.dropAll();
  }

  async stop() {
    this.dropAll();
    await new Promise<void>((resolve) => (this.listener ? this.listener.close(() => resolve()) : resolve()));
  }

  private accept(browser: Socket) {
    if (this.network === "cut") {
      browser.destroy();
      return;
    }
    this.track(browser);
    if (this.network === "hold") {
      // Read the request, answer nothing, until the test switches the network.
      browser.resume();
      return;
    }
    const [host, port] = hostAndPort(this.upstream);
    const server = connect(port, host);
    this.track(server);
    const close = () => {
      browser.destroy();
      server.destroy();
    };
    browser.on("close", close);
    server.on("close", close);
    browser.pipe(server).pipe(browser);
  }

  private track(socket: Socket) {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    // A dropped connection's reset is what the test asked for, not a failure.
    socket.on("error", () => undefined);
  }

  private dropAll() {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}
