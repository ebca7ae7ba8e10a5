// Record ids: their form, and that none starts with "-" (1 in 64 did, and `--id <that id>` then failed
// in the CLI, which took it for an option; the CLI test failed that way once in 64 runs).
import { describe, expect, it } from "vitest";
import { newId } from "./ids";

describe("newId", () => {
  it("makes 22 URL-safe characters, none starting with a dash, all different", () => {
    const ids = Array.from({ length: 5_000 }, newId);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Every other first character still turns up: 5,000 draws over 63 of them.
    expect(new Set(ids.map((id) => id[0])).size).toBe(63);
  });
});
