// The diff's engine on its own: Myers' edit script checked against the textbook answer (the longest
// common subsequence) on small random sequences.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { editScript } from "./word-diff";

describe("editScript (Myers)", () => {
  /** The fewest inserts and deletes that turn a into b: n + m - 2 × their longest common subsequence. */
  function fewestEdits(a: readonly number[], b: readonly number[]): number {
    const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        lcs[i]![j] = a[i - 1] === b[j - 1] ? lcs[i - 1]![j - 1]! + 1 : Math.max(lcs[i - 1]![j]!, lcs[i]![j - 1]!);
      }
    }
    return a.length + b.length - 2 * lcs[a.length]![b.length]!;
  }

  /** Plays a script on a: the items it keeps and inserts, in order; null when it does not fit a and b. */
  function play(a: readonly number[], b: readonly number[], script: readonly string[]): number[] | null {
    let i = 0;
    let j = 0;
    const out: number[] = [];
    for (const step of script) {
      if (step === "equal") {
        if (a[i] !== b[j] || i >= a.length) return null;
        out.push(a[i]!);
        i++;
        j++;
      } else if (step === "delete") {
        if (i >= a.length) return null;
        i++;
      } else if (step === "insert") {
        if (j >= b.length) return null;
        out.push(b[j]!);
        j++;
      } else return null;
    }
    return i === a.length && j === b.length ? out : null;
  }

  const items = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 12 });

  test("turns a into b with the fewest inserts and deletes", () => {
    fc.assert(
      fc.property(items, items, (a, b) => {
        const script = editScript(a, b, a.length + b.length);
        expect(script).not.toBeNull();
        expect(play(a, b, script!)).toEqual(b);
        expect(script!.filter((s) => s !== "equal").length).toBe(fewestEdits(a, b));
      }),
    );
  });

  test("gives up (null) exactly when more edits are needed than allowed", () => {
    fc.assert(
      fc.property(items, items, fc.nat(8), (a, b, max) => {
        const script = editScript(a, b, max);
        if (fewestEdits(a, b) > max) expect(script).toBeNull();
        else expect(script!.filter((s) => s !== "equal").length).toBe(fewestEdits(a, b));
      }),
    );
  });

  test("small cases by hand", () => {
    expect(editScript([], [], 0)).toEqual([]);
    expect(editScript([1, 2, 3], [1, 2, 3], 0)).toEqual(["equal", "equal", "equal"]);
    expect(editScript([1], [2], 1)).toBeNull();
    expect(editScript([1, 2], [2, 1], 2)?.filter((s) => s !== "equal")).toHaveLength(2);
  });
});
