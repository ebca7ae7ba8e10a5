// The XSS sweep's vectors and its in-page inspection. Each vector, if the browser ever ran it, calls
// `__xss(n)` with its own number (a binding the spec exposes in every frame), some also open a dialog.

/** Base64 of a small HTML page that calls the marker: for data: URLs a scanner would not read. */
const b64 = (html: string) => Buffer.from(html, "utf8").toString("base64");
/** `__xss(n)` spelled as character codes, for the String.fromCharCode obfuscation. */
const codes = (n: number) => [...`__xss(${n})`].map((c) => c.charCodeAt(0)).join(",");

/** Builders, numbered in order; `n` is the vector's own marker number. */
const BUILDERS: ((n: number) => string)[] = [
  (n) => `<script>__xss(${n})</script>`,
  (n) => `<ScRiPt>__xss(${n})</sCrIpT>`,
  (n) => `<script src="data:text/javascript,__xss(${n})"></script>`,
  (n) => `<img src=x onerror=__xss(${n})>`,
  (n) => `<img src="x" onerror="__xss(${n})">`,
  (n) => `<IMG SRC=x OnErRoR=__xss(${n})>`,
  (n) => `<svg onload=__xss(${n})>`,
  (n) => `<svg/onload=__xss(${n})>`,
  (n) => `<img/src/onerror=__xss(${n})>`,
  (n) => `<svg><script>__xss(${n})</script></svg>`,
  (n) => `<svg><animate onbegin=__xss(${n}) attributeName=x dur=1s>`,
  (n) => `<svg><a xlink:href="javascript:__xss(${n})"><text y=20>x</text></a></svg>`,
  (n) => `<svg><style><img src=x onerror=__xss(${n})></style></svg>`,
  (n) => `<math><mtext><table><mglyph><style><img src=x onerror=__xss(${n})>`,
  (n) => `<math href="javascript:__xss(${n})">x</math>`,
  (n) => `<body onload=__xss(${n})>`,
  (n) => `<body onpageshow="__xss(${n});prompt(${n})">`,
  (n) => `<iframe src="javascript:__xss(${n})"></iframe>`,
  (n) => `<iframe srcdoc="<script>__xss(${n})</script>"></iframe>`,
  (n) => `<iframe srcdoc="&lt;img src=x onerror=__xss(${n})&gt;"></iframe>`,
  (n) => `<object data="javascript:__xss(${n})"></object>`,
  (n) => `<object data="data:text/html;base64,${b64(`<script>__xss(${n})</script>`)}"></object>`,
  (n) => `<embed src="javascript:__xss(${n})">`,
  (n) => `<a href="javascript:__xss(${n})">x</a>`,
  (n) => `<a href="JaVaScRiPt:__xss(${n})">x</a>`,
  (n) => `<a href="&#106;avascript:__xss(${n})">x</a>`,
  (n) => `<a href="&#x6A;&#x61;vascript&#58;__xss(${n})">x</a>`,
  (n) => `<a href="java\tscript:__xss(${n})">x</a>`,
  (n) => `<a href=" javascript:__xss(${n})">x</a>`,
  (n) => `<a href="javascript&colon;__xss(${n})">x</a>`,
  (n) => `<a href="data:text/html,<script>__xss(${n})</script>">x</a>`,
  (n) => `<a href="data:text/html;base64,${b64(`<script>__xss(${n})</script>`)}">x</a>`,
  (n) => `<a href="vbscript:__xss(${n})">x</a>`,
  (n) => `<a href="https://example.org/" onmouseover=__xss(${n})>x</a>`,
  (n) => `[x](javascript:__xss(${n}))`,
  (n) => `[x](JAVASCRIPT:__xss(${n}) "t")`,
  (n) => `![x](javascript:__xss(${n}))`,
  (n) => `<form action="javascript:__xss(${n})"><button>x</button></form>`,
  (n) => `<button formaction="javascript:__xss(${n})">x</button>`,
  (n) => `<input autofocus onfocus=__xss(${n})>`,
  (n) => `<details open ontoggle=__xss(${n})>`,
  (n) => `<video><source onerror=__xss(${n})></video>`,
  (n) => `<audio src=x onerror=__xss(${n})>`,
  (n) => `<marquee onstart=__xss(${n})>x</marquee>`,
  (n) => `<xss id=x tabindex=1 autofocus onfocus=__xss(${n})></xss>`,
  (n) => `<div style="background:url(javascript:__xss(${n}))">x</div>`,
  (n) => `<div style="width:expression(__xss(${n}))">x</div>`,
  (n) => `<style>@import 'javascript:__xss(${n})';</style>`,
  (n) => `</style><script>__xss(${n})</script>`,
  (n) => `</title><script>__xss(${n})</script>`,
  (n) => `</textarea><script>__xss(${n})</script>`,
  (n) => `</script><script>__xss(${n})</script>`,
  (n) => `"><script>__xss(${n})</script>`,
  (n) => `" onmouseover="__xss(${n})" x="`,
  (n) => `' onfocus='__xss(${n})' autofocus x='`,
  (n) => `" autofocus onfocus="__xss(${n})`,
  (n) => `"><img src=x onerror=__xss(${n})>`,
  (n) => `'><svg onload=__xss(${n})>`,
  (n) => `<img src="x\` onerror=__xss(${n})>`,
  (n) => `<meta http-equiv="refresh" content="0;url=javascript:__xss(${n})">`,
  (n) => `<base href="javascript:__xss(${n})//">`,
  (n) => `<link rel=import href="data:text/html,<script>__xss(${n})</script>">`,
  (n) => `{{constructor.constructor('__xss(${n})')()}}`,
  (n) => `\${__xss(${n})}`,
  (n) => `{"__html":"<img src=x onerror=__xss(${n})>"}`,
  (n) => `{"dangerouslySetInnerHTML":{"__html":"<img src=x onerror=__xss(${n})>"}}`,
  (n) => `<!--<img src="--><img src=x onerror=__xss(${n})//">`,
  (n) => `<noscript><p title="</noscript><img src=x onerror=__xss(${n})>">`,
  (n) => `<scr<script>ipt>__xss(${n})</scr</script>ipt>`,
  (n) => `<img src=x onerror=eval(String.fromCharCode(${codes(n)}))>`,
  (n) => `<img src=x onerror=&#95;&#95;xss&#40;${n}&#41;>`,
  (n) => `<img src=x onerror="\\u005f_xss(${n})">`,
  (n) => `<img src=x onerror="__xss(${n});alert(${n})">`,
  (n) => `<svg onload="__xss(${n});confirm(${n})">`,
  (n) => `＜script＞__xss(${n})＜/script＞`,
  (n) => `<ſcript>__xss(${n})</ſcript>`,
  (n) => `<scr\u200Bipt>__xss(${n})</scr\u200Bipt>\u202E`,
  (n) => `\\u003cscript\\u003e__xss(${n})\\u003c/script\\u003e`,
  (n) => `&lt;script&gt;__xss(${n})&lt;/script&gt;`,
  (n) => `%3Cscript%3E__xss(${n})%3C/script%3E`,
  (n) => `<x:script xmlns:x="http://www.w3.org/1999/xhtml">__xss(${n})</x:script>`,
  (n) => `javascript:__xss(${n})`,
  (n) => `data:text/html,<script>__xss(${n})</script>`,
];

