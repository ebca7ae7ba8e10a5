// RFC 8785 JSON Canonicalization Scheme: one byte-exact JSON text per value, so audit hashes can be
// recomputed by any JCS implementation. Values are read as JSON.stringify reads them (toJSON, omitted
// undefined/function properties), except that non-finite numbers and BigInt are rejected.

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, ECMAScript number and string
 * serialisation. Throws TypeError on non-finite numbers, BigInt, cycles or a top-level value JSON cannot
 * represent.
 */
export function canonicalJson(value: unknown): string {
  const out = serialize(value, "", new Set());
  if (out === undefined) throw new TypeError(`canonicalJson: ${typeof value} has no JSON representation`);
  return out;
}

function serialize(input: unknown, key: string, ancestors: Set<object>): string | undefined {
  let value = input;
  if (typeof value === "object" && value !== null && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a finite number`);
      return JSON.stringify(value);
    case "bigint":
      throw new TypeError("canonicalJson: BigInt cannot be serialised");
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return "null";

  const object = value as object;
  if (ancestors.has(object)) throw new TypeError("canonicalJson: cyclic structure");
  ancestors.add(object);
  let out: string;
  if (Array.isArray(object)) {
    out = `[${object.map((item: unknown, i) => serialize(item, String(i), ancestors) ?? "null").join(",")}]`;
  } else {
    if (object instanceof Number || object instanceof String || object instanceof Boolean) {
      ancestors.delete(object);
      return serialize(object.valueOf(), key, ancestors);
    }
    const record = object as Record<string, unknown>;
    const members: string[] = [];
    // Default sort compares UTF-16 code units, which is exactly the order RFC 8785 prescribes.
    for (const k of Object.keys(record).sort()) {
      const member = serialize(record[k], k, ancestors);
      if (member !== undefined) members.push(`${JSON.stringify(k)}:${member}`);
    }
    out = `{${members.join(",")}}`;
  }
  ancestors.delete(object);
  return out;
}
