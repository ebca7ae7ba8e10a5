// Helpers of the malformed-payload battery (malformed.spec.ts): generators of bodies that the documented
// schemas must refuse, each built from a valid body plus exactly one mutation, and the raw argument
// encoding for the server actions (server-actions.ts calls them).
import fc from "fast-check";

// ---- JSON text ----

/** JSON text written as-is: numbers JSON.stringify cannot write (1e400, 9007199254740993) and deep nesting. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Serialises a body, keeping RawJson parts verbatim and own keys such as "__proto__" as keys. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value).map((key) => `${JSON.stringify(key)}:${toJsonText((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A copy of `body` with `key` set as an own, enumerable property, even for "__proto__". */
export function withKey(body: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(body)) Object.defineProperty(copy, k, { value: body[k], enumerable: true, writable: true, configurable: true });
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

export function without(body: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = withKey(body, key, undefined);
  delete copy[key];
  return copy;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// ---- the documented schemas, field by field ----

export type FieldSpec =
  /** A string; `blank` lists empty values it refuses ("" or whitespace, for text that must not be blank when given). */
  | { kind: "text"; max: number; required?: boolean; nullable?: boolean; blank?: readonly string[] }
  | { kind: "url"; required?: boolean; nullable?: boolean }
  | { kind: "date"; nullable?: boolean }
  | { kind: "enum"; values: readonly string[]; required?: boolean; nullable?: boolean }
  /** A whole number ≥ min; `version` fields compare with the row's current version (`current`). */
  | { kind: "int"; min: number; required?: boolean; version?: { current: number } };

export interface EndpointSpec {
  /** A body the endpoint accepts; every payload is this plus one mutation. */
  base: Record<string, unknown>;
  fields: Record<string, FieldSpec>;
}

/** What the server must answer: a status and the error code of the documented JSON error shape. */
export interface Expected {
  status: number;
  code: string;
}

export interface Payload {
  what: string;
  body: string;
  /** null: no Content-Type header at all. */
  contentType: string | null;
  expected: Expected;
}

const INVALID: Expected = { status: 400, code: "validation_failed" };
const BAD_JSON: Expected = { status: 400, code: "bad_request" };
const MEDIA_TYPE: Expected = { status: 415, code: "unsupported_media_type" };
const CONFLICT: Expected = { status: 409, code: "conflict" };
const JSON_TYPE = "application/json";

const json = (what: string, body: unknown, expected: Expected = INVALID): Payload => ({
  what,
  body: toJsonText(body),
  contentType: JSON_TYPE,
  expected,
});

/** A value of the right type that the field accepts, to carry NUL or a lone surrogate. */
function sampleValue(spec: FieldSpec): string {
  switch (spec.kind) {
    case "text":
      return "Probe text";
    case "url":
      return "https://example.org/probe";
    case "date":
      return "2024-01-02";
    case "enum":
      return spec.values[0]!;
    case "int":
      return "1";
  }
}

const notAString = fc.oneof(
  fc.integer().map((n) => ({ what: `number ${n}`, value: n })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => ({ what: `number ${n}`, value: n })),
  fc.boolean().map((b) => ({ what: `boolean ${b}`, value: b })),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }).map((a) => ({ what: "array", value: a })),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }).map((o) => ({ what: "object", value: o })),
);

const notANumber = fc.oneof(
  fc.constantFrom("1", "0", "NaN", "2147483648", "1e10", "", "Infinity", "-1").map((s) => ({ what: `string ${JSON.stringify(s)}`, value: s })),
  fc.string({ maxLength: 10 }).map((s) => ({ what: "string", value: s })),
  fc.boolean().map((b) => ({ what: `boolean ${b}`, value: b })),
  fc.constantFrom<unknown>([], [1], {}, { value: 1 }).map((v) => ({ what: "array or object", value: v })),
);

