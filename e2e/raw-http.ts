// Raw HTTP to the server under test, as an attacker would send it: Playwright's client (and a browser)
// would fix up the Host, the dot segments and the Origin, and cannot send what Node's parser refuses.
import { connect } from "node:net";
import { request as httpRequest } from "node:http";

export const port = Number(process.env.E2E_PORT ?? 3217);

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with exactly these headers (Host defaults to localhost:port) over a fresh connection. */
export function raw(options: { method?: string; path: string; headers?: Record<string, string>; body?: string; host?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: options.host ?? "127.0.0.1", port, method: options.method ?? "GET", path: options.path, headers: { host: `localhost:${port}`, ...options.headers }, timeout: 10_000 },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.end(options.body);
  });
}

/** Bytes written to a socket as they are, and the answer read back until the server closes it. */
export function rawBytes(bytes: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    let text = "";
    socket.setEncoding("utf8");
    socket.setTimeout(10_000, () => socket.destroy(new Error("timed out")));
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const at = line.indexOf(":");
        if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1] ?? 0), headers, body: rest.join("\r\n\r\n") });
    });
    socket.write(bytes);
  });
}
