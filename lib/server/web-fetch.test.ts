// The article import's fetcher against real sockets: local servers on 127.0.0.1 (and 127.0.0.2) stand
// in for the web, and an injected address policy treats 127.0.0.1 alone as "public", so every refusal is
// the real check refusing a real address, and a refused server can be asserted never to be contacted.
import http from "node:http";
import { type AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchPage, fetchableUrl, isPublicAddress, parseContentType, decodePageBytes } from "./web-fetch";

vi.stubEnv("FACTCHECK_FETCH_ALLOW_PRIVATE", "0");

interface TestServer {
  origin: string;
  port: number;
  /** Requests received, in order, as "METHOD path host". */
  requests: string[];
  server: http.Server;
}

const servers: http.Server[] = [];

async function serve(handler: http.RequestListener, host = "127.0.0.1"): Promise<TestServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.host}`);
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://${host}:${port}`, port, requests, server };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** The policy of these tests: 127.0.0.1 plays a public address; everything else is refused. */
const onlyLocal = { isAllowedAddress: (address: string) => address === "127.0.0.1" };

const HTML = "<!doctype html><html><head><title>Ein Artikel</title></head><body><p>Grüße aus Köln</p></body></html>";

function page(body: string | Buffer, contentType = "text/html; charset=utf-8"): http.RequestListener {
  return (_req, res) => {
    res.writeHead(200, { "content-type": contentType });
    res.end(body);
  };
}

// "Привет, мир" in windows-1251.
const PRIVET_1251 = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xec, 0xe8, 0xf0]);