/** Links the http(s) rule refuses: other schemes, no host, spaces, backslashes, controls. */
const BAD_URLS = [
  "javascript:alert(1)",
  "JavaScript:alert(document.cookie)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "ftp://example.org/file",
  "mailto:someone@example.org",
  "http:///x",
  "https:///",
  "http:/x",
  "http:x",
  "https:example.org",
  "//example.org/x",
  "example.org/x",
  "http://",
  "http://:80/",
  "http://?x",
  "http://#x",
  "http:// example.org/",
  "http://exa mple.org/",
  "http://example.org/a b",
  "http://exa\tmple.org/",
  "http://a\\b.example.org/",
  "http://\\\\example.org/",
  "http://[::1/",
];
const badUrl = fc.oneof(
  fc.constantFrom(...BAD_URLS),
  fc
    .tuple(fc.constantFrom("javascript", "data", "vbscript", "file", "ftp", "blob", "about", "ws", "wss", "tel", "chrome", "gopher"), fc.string({ maxLength: 30 }))
    .map(([scheme, rest]) => `${scheme}:${rest}`),
);

/** Dates that are no YYYY-MM-DD calendar date (a year 0000 is left out: it is a real ISO date). */
const badDate = fc.oneof(
  fc.constantFrom("2023-02-29", "2024-02-30", "2024-04-31", "2024-1-02", "2024-01-2", "24-01-02", "20240102", "2024/01/02", "02/01/2024", "2024-01-02T00:00:00Z", "yesterday", "２０２４-01-02", "+02024-01-02", "2024-01-02x"),
  fc
    .record({ y: fc.integer({ min: 1000, max: 9999 }), m: fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })), d: fc.integer({ min: 1, max: 28 }) })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
  fc
    .record({ y: fc.integer({ min: 1000, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.oneof(fc.constant(0), fc.integer({ min: 32, max: 99 })) })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
);

function insertAt(text: string, at: number, piece: string) {
  const i = at % (text.length + 1);
  return text.slice(0, i) + piece + text.slice(i);
}

/** Values one field must refuse, each with what it is. */
function badValues(name: string, spec: FieldSpec): fc.Arbitrary<{ what: string; value: unknown; expected?: Expected }> {
  const label = (what: string) => `${name}: ${what}`;
  const options: fc.Arbitrary<{ what: string; value: unknown; expected?: Expected }>[] = [];
  const nullable = "nullable" in spec && spec.nullable === true;
  if (!nullable) options.push(fc.constant({ what: label("null"), value: null }));
  if (spec.kind === "int") {
    options.push(notANumber.map((v) => ({ what: label(v.what), value: v.value })));
    options.push(
      fc.integer({ min: -2147483649, max: spec.min - 1 }).map((n) => ({ what: label(`${n} below ${spec.min}`), value: n })),
      fc
        .double({ min: -1e6, max: 1e6, noNaN: true })
        .filter((n) => !Number.isInteger(n))
        .map((n) => ({ what: label(`non-integer ${n}`), value: n })),
      fc.constantFrom("1e400", "-1e400", "1e20", "9007199254740993", "-0.5", "1.5").map((t) => ({ what: label(`number ${t}`), value: new RawJson(t) })),
    );
    if (spec.version) {
      const current = spec.version.current;
      options.push(
        fc
          .oneof(fc.integer({ min: 1, max: 2147483647 }), fc.constantFrom(2147483648, 1e10, Number.MAX_SAFE_INTEGER))
          .filter((n) => n !== current)
          .map((n) => ({ what: label(`stale version ${n} (current ${current})`), value: n, expected: CONFLICT })),
      );
    }
    return fc.oneof(...options);
  }
  options.push(notAString.map((v) => ({ what: label(v.what), value: v.value })));
  const valid = sampleValue(spec);
  options.push(
    fc.nat().map((at) => ({ what: label("NUL inside"), value: insertAt(valid, at, "\u0000") })),
    fc
      .tuple(fc.nat(), fc.integer({ min: 0xd800, max: 0xdfff }))
      .map(([at, unit]) => ({ what: label(`lone surrogate \\u${unit.toString(16)}`), value: insertAt(valid, at, String.fromCharCode(unit)) })),
  );
  switch (spec.kind) {
    case "text":
      options.push(
        fc
          .tuple(fc.integer({ min: 1, max: 2000 }), fc.constantFrom("a", "Z", "é", "字", "-"))
          .map(([extra, ch]) => ({ what: label(`${spec.max + extra} characters (max ${spec.max})`), value: ch.repeat(spec.max + extra) })),
      );
      if (spec.blank?.length) options.push(fc.constantFrom(...spec.blank).map((v) => ({ what: label(`blank ${JSON.stringify(v)}`), value: v })));
      break;
    case "url":
      options.push(
        badUrl.map((v) => ({ what: label(`link ${JSON.stringify(v.slice(0, 60))}`), value: v })),
        fc.integer({ min: 1, max: 2000 }).map((extra) => {
          const head = "https://example.org/";
          return { what: label(`link of ${2000 + extra} characters`), value: head + "a".repeat(2000 - head.length + extra) };
        }),
      );
      if (spec.required) options.push(fc.constant({ what: label("empty link"), value: "" }));
      break;
    case "date":
      options.push(badDate.map((v) => ({ what: label(`date ${JSON.stringify(v)}`), value: v })));
      break;
    case "enum": {
      const values = spec.values;
      options.push(
        fc
          .string({ maxLength: 20 })
          .filter((v) => !values.includes(v))
          .map((v) => ({ what: label(`unknown value ${JSON.stringify(v)}`), value: v })),
        fc
          .constantFrom(...values)
          .chain((v) => fc.constantFrom(v.toUpperCase(), v[0]!.toUpperCase() + v.slice(1), ` ${v}`, `${v} `, `${v}s`, v.replaceAll("_", " ")))
          .filter((v) => !values.includes(v))
          .map((v) => ({ what: label(`near miss ${JSON.stringify(v)}`), value: v })),
        fc.constantFrom("__proto__", "constructor", "toString", "none", "null").filter((v) => !values.includes(v)).map((v) => ({ what: label(`value ${v}`), value: v })),
      );
      break;
    }
  }
  return fc.oneof(...options);
}

/** Deeply nested arrays or objects as JSON text (the parser must cope, the schema must refuse). */
const nested = (min: number, max: number) =>
  fc.tuple(fc.integer({ min, max }), fc.boolean()).map(([depth, arrays]) => ({
    what: `${arrays ? "arrays" : "objects"} nested ${depth} deep`,
    value: new RawJson(arrays ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth)),
  }));
