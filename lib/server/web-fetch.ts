// Fetches one web page for the article import. The address comes from a user, so this is the server's
// widest door outwards (server-side request forgery): a page could name the cloud's metadata service
// (169.254.169.254), the database on localhost or a router on the intranet, directly, by a DNS name
// that points there, or by redirecting to it.
//
// So every hop is checked before any connection: the scheme must be http(s), the host is resolved
// here and EVERY address it resolves to must be a public unicast one (ipaddr.js's range "unicast"),
// and the connection then goes to exactly the addresses that were checked (a pinned `lookup`), so a
// DNS answer that changes between check and connect (rebinding) is never used. Redirects are followed
// by hand, each one checked again. Limits keep one import from holding the server: 5 MB of body,
// counted after decompression too (a gzip bomb stops at the cap), 15 s for the whole fetch, 5 redirects.
//
// Failures are AppErrors with messages meant for the person importing:
// - "address_not_allowed": the host is, or resolves to, a non-public address (the message names the host);
// - "not_an_article": the page is not HTML, XHTML or plain text (the message names the type);
// - "fetch_failed": everything else, including a scheme other than http(s) or a URL that does not
//   parse, DNS or connection failures, TLS errors, HTTP statuses of 400 and above, too many redirects,
//   a body over the cap and the time limit.
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { type Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import ipaddr from "ipaddr.js";
import { isHttpUrl } from "@/lib/core/http-url";
import { env } from "./env";
import { AppError } from "./errors";

export const FETCH_MAX_BYTES = 5 * 1024 * 1024;
export const FETCH_TIMEOUT_MS = 15_000;
export const FETCH_MAX_REDIRECTS = 5;
export const FETCH_USER_AGENT = "FactcheckDesk/0.1 (+article import)";

/** The media types an article can come as; anything else is refused before its body is read. */
export const ARTICLE_MEDIA_TYPES: readonly string[] = ["text/html", "application/xhtml+xml", "text/plain"];

export interface FetchPageOptions {
  /** Largest body accepted, before and after decompression (default 5 MB). */
  maxBytes?: number;
  /** Time for the whole fetch, redirects included (default 15 s). */
  timeoutMs?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** Allow loopback, private and link-local addresses (default: FACTCHECK_FETCH_ALLOW_PRIVATE=1). */
  allowPrivate?: boolean;
  /** Replaces the address policy (tests); wins over allowPrivate. */
  isAllowedAddress?: (address: string) => boolean;
  /** Replaces DNS resolution (tests): all addresses of a host name. */
  resolve?: (host: string) => Promise<string[]>;
}

export interface FetchedPage {
  /** The URL the page was finally read from, after redirects. */
  url: string;
  /** The media type without parameters, lower case, e.g. "text/html". */
  contentType: string;
  /** The encoding the body was decoded with (WHATWG name, e.g. "utf-8", "windows-1251"). */
  charset: string;
  body: string;
}

interface Settings {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  isAllowed: (address: string) => boolean;
  resolve: (host: string) => Promise<string[]>;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Fetches `address` within the limits above; see the header for what each failure throws. */
export async function fetchPage(address: string, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const settings = settingsFrom(options);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
  try {
    return await followRedirects(address, settings, controller.signal);
  } catch (error) {
    if (controller.signal.aborted) throw tookTooLong(settings.timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function settingsFrom(options: FetchPageOptions): Settings {
  const allowPrivate = options.allowPrivate ?? env().FACTCHECK_FETCH_ALLOW_PRIVATE === "1";
  return {
    maxBytes: options.maxBytes ?? FETCH_MAX_BYTES,
    timeoutMs: options.timeoutMs ?? FETCH_TIMEOUT_MS,
    maxRedirects: options.maxRedirects ?? FETCH_MAX_REDIRECTS,
    isAllowed: options.isAllowedAddress ?? (allowPrivate ? isValidAddress : isPublicAddress),
    resolve: options.resolve ?? resolveHost,
  };
}

async function followRedirects(address: string, settings: Settings, signal: AbortSignal): Promise<FetchedPage> {
  let url = fetchableUrl(address);
  for (let redirects = 0; ; redirects++) {
    const response = await requestOnce(url, settings, signal);
    if (!REDIRECT_STATUSES.has(response.statusCode ?? 0)) return readPage(url, response, settings, signal);
    response.destroy();
    if (redirects >= settings.maxRedirects) {
      throw new AppError("fetch_failed", `The page redirected too many times (more than ${settings.maxRedirects}).`);
    }
    url = redirectTarget(url, response.headers.location);
  }
}

/** The URL to request, or AppError "fetch_failed" when it is not an http(s) address with a host. */
export function fetchableUrl(address: string): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new AppError("fetch_failed", "That is not a web address that can be fetched.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AppError("fetch_failed", `Only http(s) addresses can be fetched, not ${url.protocol} ones.`);
  }
  if (!isHttpUrl(url.href)) throw new AppError("fetch_failed", "That is not a web address that can be fetched.");
  // Credentials in a link are never sent along.
  url.username = "";
  url.password = "";
  return url;
}

function redirectTarget(from: URL, location: string | undefined): URL {
  if (!location) throw new AppError("fetch_failed", "The page redirected without saying where to.");
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new AppError("fetch_failed", "The page redirected to an address that is not valid.");
  }
  return fetchableUrl(target.href);
}

// ---------------------------------------------------------------------------------------------------
// Addresses

/** True for a public unicast address (IPv4, IPv6, or IPv4 written as IPv6); false for anything else. */
export function isPublicAddress(address: string): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  // ::a.b.c.d (IPv4-compatible, deprecated) is classed "unicast" by ipaddr.js but is nothing public.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return false;
  return parsed.range() === "unicast";
}

function isValidAddress(address: string): boolean {
  return parseAddress(address) !== null;
}

/** The address parsed; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the IPv4 address it stands for. */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.isValid(address)) return null;
  const parsed = ipaddr.parse(address);
  if (parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress()) return parsed.toIPv4Address();
  return parsed;
}

