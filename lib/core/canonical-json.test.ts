// Tests for RFC 8785 canonical JSON, using the examples from the RFC.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

describe("canonicalJson", () => {
  it("matches the RFC 8785 section 3.2.2 example", () => {
    const input: unknown = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("sorts keys by UTF-16 code units (RFC 8785 section 3.2.3)", () => {
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    const keys = Object.keys(JSON.parse(canonicalJson(input)) as object);
    expect(canonicalJson(input).startsWith('{"\\r":"Carriage Return","1":"One","\u0080":')).toBe(true);
    const order = ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"];
    expect(canonicalJson(input)).toBe(`{${order.map((k) => `${JSON.stringify(k)}:${JSON.stringify(input[k as keyof typeof input])}`).join(",")}}`);
    expect(new Set(keys)).toEqual(new Set(order));
  });

  it("serialises numbers in ECMAScript shortest form (RFC 8785 appendix B)", () => {
    const cases: Array<[number, string]> = [
      [0, "0"],
      [-0, "0"],
      [5e-324, "5e-324"],
      [1.7976931348623157e308, "1.7976931348623157e+308"],
      [9007199254740992, "9007199254740992"],
      [295147905179352830000, "295147905179352830000"],
      [1e21, "1e+21"],
      [0.000001, "0.000001"],
      [1e-7, "1e-7"],
      [-1.5, "-1.5"],
    ];
    for (const [n, text] of cases) expect(canonicalJson(n)).toBe(text);
  });

  it("omits undefined properties, applies toJSON and rejects what JSON cannot carry", () => {
    expect(canonicalJson({ b: undefined, a: new Date(Date.UTC(2024, 0, 2)), c: [undefined] })).toBe(
      '{"a":"2024-01-02T00:00:00.000Z","c":[null]}',
    );
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ x: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it("survives a JSON round trip and ignores key insertion order (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(text).not.toMatch(/^\s|\s$/);
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
    );
  });
});

describe("canonicalJson details", () => {
  it("sorts keys by UTF-16 code units at every level and keeps array order", () => {
    const input = { b: [3, 1, { z: 1, Z: 2 }], a: { "\u00e9": 1, z: 2, aa: 3, a: 4, "": 5, B: 6 } };
    expect(canonicalJson(input)).toBe('{"a":{"":5,"B":6,"a":4,"aa":3,"z":2,"é":1},"b":[3,1,{"Z":2,"z":1}]}');
    // U+1F600 is stored as the surrogates D83D DE00, which sort before U+FB33 though its code point is larger.
    expect(canonicalJson({ "\ufb33": 1, "\ud83d\ude00": 2 })).toBe('{"😀":2,"דּ":1}');
    expect(canonicalJson([])).toBe("[]");
    expect(canonicalJson({})).toBe("{}");
    expect(canonicalJson([[], [[null]], {}])).toBe("[[],[[null]],{}]");
  });

  it("writes integers in full below 1e21, exponents from 1e21 and below 1e-6, and -0 as 0", () => {
    const cases: Array<[number, string]> = [
      [100, "100"],
      [-42, "-42"],
      [1e20, "100000000000000000000"],
      [-1e21, "-1e+21"],
      [123e-20, "1.23e-18"],
      [-1e-7, "-1e-7"],
      [0.1 + 0.2, "0.30000000000000004"],
      [1 / 3, "0.3333333333333333"],
    ];
    for (const [n, text] of cases) expect(canonicalJson(n)).toBe(text);
    expect(canonicalJson({ z: -0, a: [-0] })).toBe('{"a":[0],"z":0}');
  });

  it("escapes quotes, backslashes and control characters only, short forms where JSON has them", () => {
    expect(canonicalJson("\u0000\u0001\b\t\n\u000b\f\r\u001f \u007f\"\\/")).toBe(
      '"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f \u007f\\"\\\\/"',
    );
    // U+2028 and U+2029 are valid in JSON text and stay as they are; so do non-ASCII letters.
    expect(canonicalJson("a\u2028b\u2029c\u00e9")).toBe('"a\u2028b\u2029c\u00e9"');
    // Lone surrogates are written as escapes, as well-formed JSON.stringify does.
    expect(canonicalJson("\ud800x\udfff")).toBe('"\\ud800x\\udfff"');
    expect(canonicalJson({ "\n": "k" })).toBe('{"\\n":"k"}');
  });

  it("passes toJSON the property name, the array index, or an empty key at the top level", () => {
    const echo = { toJSON: (key: string) => `key=${key}` };
    expect(canonicalJson(echo)).toBe('"key="');
    expect(canonicalJson({ p: echo })).toBe('{"p":"key=p"}');
    expect(canonicalJson([echo, echo])).toBe('["key=0","key=1"]');
  });

  it("unwraps Number, String and Boolean objects like JSON.stringify", () => {
    expect(canonicalJson(new Number(1e21))).toBe("1e+21");
    expect(canonicalJson(new String("a\n"))).toBe('"a\\n"');
    expect(canonicalJson(new Boolean(false))).toBe("false");
    expect(canonicalJson({ s: new String("x"), n: new Number(-0), b: new Boolean(true) })).toBe('{"b":true,"n":0,"s":"x"}');
    expect(() => canonicalJson(new Number(Number.NaN))).toThrow("canonicalJson: NaN is not a finite number");
  });

  it("drops function and symbol members from objects and writes them as null in arrays", () => {
    expect(canonicalJson({ f: () => 1, s: Symbol("s"), u: undefined, a: 1 })).toBe('{"a":1}');
    expect(canonicalJson([() => 1, Symbol("s"), undefined])).toBe("[null,null,null]");
    expect(canonicalJson({ nested: { f: () => 1 } })).toBe('{"nested":{}}');
  });

  it("refuses what JSON cannot carry with a TypeError naming the problem", () => {
    const cases: Array<[unknown, string]> = [
      [undefined, "canonicalJson: undefined has no JSON representation"],
      [() => 1, "canonicalJson: function has no JSON representation"],
      [Symbol("s"), "canonicalJson: symbol has no JSON representation"],
      [Number.NaN, "canonicalJson: NaN is not a finite number"],
      [{ x: Infinity }, "canonicalJson: Infinity is not a finite number"],
      [[-Infinity], "canonicalJson: -Infinity is not a finite number"],
      [1n, "canonicalJson: BigInt cannot be serialised"],
      // Nested BigInt is refused too, not dropped like undefined.
      [{ big: 1n }, "canonicalJson: BigInt cannot be serialised"],
      [[1n], "canonicalJson: BigInt cannot be serialised"],
    ];
    for (const [value, message] of cases) {
      // An error instance checks both the class and the exact message.
      expect(() => canonicalJson(value)).toThrow(new TypeError(message));
    }
  });

  it("refuses cycles through objects and arrays", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    const list: unknown[] = [1];
    list.push([list]);
    for (const value of [cyclic, list]) {
      // An error instance checks both the class and the exact message.
      expect(() => canonicalJson(value)).toThrow(new TypeError("canonicalJson: cyclic structure"));
    }
  });
});