const deepNesting = nested(500, 20_000);

/** Content types other than application/json (null: no header at all). */
const badContentType = fc.constantFrom<string | null>(
  null,
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "text/json",
  "application/jsonp",
  "application/json-patch+json",
  "application/ld+json",
  "application/x-json",
  "json",
  "*/*",
);

/** JSON text that does not parse, made from the valid body's own text. */
function brokenJson(validText: string): fc.Arbitrary<Payload> {
  const broken = fc.oneof(
    fc.integer({ min: 0, max: validText.length - 1 }).map((n) => ({ what: `cut after ${n} characters`, text: validText.slice(0, n) })),
    fc
      .tuple(fc.nat(), fc.constantFrom(",", ":", "{", "}", "[", "]", "'", '"', "\\", "x", "undefined", "NaN", "\u0000"))
      .map(([at, piece]) => ({ what: `${JSON.stringify(piece)} inserted`, text: insertAt(validText, at, piece) })),
    fc.constantFrom(
      { what: "trailing comma", text: `${validText.slice(0, -1)},}` },
      { what: "single quotes", text: validText.replaceAll('"', "'") },
      { what: "byte order mark", text: `\ufeff${validText}` },
      { what: "two documents", text: `${validText}${validText}` },
      { what: "a comment", text: `// note\n${validText}` },
      { what: "empty body", text: "" },
      { what: "whitespace only", text: " \n\t " },
      { what: "NaN", text: "NaN" },
      { what: "undefined", text: "undefined" },
      { what: "unquoted keys", text: validText.replace(/"([A-Za-z]+)":/g, "$1:") },
    ),
  );
  return broken.filter((b) => !parses(b.text)).map((b) => ({ what: `broken JSON: ${b.what}`, body: b.text, contentType: JSON_TYPE, expected: BAD_JSON }));
}