async function resolveHost(host: string): Promise<string[]> {
  const answers = await dnsLookup(host, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}

/** The URL's host without the brackets of an IPv6 literal. */
function hostOf(url: URL): string {
  const host = url.hostname;
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/** The addresses to connect to, every one of them checked, or AppError "address_not_allowed". */
async function checkedAddresses(host: string, settings: Settings, signal: AbortSignal): Promise<string[]> {
  const addresses = isIP(host) ? [host] : await untilAborted(resolveOrFail(host, settings), signal);
  if (addresses.length === 0) throw new AppError("fetch_failed", `The address ${host} could not be found.`);
  if (!addresses.every((address) => settings.isAllowed(address))) {
    throw new AppError("address_not_allowed", `${host} is a private or reserved address; the server does not fetch pages from it.`);
  }
  return addresses;
}

async function resolveOrFail(host: string, settings: Settings): Promise<string[]> {
  try {
    return await settings.resolve(host);
  } catch {
    throw new AppError("fetch_failed", `The address ${host} could not be found.`);
  }
}

/** `promise`, or a rejection as soon as `signal` aborts (a DNS lookup cannot itself be cancelled). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("aborted"));
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** A `lookup` for the socket that answers with the checked addresses and never asks DNS again. */
function pinnedLookup(addresses: string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_hostname, options, callback) => {
    const first = entries[0];
    if (options.all) callback(null, entries);
    else if (first) callback(null, first.address, first.family);
  };
}

// ---------------------------------------------------------------------------------------------------
// One request

async function requestOnce(url: URL, settings: Settings, signal: AbortSignal): Promise<http.IncomingMessage> {
  const host = hostOf(url);
  const addresses = await checkedAddresses(host, settings, signal);
  const transport = url.protocol === "https:" ? https : http;
  try {
    return await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = transport.request({
        protocol: url.protocol,
        hostname: host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers: {
          host: url.host,
          "user-agent": FETCH_USER_AGENT,
          accept: "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
          "accept-encoding": "gzip, deflate, br",
        },
        lookup: pinnedLookup(addresses),
        // SNI carries the host name; it must not be an IP address.
        servername: isIP(host) ? undefined : host,
        agent: false,
        signal,
      });
      request.once("response", resolve);
      request.once("error", reject);
      request.end();
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw connectionFailed(host, error);
  }
}

const TLS_ERROR = /^(?:EPROTO$|ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/** A network error as a message a person can act on; the error's own text and stack stay out. */
function connectionFailed(host: string, error: unknown): AppError {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (code === "ECONNREFUSED") return new AppError("fetch_failed", `${host} refused the connection.`);
  if (code === "ETIMEDOUT" || code === "EHOSTUNREACH" || code === "ENETUNREACH") {
    return new AppError("fetch_failed", `${host} could not be reached.`);
  }
  if (TLS_ERROR.test(code)) return new AppError("fetch_failed", `The secure connection to ${host} failed (certificate or TLS error).`);
  if (code === "ECONNRESET") return new AppError("fetch_failed", `${host} closed the connection before sending the page.`);
  return new AppError("fetch_failed", `The page could not be fetched from ${host}.`);
}

// ---------------------------------------------------------------------------------------------------
// The response

async function readPage(url: URL, response: http.IncomingMessage, settings: Settings, signal: AbortSignal): Promise<FetchedPage> {
  try {
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) throw new AppError("fetch_failed", `The server answered with HTTP status ${status}.`);
    const { mediaType, charset } = parseContentType(response.headers["content-type"]);
    if (!ARTICLE_MEDIA_TYPES.includes(mediaType)) {
      throw new AppError("not_an_article", `The address gives ${mediaType ? `a ${mediaType} file` : "a file of unknown type"}, not a web page.`);
    }
    if (Number(response.headers["content-length"] ?? 0) > settings.maxBytes) throw tooLarge(settings.maxBytes);
    const bytes = await readBody(response, settings.maxBytes, signal);
    const decoded = decodePageBytes(bytes, { declaredCharset: charset, sniffHtml: mediaType !== "text/plain" });
    return { url: url.href, contentType: mediaType, charset: decoded.charset, body: decoded.text };
  } finally {
    // Closes the socket at once when the body was not read to its end (a refusal or the cap).
    response.destroy();
  }
}

/** "text/html; charset=UTF-8" → { mediaType: "text/html", charset: "UTF-8" }. */
export function parseContentType(header: string | undefined): { mediaType: string; charset?: string } {
  const [type = "", ...parameters] = (header ?? "").split(";");
  let charset: string | undefined;
  for (const parameter of parameters) {
    const equals = parameter.indexOf("=");
    if (equals < 0 || parameter.slice(0, equals).trim().toLowerCase() !== "charset") continue;
    const value = parameter.slice(equals + 1).trim();
    charset = value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
  }
  return { mediaType: type.trim().toLowerCase(), charset };
}

/** The body, decompressed, or AppError "fetch_failed" as soon as either size passes `maxBytes`. */
async function readBody(response: http.IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const decompress = decompressorFor(response.headers["content-encoding"]);
  const collect = async (source: AsyncIterable<Buffer>) => {
    let total = 0;
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk);
    }
  };
  try {
    if (decompress) await pipeline(response, capBytes(maxBytes), decompress, collect, { signal });
    else await pipeline(response, collect, { signal });
  } catch (error) {
    if (error instanceof AppError || signal.aborted) throw error;
    throw new AppError("fetch_failed", "The page arrived incomplete or its compressed data was corrupt.");
  }
  return Buffer.concat(chunks);
}