describe("fetchPage: pages it reads", () => {
  it("returns the decoded body, its media type, charset and final URL", async () => {
    const site = await serve(page(HTML));
    const result = await fetchPage(`${site.origin}/news/1?x=2#top`, onlyLocal);
    expect(result).toEqual({ url: `${site.origin}/news/1?x=2#top`, contentType: "text/html", charset: "utf-8", body: HTML });
    expect(site.requests).toEqual([`GET /news/1?x=2 127.0.0.1:${site.port}`]);
  });

  it("sends its User-Agent, Accept and Accept-Encoding headers", async () => {
    let headers: http.IncomingHttpHeaders = {};
    const site = await serve((req, res) => {
      headers = req.headers;
      page(HTML)(req, res);
    });
    await fetchPage(site.origin, onlyLocal);
    expect(headers["user-agent"]).toBe("FactcheckDesk/0.1 (+article import)");
    expect(headers.accept).toContain("text/html");
    expect(headers["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it("decodes with the charset of the Content-Type header", async () => {
    const site = await serve(page(Buffer.concat([Buffer.from("<p>"), PRIVET_1251]), "text/html; charset=windows-1251"));
    const result = await fetchPage(site.origin, onlyLocal);
    expect(result.body).toBe("<p>Привет, мир");
    expect(result.charset).toBe("windows-1251");
  });

  it("decodes with a <meta charset> or http-equiv when the header names none", async () => {
    const withMeta = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1251"></head><body>'), PRIVET_1251]);
    const withHttpEquiv = Buffer.concat([
      Buffer.from('<html><head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1251"></head><body>'),
      PRIVET_1251,
    ]);
    const site = await serve((req, res) => page(req.url === "/a" ? withMeta : withHttpEquiv, "text/html")(req, res));
    expect((await fetchPage(`${site.origin}/a`, onlyLocal)).body).toContain("Привет, мир");
    expect((await fetchPage(`${site.origin}/b`, onlyLocal)).body).toContain("Привет, мир");
  });

  it("falls back to UTF-8 for an unknown charset label, and reads plain text without looking for <meta>", async () => {
    const site = await serve((req, res) =>
      req.url === "/unknown" ? page("Grüße", "text/html; charset=x-no-such-thing")(req, res) : page('<meta charset="windows-1251"> Grüße', "text/plain")(req, res),
    );
    expect(await fetchPage(`${site.origin}/unknown`, onlyLocal)).toMatchObject({ body: "Grüße", charset: "utf-8" });
    expect(await fetchPage(`${site.origin}/text`, onlyLocal)).toMatchObject({ contentType: "text/plain", body: '<meta charset="windows-1251"> Grüße' });
  });

  it("reads gzip, deflate and brotli bodies", async () => {
    const encoders: Record<string, (b: Buffer) => Buffer> = { gzip: zlib.gzipSync, deflate: zlib.deflateSync, br: zlib.brotliCompressSync };
    const site = await serve((req, res) => {
      const encoding = (req.url ?? "/").slice(1);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": encoding });
      res.end(encoders[encoding]?.(Buffer.from(HTML)));
    });
    for (const encoding of Object.keys(encoders)) {
      expect((await fetchPage(`${site.origin}/${encoding}`, onlyLocal)).body).toBe(HTML);
    }
  });

  it("follows up to five redirects, relative and absolute, and reports the final URL", async () => {
    const site = await serve((req, res) => {
      const step = Number((req.url ?? "/0").slice(1));
      if (step >= 5) return page(HTML)(req, res);
      const location = step % 2 === 0 ? `/${step + 1}` : `http://127.0.0.1:${(req.socket.localPort ?? 0).toString()}/${step + 1}`;
      res.writeHead([301, 302, 303, 307, 308][step] ?? 302, { location });
      res.end();
    });
    const result = await fetchPage(`${site.origin}/0`, onlyLocal);
    expect(result.url).toBe(`${site.origin}/5`);
    expect(site.requests).toHaveLength(6);
  });

  it("connects to the address it checked, sending the host name in the Host header", async () => {
    const site = await serve(page(HTML));
    const resolve = vi.fn(() => Promise.resolve(["127.0.0.1"]));
    // news.example.test exists nowhere: the page can only arrive through the pinned address.
    const result = await fetchPage(`http://news.example.test:${site.port}/story`, { ...onlyLocal, resolve });
    expect(result.body).toBe(HTML);
    expect(resolve).toHaveBeenCalledWith("news.example.test");
    expect(site.requests).toEqual([`GET /story news.example.test:${site.port}`]);
  });

  it("fetches private addresses when allowPrivate is set", async () => {
    const site = await serve(page(HTML));
    expect((await fetchPage(site.origin, { allowPrivate: true })).body).toBe(HTML);
  });
});

describe("fetchPage: addresses it refuses", () => {
  it.each(["ftp://example.com/file.txt", "file:///etc/passwd", "javascript:alert(1)", "data:text/html,<p>hi</p>", "mailto:desk@example.com", "not a url", "http://"])(
    "refuses %s as not fetchable, without resolving anything",
    async (address) => {
      const resolve = vi.fn(() => Promise.resolve(["127.0.0.1"]));
      await expect(fetchPage(address, { ...onlyLocal, resolve })).rejects.toMatchObject({ code: "fetch_failed" });
      expect(resolve).not.toHaveBeenCalled();
    },
  );

  it("names the refused scheme", async () => {
    await expect(fetchPage("ftp://example.com/")).rejects.toThrow("Only http(s) addresses can be fetched, not ftp: ones.");
  });

  it("refuses 127.0.0.1 by default (FACTCHECK_FETCH_ALLOW_PRIVATE=0) and never connects", async () => {
    const site = await serve(page(HTML));
    await expect(fetchPage(site.origin)).rejects.toMatchObject({ code: "address_not_allowed" });
    await expect(fetchPage(site.origin, { allowPrivate: false })).rejects.toMatchObject({ code: "address_not_allowed" });
    expect(site.requests).toEqual([]);
  });

  it.each([
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://255.255.255.255/",
    "http://224.0.0.1/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://[::1]/",
    "http://[::]/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://[::127.0.0.1]/",
    "http://[2002:7f00:1::]/",
    "http://[64:ff9b::7f00:1]/",
    "https://[ff02::1]/",
  ])("refuses the literal address %s", async (address) => {
    await expect(fetchPage(address, { allowPrivate: false })).rejects.toMatchObject({ code: "address_not_allowed" });
  });

  it("refuses a host name that resolves to a private address, naming the host", async () => {
    const resolve = () => Promise.resolve(["10.1.2.3"]);
    const refusal = fetchPage("http://intranet.example/wiki", { allowPrivate: false, resolve });
    await expect(refusal).rejects.toMatchObject({ code: "address_not_allowed" });
    await expect(refusal).rejects.toThrow(/intranet\.example/);
  });

  it("refuses a host name with one public and one private address", async () => {
    const resolve = () => Promise.resolve(["93.184.216.34", "192.168.0.10"]);
    await expect(fetchPage("https://mixed.example/", { allowPrivate: false, resolve })).rejects.toMatchObject({ code: "address_not_allowed" });
  });

  it("refuses a redirect to a refused address without contacting it", async () => {
    const inner = await serve(page("secret"), "127.0.0.2");
    const outer = await serve((_req, res) => {
      res.writeHead(302, { location: `${inner.origin}/admin` });
      res.end();
    });
    await expect(fetchPage(outer.origin, onlyLocal)).rejects.toMatchObject({ code: "address_not_allowed" });
    expect(outer.requests).toHaveLength(1);
    expect(inner.requests).toEqual([]);
  });

  it("checks the addresses of every hop's host name again", async () => {
    const site = await serve((_req, res) => {
      res.writeHead(301, { location: "http://metadata.internal/latest" });
      res.end();
    });
    const resolve = vi.fn((host: string) => Promise.resolve(host === "metadata.internal" ? ["169.254.169.254"] : ["127.0.0.1"]));
    await expect(fetchPage(`http://start.example:${site.port}/`, { ...onlyLocal, resolve })).rejects.toMatchObject({ code: "address_not_allowed" });
    expect(resolve.mock.calls).toEqual([["start.example"], ["metadata.internal"]]);
  });

  it("refuses a redirect to another scheme", async () => {
    const site = await serve((_req, res) => {
      res.writeHead(302, { location: "file:///etc/passwd" });
      res.end();
    });
    await expect(fetchPage(site.origin, onlyLocal)).rejects.toMatchObject({ code: "fetch_failed", message: expect.stringContaining("file:") as unknown });
  });
});

describe("fetchPage: limits and failures", () => {
  it("stops at the sixth redirect", async () => {
    const site = await serve((req, res) => {
      res.writeHead(302, { location: `/${Number((req.url ?? "/0").slice(1)) + 1}` });
      res.end();
    });
    await expect(fetchPage(`${site.origin}/0`, onlyLocal)).rejects.toMatchObject({ code: "fetch_failed", message: expect.stringMatching(/too many/) as unknown });
    expect(site.requests).toHaveLength(6);
    await expect(fetchPage(`${site.origin}/0`, { ...onlyLocal, maxRedirects: 1 })).rejects.toMatchObject({ code: "fetch_failed" });
  });

  it("aborts a body streamed past the cap, closing the connection early", async () => {
    let written = 0;
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    const site = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.on("close", closed);
      const chunk = Buffer.alloc(16 * 1024, "a");
      const pump = () => {
        while (written < 256 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
    await expect(fetchPage(site.origin, { ...onlyLocal, maxBytes: 64 * 1024 })).rejects.toMatchObject({
      code: "fetch_failed",
      message: expect.stringContaining("larger than 64 KB") as unknown,
    });
    await serverSawClose;
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuses at once a Content-Length over the cap", async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    const site = await serve((_req, res) => {
      res.on("close", closed);
      res.writeHead(200, { "content-type": "text/html", "content-length": String(10 * 1024 * 1024 * 1024) });
      res.write("<p>the rest never comes</p>");
    });
    const started = Date.now();
    await expect(fetchPage(site.origin, onlyLocal)).rejects.toMatchObject({ code: "fetch_failed", message: expect.stringContaining("larger than 5 MB") as unknown });
    await serverSawClose;
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("stops a gzip bomb at the cap on the decompressed size", async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(32 * 1024 * 1024, " "));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const site = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip", "content-length": bomb.length });
      res.end(bomb);
    });
    await expect(fetchPage(site.origin, { ...onlyLocal, maxBytes: 1024 * 1024 })).rejects.toMatchObject({
      code: "fetch_failed",
      message: expect.stringContaining("larger than 1 MB") as unknown,
    });
  });

  it("gives up on a server that never answers after the time limit", async () => {
    const site = await serve(() => undefined);
    const started = Date.now();
    await expect(fetchPage(site.origin, { ...onlyLocal, timeoutMs: 300 })).rejects.toMatchObject({
      code: "fetch_failed",
      message: "The page took longer than 0.3 s to load.",
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("counts the time limit over the whole fetch, body included", async () => {
    const site = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<p>the start of a page that never ends");
    });
    await expect(fetchPage(site.origin, { ...onlyLocal, timeoutMs: 300 })).rejects.toMatchObject({ message: expect.stringMatching(/longer than/) as unknown });
  });

  it("counts the time limit while resolving a host name", async () => {
    const resolve = () => new Promise<string[]>(() => undefined);
    await expect(fetchPage("http://slow-dns.example/", { ...onlyLocal, resolve, timeoutMs: 200 })).rejects.toMatchObject({ message: expect.stringMatching(/longer than/) as unknown });
  });

  it("names the HTTP status of an error page", async () => {
    const site = await serve((_req, res) => {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<h1>Not found</h1>");
    });
    await expect(fetchPage(site.origin, onlyLocal)).rejects.toMatchObject({ code: "fetch_failed", message: "The server answered with HTTP status 404." });
  });

  it.each(["application/pdf", "image/png", "application/json"])("refuses a %s response as not an article", async (type) => {
    const site = await serve(page(Buffer.from("%PDF-1.7"), type));
    await expect(fetchPage(site.origin, onlyLocal)).rejects.toMatchObject({ code: "not_an_article", message: expect.stringContaining(type) as unknown });
  });

  it("refuses a response without a Content-Type", async () => {
    const site = await serve((_req, res) => {
      res.removeHeader("content-type");
      res.end("<p>hi</p>");
    });
    await expect(fetchPage(site.origin, onlyLocal)).rejects.toMatchObject({ code: "not_an_article" });
  });

  it("says so when the name cannot be resolved, without a stack trace", async () => {
    const resolve = () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.example"), { code: "ENOTFOUND" }));
    await expect(fetchPage("http://nowhere.example/", { ...onlyLocal, resolve })).rejects.toMatchObject({
      code: "fetch_failed",
      message: "The address nowhere.example could not be found.",
    });
  });

  it("says so when the connection is refused", async () => {
    const site = await serve(page(HTML));
    servers.pop();
    await new Promise((resolve) => site.server.close(resolve));
    await expect(fetchPage(site.origin, onlyLocal)).rejects.toMatchObject({ code: "fetch_failed", message: "127.0.0.1 refused the connection." });
  });

  it("says so when TLS fails", async () => {
    const site = await serve(page(HTML));
    await expect(fetchPage(`https://127.0.0.1:${site.port}/`, onlyLocal)).rejects.toMatchObject({
      code: "fetch_failed",
      message: expect.stringContaining("secure connection") as unknown,
    });
  });

  it("says so when compressed data is corrupt", async () => {
    const site = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
      res.end("this is not gzip");
    });
    await expect(fetchPage(site.origin, onlyLocal)).rejects.toMatchObject({ code: "fetch_failed" });
  });
});

describe("isPublicAddress", () => {
  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("accepts %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    "127.0.0.1",
    "127.0.0.2",
    "10.0.0.1",
    "172.31.255.255",
    "192.168.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "192.0.2.1",
    "198.18.0.1",
    "240.0.0.1",
    "::1",
    "::",
    "fd00::1",
    "fe80::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:192.168.1.1",
    "::7f00:1",
    "2001:db8::1",
    "2002:0a00:0001::",
    "2001:0000:4136:e378::1",
    "64:ff9b::a00:1",
    "example.com",
    "",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe("helpers", () => {
  it("parses a Content-Type header", () => {
    expect(parseContentType('Text/HTML; Charset="ISO-8859-1"')).toEqual({ mediaType: "text/html", charset: "ISO-8859-1" });
    expect(parseContentType(undefined)).toEqual({ mediaType: "", charset: undefined });
  });

  it("drops credentials from a URL", () => {
    expect(fetchableUrl("https://user:pass@example.com/a").href).toBe("https://example.com/a");
  });

  it("lets a byte order mark win over a declared charset", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0xa9]);
    expect(decodePageBytes(bytes, { declaredCharset: "windows-1251", sniffHtml: true })).toEqual({ text: "é", charset: "utf-8" });
  });
});