/** A key the schema does not have. */
function unknownKey(known: string[]) {
  return fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 20 }),
      fc.constantFrom("id", "version", "createdById", "authorId", "articleId", "claimId", "deletedAt", "createdAt", "role", "admin", "Title", "URL", "isAdmin"),
    )
    .filter((k) => !known.includes(k) && k !== "__proto__");
}

export interface MalformedValue {
  what: string;
  value: unknown;
  expected: Expected;
}

const value = (what: string, v: unknown, expected: Expected = INVALID): MalformedValue => ({ what, value: v, expected });

/**
 * Bodies (as values) one JSON write endpoint must refuse: the valid base body with one mutation the
 * documented schema refuses, or something else than an object in its place.
 */
export function malformedValues(
  spec: EndpointSpec,
  transport: {
    /** The deepest nesting the transport itself decodes (a server action's reply decoder recurses). */
    maxDepth?: number;
    /** The transport drops "__proto__" keys (a server action's arguments): only a required field moved in there is refused. */
    dropsProtoKey?: boolean;
  } = {},
): fc.Arbitrary<MalformedValue> {
  const { base, fields } = spec;
  const deepNesting = nested(Math.min(500, transport.maxDepth ?? 500), transport.maxDepth ?? 20_000);
  const names = Object.keys(fields);
  const required = names.filter((n) => "required" in fields[n]! && fields[n].required === true);
  const arbitraries: fc.WeightedArbitrary<MalformedValue>[] = [
    // One field given a value its schema refuses.
    {
      weight: 14,
      arbitrary: fc
        .constantFrom(...names)
        .chain((name) => badValues(name, fields[name]!).map((v) => ({ name, ...v })))
        .map((v) => value(v.what, withKey(base, v.name, v.value), v.expected ?? INVALID)),
    },
    // A field the schema does not know.
    {
      weight: 2,
      arbitrary: fc
        .tuple(unknownKey(names), fc.jsonValue({ maxDepth: 2 }))
        .map(([key, v]) => value(`unknown field ${JSON.stringify(key)}`, withKey(base, key, v))),
    },
    // "__proto__", "constructor" or "prototype" carrying fields (a required one moved in there when there is one).
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom("__proto__", "constructor", "prototype"), fc.constantFrom(...names))
        .filter(([key, name]) => !(transport.dropsProtoKey && key === "__proto__" && !required.includes(name)))
        .map(([key, name]) => {
        const inner = withKey({}, name, name in base ? base[name] : sampleValue(fields[name]!));
        const moved = required.includes(name) ? without(base, name) : base;
        return value(`${name} inside "${key}"`, withKey(moved, key, inner));
      }),
    },
    // Something else than an object as the body.
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constantFrom<unknown>(null, [], [base], true, false, 0, -1, 1.5, "", "title", [[]]).map((v) => value(`body ${toJsonText(v).slice(0, 40)}`, v)),
          fc.string({ maxLength: 30 }).map((s) => value("body a string", s)),
          deepNesting.map((d) => value(`body of ${d.what}`, d.value)),
        ),
    },
    // Deep nesting where a field's value goes.
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...names), deepNesting).map(([name, d]) => value(`${name}: ${d.what}`, withKey(base, name, d.value))),
    },
  ];
  if (required.length) {
    arbitraries.push(
      { weight: 1, arbitrary: fc.constantFrom(...required).map((name) => value(`${name} missing`, without(base, name))) },
      { weight: 1, arbitrary: fc.constant(value("empty object", {})) },
    );
  }
  return fc.oneof(...arbitraries);
}