/** The vectors, numbered from 1; no vector contains a line break (an input's value would drop it). */
export const VECTORS: readonly string[] = BUILDERS.map((build, i) => build(i + 1));

/** Groups whole vectors, joined by a space, into pieces of at most `max` characters. */
export function pack(vectors: readonly string[], max: number, encode: (v: string) => string = (v) => v, sep = " "): string[] {
  return groups(vectors, max, encode, sep).map((g) => g.map(encode).join(sep));
}

/** The same grouping as `pack`, as the vectors of each piece. */
export function groups(vectors: readonly string[], max: number, encode: (v: string) => string = (v) => v, sep = " "): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const v of vectors) {
    const length = encode(v).length;
    if (length > max) throw new Error(`vector longer than ${max}: ${v}`);
    if (current.length > 0 && size + sep.length + length > max) {
      out.push(current);
      current = [];
      size = 0;
    }
    size += (current.length > 0 ? sep.length : 0) + length;
    current.push(v);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * A vector as a piece of an https URL's path or query: the link rule refuses whitespace, backslashes and
 * controls, so only those are percent-encoded; quotes and angle brackets stay as typed.
 */
export function inUrl(vector: string): string {
  return vector.replace(/[\s\\\p{Cc}\u200B\u202E]/gu, (c) => encodeURIComponent(c));
}

export interface DomFinding {
  what: string;
  detail: string;
}

/**
 * Runs in the page: every element or attribute a vector would have created if it had become markup.
 * Event-handler attributes (React never writes one), script elements without the page's nonce,
 * elements no app page has (frames, objects, math, media, base, meta and link in the body), styles
 * carrying user text, and URL attributes with a script or data scheme; also every a[href] must be
 * http(s), mailto or same-page.
 */
export function inspectDom(): DomFinding[] {
  const findings: DomFinding[] = [];
  const show = (el: Element) => el.outerHTML.slice(0, 160);
  const URL_ATTRS = new Set(["href", "xlink:href", "src", "action", "formaction", "data", "srcdoc", "poster", "background", "codebase", "ping", "lowsrc", "dynsrc"]);
  const FOREIGN = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "math", "mglyph", "mtext", "base", "video", "audio", "source", "img", "marquee", "isindex", "animate", "set", "xss", "x:script", "noscript"]);
  const TEXT_ATTRS = new Set(["title", "value", "aria-label", "alt", "placeholder", "href"]);
  for (const el of Array.from(document.querySelectorAll("*"))) {
    const tag = el.tagName.toLowerCase();
    const inHead = el.closest("head") !== null;
    if (FOREIGN.has(tag)) findings.push({ what: `<${tag}> element`, detail: show(el) });
    if ((tag === "meta" || tag === "link") && !inHead) findings.push({ what: `<${tag}> in the body`, detail: show(el) });
    if (tag === "script") {
      const script = el as HTMLScriptElement;
      if (!script.nonce && script.type !== "application/ld+json") findings.push({ what: "script without the page's nonce", detail: show(el) });
    }
    if (tag === "style" && /xss/i.test(el.textContent ?? "")) findings.push({ what: "style with user text", detail: show(el) });
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const value = attr.value;
      if (name.startsWith("on")) findings.push({ what: `event handler attribute ${name}`, detail: show(el) });
      if (name === "style" && /xss|expression|javascript:|url\(/i.test(value)) findings.push({ what: "style attribute with user text", detail: show(el) });
      if (URL_ATTRS.has(name)) {
        const squeezed = value.replace(/[\s\p{Cc}]/gu, "").toLowerCase();
        // React's own placeholder for a form whose action is a function is the one script URL allowed.
        const reactFormGuard = name === "action" && tag === "form" && squeezed.startsWith("javascript:thrownewerror(") && !/xss/i.test(value);
        if (/^(javascript|vbscript|data):/.test(squeezed) && !reactFormGuard) findings.push({ what: `${name} with a script or data URL`, detail: show(el) });
      }
      if (!TEXT_ATTRS.has(name) && !name.startsWith("data-") && /xss/i.test(value)) {
        findings.push({ what: `user text in the ${name} attribute`, detail: show(el) });
      }
    }
  }
  for (const a of Array.from(document.querySelectorAll("a[href]"))) {
    const raw = a.getAttribute("href") ?? "";
    let protocol = "";
    try {
      protocol = new URL(raw, location.href).protocol;
    } catch {
      protocol = "unparsable";
    }
    if (!["http:", "https:", "mailto:"].includes(protocol)) findings.push({ what: `a[href] with ${protocol}`, detail: show(a) });
  }
  return findings;
}

/**
 * Runs in the page: which of `expected` are not shown as text, where text is what a reader sees (text
 * nodes outside scripts and styles) plus form values and titles. A vector that became markup would be
 * missing: its tags would have been eaten by the parser.
 */
export function missingText(expected: string[]): string[] {
  const parts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement?.tagName.toLowerCase();
    if (parent !== "script" && parent !== "style" && parent !== "template") parts.push((n as Text).data);
  }
  const seen = [parts.join(""), document.title];
  for (const field of Array.from(document.querySelectorAll("input, textarea"))) seen.push((field as HTMLInputElement).value);
  for (const el of Array.from(document.querySelectorAll("[title], [aria-label], a[href]"))) {
    seen.push(el.getAttribute("title") ?? "", el.getAttribute("aria-label") ?? "", el.getAttribute("href") ?? "");
  }
  return expected.filter((text) => !seen.some((s) => s.includes(text)));
}
