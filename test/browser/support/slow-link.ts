import { connect, createServer, type Server, type Socket } from "node:net";

export interface SlowLink {
  /** The app's URL through the slow link. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a server whose uploads crawl: what a browser sends travels at
 * `bytesPerSecond` per connection, what the server sends is not slowed. A person on a slow uplink
 * sees the progress bar move, and has time to press Cancel.
 *
 * @example
 * const link = await slowLink(app.port, 2_000_000);
 * await page.goto(link.url);
 */
export async function slowLink(port: number, bytesPerSecond: number): Promise<SlowLink> {
  const sockets = new Set<Socket>();
  const proxy: Server = createServer((client) => {
    const upstream = connect(port, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
    }
    client.on("data", (data: Buffer) => {
      // Read nothing more until this chunk's share of the rate has passed: TCP pushes back on the browser.
      client.pause();
      upstream.write(data);
      setTimeout(() => client.resume(), (data.byteLength / bytesPerSecond) * 1_000);
    });
    client.on("end", () => upstream.end());
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const address = proxy.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