/** The same bodies as JSON requests, plus the valid body sent with another content type or as broken JSON. */
export function malformedPayloads(spec: EndpointSpec): fc.Arbitrary<Payload> {
  const baseText = toJsonText(spec.base);
  return fc.oneof(
    { weight: 10, arbitrary: malformedValues(spec).map((v) => json(v.what, v.value, v.expected)) },
    {
      weight: 1,
      arbitrary: badContentType.map((type) => ({ what: `content type ${type ?? "(none)"}`, body: baseText, contentType: type, expected: MEDIA_TYPE })),
    },
    { weight: 1, arbitrary: brokenJson(baseText) },
  );
}

/** Keys that make a body an annotation file; bodies without them hold no annotation. */
const ANNOTATION_KEYS = ["annotations", "rows", "type", "target", "@context", "first", "items", "uri", "user", "total"];

/**
 * Payloads for the annotation import: well-formed JSON that holds no annotation at all (422
 * not_importable), more annotations than the cap, and an annotation file sent wrong.
 */
export function malformedImports(validAnnotation: Record<string, unknown>): fc.Arbitrary<Payload> {
  const NOT_IMPORTABLE: Expected = { status: 422, code: "not_importable" };
  const noAnnotation = (what: string, value: unknown) => json(what, value, NOT_IMPORTABLE);
  const plainKey = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !ANNOTATION_KEYS.includes(k) && k !== "__proto__");
  const plainObject = fc.dictionary(plainKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 });
  const baseText = toJsonText(validAnnotation);
  return fc.oneof(
    {
      weight: 2,
      arbitrary: fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 40 })).map((v) =>
        noAnnotation(`body ${toJsonText(v).slice(0, 40)}`, v),
      ),
    },
    {
      weight: 3,
      arbitrary: fc
        .array(fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 20 }), fc.array(fc.integer(), { maxLength: 3 }), plainObject), { maxLength: 8 })
        .map((list) => noAnnotation(`a list of ${list.length} things that are no annotation`, list)),
    },
    { weight: 3, arbitrary: plainObject.map((o) => noAnnotation(`an object with keys ${JSON.stringify(Object.keys(o))}`, o)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom("AnnotationCollection", "AnnotationPage"), fc.constantFrom<unknown>([], "https://example.org/page/1", null, 3))
        .map(([type, first]) => noAnnotation(`an empty ${type}`, { type, first, items: [] })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("__proto__", "constructor").map((key) => noAnnotation(`an annotation inside "${key}"`, withKey({}, key, validAnnotation))),
    },
    { weight: 1, arbitrary: deepNesting.map((d) => noAnnotation(`body of ${d.what}`, d.value)) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 5001, max: 5100 }).map((n) => noAnnotation(`${n} annotations (over the cap of 5,000)`, Array.from({ length: n }, () => validAnnotation))),
    },
    {
      weight: 2,
      arbitrary: badContentType.map((type) => ({ what: `content type ${type ?? "(none)"}`, body: baseText, contentType: type, expected: MEDIA_TYPE })),
    },
    { weight: 2, arbitrary: brokenJson(baseText) },
  );
}

// ---- server actions, called as the browser's form would ----

/**
 * Arguments for a server action with raw JSON pieces kept as they are (broken text, deep nesting,
 * `__proto__` keys): strings that start with "$" are escaped as "$$", as React's reply encoder does.
 */
export function encodeRawActionArgs(args: unknown[]): string {
  const escape = (value: unknown): unknown => {
    if (value instanceof RawJson) return value;
    if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
    if (Array.isArray(value)) return value.map(escape);
    if (value !== null && typeof value === "object") {
      let copy: Record<string, unknown> = {};
      for (const key of Object.keys(value)) copy = withKey(copy, key, escape((value as Record<string, unknown>)[key]));
      return copy;
    }
    return value;
  };
  return toJsonText(args.map(escape));
}
