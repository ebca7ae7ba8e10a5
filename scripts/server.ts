// The app's HTTP server: Next.js behind a thin Node server that puts security headers on every
// response (a CSP with a fresh nonce per request, which Next.js reads from the request to sign its own
// scripts) and records the client address for the sign-in throttle in a header clients cannot forge.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { CLIENT_ADDRESS_HEADER, REQUEST_PATH_HEADER } from "../lib/server/client-address";

export interface ServerOptions {
  dir: string;
  port: number;
  host?: string;
  dev: boolean;
  trustProxy: boolean;
}

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

export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, options: { dev: boolean; trustProxy: boolean }) {
  const nonce = randomBytes(16).toString("base64");
  const csp = contentSecurityPolicy(nonce, options.dev);
  req.headers["content-security-policy"] = csp;
  req.headers["x-nonce"] = nonce;
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, options.trustProxy);
  req.headers[REQUEST_PATH_HEADER] = req.url ?? "/";
  res.setHeader("Content-Security-Policy", csp);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
}

export async function startServer(options: ServerOptions) {
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.host ?? "localhost", port: options.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    applySecurityHeaders(req, res, options);
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    if (options.host) server.listen(options.port, options.host, resolve);
    else server.listen(options.port, resolve);
  });
  return server;
}