/** A stage that passes bytes through until more than `maxBytes` have gone by. */
function capBytes(maxBytes: number) {
  return async function* (source: AsyncIterable<Buffer>) {
    let total = 0;
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(maxBytes);
      yield chunk;
    }
  };
}

function decompressorFor(header: string | undefined): Transform | null {
  const encoding = (header ?? "").trim().toLowerCase();
  if (encoding === "" || encoding === "identity") return null;
  if (encoding === "gzip" || encoding === "x-gzip") return zlib.createGunzip();
  if (encoding === "deflate") return zlib.createInflate();
  if (encoding === "br") return zlib.createBrotliDecompress();
  throw new AppError("fetch_failed", `The page is compressed in a way the server cannot read (${encoding.slice(0, 40)}).`);
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("fetch_failed", `The page is larger than ${formatBytes(maxBytes)}; the import stops there.`);
}

function tookTooLong(timeoutMs: number): AppError {
  return new AppError("fetch_failed", `The page took longer than ${timeoutMs / 1000} s to load.`);
}

function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (Number.isInteger(mb)) return `${mb} MB`;
  return bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`;
}

// ---------------------------------------------------------------------------------------------------
// Decoding (shared with the file import in article-extract.ts)

const BOMS: ReadonlyArray<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xfe, 0xff], "utf-16be"],
  [[0xff, 0xfe], "utf-16le"],
];

/**
 * Text from a page's bytes. As browsers do: a byte order mark wins, then the charset declared by the
 * server, then (for HTML) a `<meta charset>` or `http-equiv` in the first 4 KB, then UTF-8. A label
 * TextDecoder does not know counts as undeclared.
 */
export function decodePageBytes(bytes: Uint8Array, how: { declaredCharset?: string; sniffHtml: boolean }): { text: string; charset: string } {
  const decoder =
    decoderFor(byteOrderMark(bytes)) ??
    decoderFor(how.declaredCharset) ??
    (how.sniffHtml ? decoderFor(metaCharset(bytes)) : undefined) ??
    new TextDecoder("utf-8");
  return { text: decoder.decode(bytes), charset: decoder.encoding };
}

function byteOrderMark(bytes: Uint8Array): string | undefined {
  return BOMS.find(([mark]) => mark.every((byte, i) => bytes[i] === byte))?.[1];
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim());
  } catch {
    return undefined;
  }
}

const META_CHARSET = /charset\s*=\s*["']?([\w.:-]+)/i;

/** The charset named by the first `<meta>` tag in the first 4 KB that names one. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1").toLowerCase();
  for (let at = head.indexOf("<meta"); at >= 0; at = head.indexOf("<meta", at + 5)) {
    const end = head.indexOf(">", at);
    const match = META_CHARSET.exec(head.slice(at, end < 0 ? undefined : end));
    if (match?.[1]) return match[1];
  }
  return undefined;
}
