// What the app's own HTTP server (scripts/server.ts) refuses before Next.js sees a request, and the
// origin it vouches for. Plain functions of the request's method, URL and headers, so they are tested
// without a server:
// - a Host that is neither one of the configured public addresses nor a loopback name (a page on an
//   attacker's domain that resolves to this server, "DNS rebinding", sends the attacker's Host);
// - `.` and `..` path segments, which Next.js would otherwise answer with a 308 redirect;
// - a state-changing request whose Origin is not this server's own origin, scheme included; a server
//   action must carry an Origin (browsers always send one with a POST).
import type { IncomingHttpHeaders } from "node:http";

/** Set by the server on every request (overwriting anything a client sent): the origin it was reached at. */
export const REQUEST_ORIGIN_HEADER = "x-factcheck-origin";

export interface GuardConfig {
  /** The addresses the app is published at (FACTCHECK_PUBLIC_URL, NEXTAUTH_URL); their hosts are allowed. */
  publicUrls: string[];
  /** Behind the operator's own reverse proxy: X-Forwarded-Proto tells the scheme the client used. */
  trustProxy: boolean;
}

export interface Refusal {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

export interface GuardedRequest {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  /** Whether the connection itself is TLS. */
  encrypted?: boolean;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// A method nothing here serves, which Node's Request cannot even represent (Next would answer 500).
// Node's own HTTP parser already answers unknown methods (TRACK) with 400 and closes CONNECT.
const UNSERVED_METHODS = new Set(["TRACE"]);

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Host and port of a Host header or URL authority, lower-cased; null when it is not a plain authority. */
function parseAuthority(authority: string): { hostname: string; host: string; port: string } | null {
  if (!authority || /[\s/?#@\\]/.test(authority)) return null;
  try {
    const url = new URL(`http://${authority}`);
    // An explicit ":80" vanishes in URL (http's default); keep what the client wrote.
    const port = /:(\d+)$/.exec(authority)?.[1] ?? "";
    return { hostname: url.hostname.toLowerCase(), host: url.host.toLowerCase(), port: port === "" ? "" : String(Number(port)) };
  } catch {
    return null;
  }
}

/** localhost, *.localhost, 127.0.0.0/8 and ::1: names that only ever reach this machine. */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (name === "[::1]" || name === "::1") return true;
  const octets = name.split(".");
  return octets.length === 4 && octets[0] === "127" && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

export function hostAllowed(hostHeader: string | undefined, config: GuardConfig): boolean {
  const parsed = hostHeader ? parseAuthority(hostHeader) : null;
  if (!parsed) return false;
  if (isLoopbackHostname(parsed.hostname)) return true;
  return config.publicUrls.some((raw) => {
    try {
      const url = new URL(raw);
      const port = url.port || (url.protocol === "https:" ? "443" : "80");
      // Behind a TLS proxy the Host has no port, or the scheme's default one.
      return url.hostname.toLowerCase() === parsed.hostname && (parsed.port === "" || parsed.port === port);
    } catch {
      return false;
    }
  });
}

/** The origin the client reached: its scheme (TLS, or the trusted proxy's X-Forwarded-Proto) and Host. */
export function requestOrigin(req: GuardedRequest, trustProxy: boolean): string | null {
  const parsed = parseAuthority(single(req.headers.host) ?? "");
  if (!parsed) return null;
  let scheme = req.encrypted ? "https" : "http";
  if (trustProxy) {
    // The proxy nearest to us appends last; a client-supplied value would come first.
    const forwarded = String(single(req.headers["x-forwarded-proto"]) ?? "")
      .split(",")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    const last = forwarded[forwarded.length - 1];
    if (last === "https" || last === "http") scheme = last;
  }
  // Through URL, so a default port (":80" on http, ":443" on https) is dropped as browsers drop it.
  return new URL(`${scheme}://${parsed.host}`).origin;
}

/** Whether an Origin header names exactly `expected` (scheme, host and port). */
export function sameOrigin(originHeader: string | undefined, expected: string | null): boolean {
  if (!originHeader || !expected || originHeader === "null") return false;
  try {
    return new URL(originHeader).origin === expected;
  } catch {
    return false;
  }
}

/** Whether the path has a `.` or `..` segment, also percent-encoded (`%2e%2E`) or after a backslash. */
export function hasDotSegment(rawUrl: string): boolean {
  const path = rawUrl.split(/[?#]/, 1)[0] ?? "";
  return path.split(/[/\\]/).some((segment) => {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return false;
    }
    return decoded === "." || decoded === "..";
  });
}

export function guardRequest(req: GuardedRequest, config: GuardConfig): Refusal | null {
  const host = single(req.headers.host);
  if (!hostAllowed(host, config)) {
    return {
      status: 421,
      code: "misdirected_request",
      message:
        "This server does not answer to that host name. It answers to localhost and to its public address (FACTCHECK_PUBLIC_URL or NEXTAUTH_URL).",
    };
  }
  if (hasDotSegment(req.url ?? "/")) {
    return { status: 400, code: "bad_request", message: "The path has a '.' or '..' segment." };
  }
  const method = (req.method ?? "GET").toUpperCase();
  if (UNSERVED_METHODS.has(method)) {
    return {
      status: 405,
      code: "method_not_allowed",
      message: `${method} is not supported here.`,
      headers: { Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" },
    };
  }
  if (!SAFE_METHODS.has(method)) {
    const origin = single(req.headers.origin);
    const isServerAction = req.headers["next-action"] !== undefined;
    if (origin !== undefined && !sameOrigin(origin, requestOrigin(req, config.trustProxy))) {
      return { status: 403, code: "forbidden", message: "Cross-origin requests are not allowed." };
    }
    if (origin === undefined && isServerAction) {
      return { status: 403, code: "forbidden", message: "A form submission must come from this site's own pages." };
    }
  }
  return null;
}
