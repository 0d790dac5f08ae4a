import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** Small HTTP servers on 127.0.0.1 for the external-link checks: each answers one way. */

export interface LoopbackServer {
  url: string;
  port: number;
  /** Requests received, as "METHOD path". */
  requests: string[];
  close(): Promise<void>;
}

export async function loopbackServer(
  handler: (request: http.IncomingMessage, response: http.ServerResponse) => void,
): Promise<LoopbackServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    handler(request, response);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export const answering = (status: number) => (_request: http.IncomingMessage, response: http.ServerResponse) => {
  response.writeHead(status, { "content-type": "text/plain" });
  response.end(String(status));
};

/** Redirects every path to the next one, forever. */
export const redirectLoop = (request: http.IncomingMessage, response: http.ServerResponse) => {
  const n = Number(new URL(request.url ?? "/", "http://x").searchParams.get("n") ?? 0);
  response.writeHead(302, { location: `/loop?n=${n + 1}` });
  response.end();
};

/** Accepts the connection and never answers. */
export const neverAnswering = () => undefined;
