// The app's HTTP server: Next.js behind a thin Node server that puts security headers on every
// response (a CSP with a fresh nonce per request, which Next.js reads from the request to sign its own
// scripts), records the client address and the origin it was reached at in headers clients cannot
// forge, and refuses what lib/server/request-guard.ts refuses (foreign Host names, dot segments,
// cross-origin writes) before Next.js sees the request.
import { randomBytes, randomUUID } from "node:crypto";
import { STATUS_CODES, createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import next from "next";
import { CLIENT_ADDRESS_HEADER, REQUEST_PATH_HEADER } from "../lib/server/client-address";
import { REQUEST_ORIGIN_HEADER, guardRequest, requestOrigin, type Refusal } from "../lib/server/request-guard";
import { securityEvent, withRequestContext } from "../lib/server/security-log";

export interface ServerOptions {
  dir: string;
  port: number;
  /** The addresses to listen on; none means every address. */
  hosts: string[];
  dev: boolean;
  trustProxy: boolean;
  /** FACTCHECK_PUBLIC_URL and NEXTAUTH_URL: their hosts are served, and https turns on HSTS. */
  publicUrls: string[];
}

type HeaderOptions = Pick<ServerOptions, "dev" | "trustProxy" | "publicUrls">;

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // React's development build needs eval; production never gets it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    // The trusted proxy appends the address it saw; anything before it came from the client.
    const forwarded = String(req.headers["x-forwarded-for"] ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const last = forwarded[forwarded.length - 1];
    if (last) return last;
  }
  return req.socket.remoteAddress ?? "unknown";
}

/** The headers every answer carries, whatever answers it: the app, the request guard or the HTTP parser. */
function staticSecurityHeaders(options: Pick<ServerOptions, "publicUrls">): [string, string][] {
  return [
    ["X-Content-Type-Options", "nosniff"],
    ["X-Frame-Options", "DENY"],
    ["Referrer-Policy", "no-referrer"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ...(options.publicUrls.some((url) => url.startsWith("https:")) ? [["Strict-Transport-Security", "max-age=31536000"] as [string, string]] : []),
  ];
}

export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, options: HeaderOptions) {
  const nonce = randomBytes(16).toString("base64");
  const csp = contentSecurityPolicy(nonce, options.dev);
  req.headers["content-security-policy"] = csp;
  req.headers["x-nonce"] = nonce;
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, options.trustProxy);
  req.headers[REQUEST_PATH_HEADER] = req.url ?? "/";
  const origin = requestOrigin({ headers: req.headers, encrypted: "encrypted" in req.socket }, options.trustProxy);
  if (origin) req.headers[REQUEST_ORIGIN_HEADER] = origin;
  else delete req.headers[REQUEST_ORIGIN_HEADER];
  res.setHeader("Content-Security-Policy", csp);
  for (const [name, value] of staticSecurityHeaders(options)) res.setHeader(name, value);
  // API answers hold one caller's data: no shared or browser cache keeps them (a route may say otherwise).
  if ((req.url ?? "").startsWith("/api/")) res.setHeader("Cache-Control", "no-store");
}

/**
 * A request Node's HTTP parser rejects before the app sees it (headers too large, broken syntax, a
 * method it does not know): the same answer Node would give, 431 or 400, but with the security headers
 * every other answer carries instead of a bare status line.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, options: Pick<ServerOptions, "publicUrls">) {
  // A response already under way on this connection (pipelining) cannot be followed by a status line.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  const body = `${STATUS_CODES[status]}\n`;
  const headers: [string, string][] = [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(Buffer.byteLength(body))],
    ["Connection", "close"],
    ["Cache-Control", "no-store"],
    ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"],
    ...staticSecurityHeaders(options),
  ];
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join("")}\r\n${body}`);
}

/** Answers a refused request itself: JSON in the API's error shape under /api, plain text elsewhere. */
function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal) {
  res.statusCode = refusal.status;
  for (const [name, value] of Object.entries(refusal.headers ?? {})) res.setHeader(name, value);
  if ((req.url ?? "").startsWith("/api/")) {
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.end(JSON.stringify({ error: { code: refusal.code, message: refusal.message } }));
  } else {
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    res.end(`${refusal.message}\n`);
  }
}

/** How long an idle kept-alive connection stays open: longer than the usual proxy's 60 s. */
export const KEEP_ALIVE_MS = 65_000;

export async function startServer(options: ServerOptions) {
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.hosts[0] ?? "localhost", port: options.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const guard = { publicUrls: options.publicUrls, trustProxy: options.trustProxy };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    applySecurityHeaders(req, res, options);
    const context = { requestId: randomUUID(), clientAddress: String(req.headers[CLIENT_ADDRESS_HEADER]) };
    res.setHeader("X-Request-Id", context.requestId);
    withRequestContext(context, () => {
      const refusal = guardRequest({ method: req.method, url: req.url, headers: req.headers, encrypted: "encrypted" in req.socket }, guard);
      if (refusal) {
        securityEvent("request.refused", { status: refusal.status, reason: refusal.code, path: (req.url ?? "/").split("?", 1)[0] });
        return refuse(req, res, refusal);
      }
      handle(req, res).catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    });
  };
  const listen = (host?: string) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer(listener);
      // Node closes an idle kept-alive connection after 5 s by default. A client (a proxy, a script, a
      // test) that sends its next request on that connection just as it closes gets a reset instead of
      // an answer. Keep idle connections longer than the clients and proxies that reuse them (nginx and
      // most load balancers: 60 s), so the client is the one that lets go.
      server.keepAliveTimeout = KEEP_ALIVE_MS;
      server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket, options));
      server.once("error", reject);
      if (host) server.listen(options.port, host, () => resolve(server));
      else server.listen(options.port, () => resolve(server));
    });
  if (options.hosts.length === 0) return [await listen()];
  const servers: Server[] = [];
  for (const host of options.hosts) {
    try {
      servers.push(await listen(host));
    } catch (error) {
      // A machine without IPv6 has no ::1 to listen on; one listening address is enough.
      if ((error as NodeJS.ErrnoException).code === "EADDRNOTAVAIL") continue;
      throw error;
    }
  }
  if (servers.length === 0) throw new Error(`could not listen on ${options.hosts.join(", ")}`);
  return servers;
}
