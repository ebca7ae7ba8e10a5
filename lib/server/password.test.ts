// Password hashing: the stored format, verification against a hash made once (not by the code under
// test in this run), refusal of anything malformed, and Unicode-equal passwords treated as equal.
import { describe, expect, it } from "vitest";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password";
import { TEST_PASSWORD } from "./test-databases";

/** TEST_PASSWORD hashed once, earlier, with scrypt at the app's parameters. */
const TEST_PASSWORD_HASH = "scrypt$17$8$1$c7ddyoliFWU4SeUF6yLJKw==$PlESksB9X0BoYkLlnFg/q2Rl32uXyhp9KBjUMxw4Xqo=";

describe("passwords", () => {
  it("verifies a password against a hash stored earlier, and refuses any other password", async () => {
    expect(await verifyPassword(TEST_PASSWORD, TEST_PASSWORD_HASH)).toBe(true);
    for (const wrong of ["correct horse batterY", "correct horse battery ", "", "correct horse"]) {
      expect(await verifyPassword(wrong, TEST_PASSWORD_HASH)).toBe(false);
    }
  });

  it("stores scrypt with N=2^17, r=8, p=1, a 16-byte salt and a 32-byte key, salted anew each time", async () => {
    const a = await hashPassword("a long enough passphrase");
    const b = await hashPassword("a long enough passphrase");
    const parts = a.split("$");
    expect(parts.slice(0, 4)).toEqual(["scrypt", "17", "8", "1"]);
    expect(Buffer.from(parts[4]!, "base64")).toHaveLength(16);
    expect(Buffer.from(parts[5]!, "base64")).toHaveLength(32);
    expect(parts).toHaveLength(6);
    expect(a).not.toBe(b);
    expect(await verifyPassword("a long enough passphrase", a)).toBe(true);
    expect(await verifyPassword("a long enough passphrase", b)).toBe(true);
  });

  it("treats the composed and decomposed forms of the same letters as the same password", async () => {
    const composed = "café crème brûlée";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it("refuses stored values that are not a complete scrypt hash", async () => {
    const [, logN, r, p, salt, key] = TEST_PASSWORD_HASH.split("$");
    const variants = [
      "",
      "plain text",
      ["bcrypt", logN, r, p, salt, key].join("$"),
      ["scrypt", "", r, p, salt, key].join("$"),
      ["scrypt", logN, "", p, salt, key].join("$"),
      ["scrypt", logN, r, "", salt, key].join("$"),
      ["scrypt", logN, r, p, "", key].join("$"),
      ["scrypt", logN, r, p, salt, ""].join("$"),
      ["scrypt", logN, r, p, salt].join("$"),
      // Another key length, or other parameters, give another key: not equal.
      ["scrypt", logN, r, p, salt, Buffer.from(key!, "base64").subarray(0, 16).toString("base64")].join("$"),
      ["scrypt", "16", r, p, salt, key].join("$"),
    ];
    for (const stored of variants) expect(await verifyPassword(TEST_PASSWORD, stored)).toBe(false);
  });

  it("keeps one dummy hash to verify against for unknown emails, which no password matches", async () => {
    const first = await dummyPasswordHash();
    expect(await dummyPasswordHash()).toBe(first);
    expect(first.split("$").slice(0, 4)).toEqual(["scrypt", "17", "8", "1"]);
    expect(await verifyPassword("", first)).toBe(false);
    expect(await verifyPassword(TEST_PASSWORD, first)).toBe(false);
  });
});
