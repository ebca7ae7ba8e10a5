// The battery's header sweep: every kind of answer the server gives (pages, reports, static files,
// every API route and method, next-auth's endpoints, and every error: 400, 401, 403, 404, 405, 409,
// 413, 415, 421, 422, 431 and the parser's own 400) carries the same security headers. A header missing
// on one rarely seen answer (a 413, a refusal from the request guard) is how clickjacking and MIME
// sniffing get back in, so each answer is checked on its own, not a sample.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { CLAIM_QUOTE, apiClaim, bearer, expect, freshArticle, signIn, test } from "../fixtures";
import { raw, rawBytes, type RawResponse } from "../raw-http";
import { recordFigures } from "./figures";

type Headers = Record<string, string | string[] | undefined>;
interface Answer {
  what: string;
  status: number;
  headers: Headers;
}

const header = (headers: Headers, name: string) => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : (value ?? "");
};

/** What is wrong with one answer's headers; empty when nothing is. */
function problems(answer: Answer): string[] {
  const h = (name: string) => header(answer.headers, name);
  const found: string[] = [];
  const csp = h("content-security-policy");
  if (!/frame-ancestors 'none'/.test(csp)) found.push("CSP without frame-ancestors 'none'");
  if (/unsafe-inline/.test(/script-src[^;]*/.exec(csp)?.[0] ?? "")) found.push("CSP allows inline scripts");
  if (csp && !/(default-src 'none'|object-src 'none')/.test(csp)) found.push("CSP allows plugins");
  if (h("x-content-type-options") !== "nosniff") found.push("no X-Content-Type-Options: nosniff");
  if (h("x-frame-options") !== "DENY") found.push("no X-Frame-Options: DENY");
  if (h("referrer-policy") !== "no-referrer") found.push("no Referrer-Policy: no-referrer");
  if (!/camera=\(\)/.test(h("permissions-policy"))) found.push("no Permissions-Policy");
  if (h("cross-origin-opener-policy") !== "same-origin") found.push("no Cross-Origin-Opener-Policy");
  if (h("x-powered-by")) found.push(`X-Powered-By: ${h("x-powered-by")}`);
  const type = h("content-type");
  if (answer.status !== 204 && answer.status !== 304 && !(answer.status >= 300 && answer.status < 400) && !type) found.push("no Content-Type");
  if (/text\/html/.test(type) && !/script-src[^;]*'nonce-/.test(csp)) found.push("HTML without a nonce-based script-src");
  if (/^\/api\//.test(answer.what.split(" ")[1] ?? "") && !/no-store/.test(h("cache-control"))) found.push("API answer a cache may keep");
  for (const cookie of ([] as string[]).concat(answer.headers["set-cookie"] ?? [])) {
    if (!/;\s*HttpOnly/i.test(cookie) || !/;\s*SameSite=(Lax|Strict)/i.test(cookie)) found.push(`cookie without HttpOnly and SameSite: ${cookie.split("=")[0]}`);
  }
  return found;
}

test.describe("security headers on every answer @pg", () => {
  test("pages, reports, static files, the API, next-auth and every error answer carry them", async ({ page, request, browser }) => {
    test.setTimeout(240_000);
    const answers: Answer[] = [];
    const seen = async (what: string, response: APIResponse, expected: number) => {
      expect(response.status(), `${what}: ${(await response.text()).slice(0, 200)}`).toBe(expected);
      answers.push({ what, status: response.status(), headers: response.headers() });
    };
    const seenRaw = (what: string, response: RawResponse, expected: number) => {
      expect(response.status, `${what}: ${response.body.slice(0, 200)}`).toBe(expected);
      answers.push({ what, status: response.status, headers: response.headers });
    };

    await signIn(page, "admin");
    // What to ask about: an article with a claim that has a source, and one more claim to delete.
    const article = await freshArticle(request);
    const claim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE });
    const other = await apiClaim(request, "alice", article.id, { exact: "Kazakhstan", start: article.text.indexOf("Kazakhstan"), end: article.text.indexOf("Kazakhstan") + "Kazakhstan".length });
    const added = await request.post(`/api/v1/claims/${claim.id}/sources`, { headers: bearer("alice"), data: { url: "https://example.org/a", stance: "supports" } });
    expect(added.status()).toBe(201);
    const source = (await added.json()) as { id: string };

    // Pages as a signed-in admin, through the browser's own cookie jar.
    const asAdmin = page.request;
    const pages: [string, number][] = [
      ["/", 200],
      ["/articles/new", 200],
      [`/articles/${article.id}`, 200],
      [`/articles/${article.id}/edit`, 200],
      [`/articles/${article.id}/activity`, 200],
      [`/articles/${article.id}/report?format=html`, 200],
      [`/articles/${article.id}/report?format=html&audience=public`, 200],
      [`/articles/${article.id}/report?format=md`, 200],
      ["/admin/users", 200],
      ["/no-such-page", 404],
      ["/articles/c0000000000000000000000000", 404],
      ["/?cursor=a&cursor=b", 200],
    ];
    for (const [path, status] of pages) await seen(`GET ${path} (admin)`, await asAdmin.get(path, { maxRedirects: 0 }), status);
    // The client router's own requests (React Server Component payloads).
    await seen(`GET /articles/${article.id} (RSC)`, await asAdmin.get(`/articles/${article.id}`, { headers: { RSC: "1" } }), 200);
    // Static files: one the page really loads, and one that does not exist.
    const html = await (await asAdmin.get("/")).text();
    const chunk = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(chunk, "the page loads a script chunk").toBeTruthy();
    await seen(`GET ${chunk}`, await request.get(chunk!), 200);
    const style = /\/_next\/static\/[^"']+\.css/.exec(html)?.[0];
    if (style) await seen(`GET ${style}`, await request.get(style), 200);
    await seen("GET /_next/static/no-such-file.js", await request.get("/_next/static/no-such-file.js"), 404);

    // Anonymous: the sign-in page, the redirect to it, next-auth's endpoints, a sign-in that fails.
    await seen("GET /sign-in (anonymous)", await request.get("/sign-in"), 200);
    const redirect = await request.get("/", { maxRedirects: 0 });
    expect([302, 303, 307]).toContain(redirect.status());
    answers.push({ what: "GET / (anonymous)", status: redirect.status(), headers: redirect.headers() });
    for (const path of ["/api/auth/csrf", "/api/auth/session", "/api/auth/providers"]) await seen(`GET ${path}`, await request.get(path), 200);
    const csrf = ((await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
    const failed = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf, email: "nobody@example.com", password: "wrong-password", json: "true" },
      maxRedirects: 0,
    });
    answers.push({ what: "POST /api/auth/callback/credentials (wrong password)", status: failed.status(), headers: failed.headers() });

    // A viewer's session on an admin page: the forbidden page.
    const viewerContext = await browser.newContext();
    const viewerPage = await viewerContext.newPage();
    await signIn(viewerPage, "viewer");
    await seen("GET /admin/users (viewer)", await viewerPage.request.get("/admin/users"), 403);
    await viewerContext.close();

    // Every API route and method, answered as documented.
    const api = (method: string, path: string, user: "viewer" | "alice" | "editor" | "admin", status: number, init: { data?: unknown; headers?: Record<string, string> } = {}) =>
      apiCall(request, method, path, { headers: { ...bearer(user), ...init.headers }, data: init.data }).then((r) => seen(`${method} ${path} (${user})`, r, status));
    const a = `/api/v1/articles/${article.id}`;
    await api("GET", "/api/v1/articles?limit=5", "viewer", 200);
    await api("HEAD", "/api/v1/articles?limit=5", "viewer", 200);
    await api("OPTIONS", "/api/v1/articles", "viewer", 204);
    await api("GET", a, "viewer", 200);
    await api("GET", `${a}/claims`, "viewer", 200);
    await api("GET", `${a}/audit?limit=5`, "viewer", 200);
    await api("GET", "/api/v1/audit/verify", "viewer", 200);
    for (const format of ["json", "csv", "md", "html", "claimreview", "w3c", "pdf"]) await api("GET", `${a}/report?format=${format}`, "viewer", 200);
    await api("GET", `/api/v1/reports?articles=${article.id}&format=csv`, "viewer", 200);
    await api("GET", `/api/v1/claims/${claim.id}`, "viewer", 200);
    await api("POST", "/api/v1/articles", "editor", 201, { data: { title: "Headers check", text: "A short article for the header check." } });
    await api("PATCH", a, "editor", 200, { data: { publisher: "Header Desk" } });
    await api("POST", `${a}/claims`, "alice", 201, { data: { exact: "Tokayev", start: article.text.indexOf("Tokayev"), end: article.text.indexOf("Tokayev") + 7 } });
    await api("PATCH", `/api/v1/claims/${claim.id}`, "alice", 200, { data: { version: claim.version, verdict: "true" } });
    await api("POST", `/api/v1/claims/${claim.id}/sources`, "alice", 201, { data: { url: "https://example.org/b", stance: "context" } });
    await api("PATCH", `/api/v1/sources/${source.id}`, "alice", 200, { data: { title: "Renamed" } });
    await api("DELETE", `/api/v1/sources/${source.id}`, "alice", 204);
    await api("DELETE", `/api/v1/claims/${other.id}`, "alice", 204);
    await api("POST", `/api/v1/claims/${other.id}/restore`, "editor", 200);
    const annotations: unknown = await (await request.get(`${a}/report?format=w3c`, { headers: bearer("editor") })).json();
    await api("POST", `${a}/annotations/import`, "editor", 200, { data: annotations });

    // Every error the API answers.
    await seen("GET /api/v1/articles (no credentials)", await request.get("/api/v1/articles"), 401);
    await seen("GET /api/v1/articles (unknown token)", await request.get("/api/v1/articles", { headers: { Authorization: `Bearer fct_${"x".repeat(43)}` } }), 401);
    await api("POST", "/api/v1/articles", "viewer", 403, { data: { title: "No", text: "No." } });
    await api("GET", "/api/v1/claims/c0000000000000000000000000", "viewer", 404);
    await api("GET", "/api/v1/no-such-endpoint", "viewer", 404);
    await api("PUT", "/api/v1/articles", "editor", 405, { data: {} });
    await api("PATCH", `/api/v1/claims/${claim.id}`, "alice", 409, { data: { version: claim.version, verdict: "false" } });
    await api("POST", "/api/v1/articles", "editor", 413, { data: { title: "Too big", text: "x".repeat(1_100_000) } });
    await api("POST", "/api/v1/articles", "editor", 415, { data: "title=x", headers: { "content-type": "text/plain" } });
    await api("POST", "/api/v1/articles", "editor", 400, { data: "{not json", headers: { "content-type": "application/json" } });
    await api("POST", "/api/v1/articles", "editor", 400, { data: { title: "" } });
    await api("POST", `${a}/claims`, "alice", 422, { data: { exact: "words that are not in the article" } });
    await api("GET", "/api/v1/articles?limit=0", "viewer", 400);
    await api("POST", `${a}/annotations/import`, "editor", 422, { data: null });

    // Answers given before Next.js sees the request: the request guard's and Node's HTTP parser's.
    seenRaw("GET with a foreign Host", await raw({ path: "/", headers: { host: "rebound.evil.example" } }), 421);
    seenRaw("GET /api/v1/./articles", await raw({ path: "/api/v1/./articles" }), 400);
    seenRaw("TRACE /", await raw({ method: "TRACE", path: "/" }), 405);
    seenRaw("POST /api/v1/articles from another origin", await raw({ method: "POST", path: "/api/v1/articles", headers: { origin: "https://evil.example", "content-type": "application/json" }, body: "{}" }), 403);
    seenRaw("server action without Origin", await raw({ method: "POST", path: "/", headers: { "next-action": "0".repeat(40) }, body: "[]" }), 403);
    seenRaw("headers over Node's limit", await rawBytes(`GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`), 431);
    seenRaw("a request line Node cannot parse", await rawBytes("GET / HTTP/1.1\r\nHost: localhost\r\nBroken header line\r\n\r\n"), 400);

    const failures = answers.map((answer) => ({ what: `${answer.what} → ${answer.status}`, problems: problems(answer) })).filter((f) => f.problems.length > 0);
    const statuses = [...new Set(answers.map((a) => a.status))].sort((x, y) => x - y);
    recordFigures("headers", `security headers on ${answers.length - failures.length}/${answers.length} answers (statuses ${statuses.join(", ")})`, {
      answers: answers.length,
      ok: answers.length - failures.length,
      statuses: statuses.join(","),
    });
    expect(failures).toEqual([]);
  });
});

/** Any method, with a raw string body passed as is and an object body sent as JSON. */
function apiCall(request: APIRequestContext, method: string, path: string, init: { headers: Record<string, string>; data?: unknown }) {
  return request.fetch(path, {
    method,
    headers: init.headers,
    ...(init.data === undefined ? {} : { data: typeof init.data === "string" ? init.data : JSON.stringify(init.data) }),
    ...(init.data !== undefined && typeof init.data !== "string" ? { headers: { "content-type": "application/json", ...init.headers } } : {}),
    maxRedirects: 0,
  });
}
