// The import's matching off the request's event loop: a worker thread gives the same plan as the pure
// core, and other work (here: a ticking counter) keeps running while a heavy file is matched.
import { describe, expect, it } from "vitest";
import { type ImportedAnnotation, planImport } from "@/lib/core/annotation-import";
import { SAMPLE_TEXT } from "@/lib/core/report/fixtures";
import { planImportInSlices, planImportOffThread } from "./plan-import";

const article = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}. ${SAMPLE_TEXT}`).join("\n\n");

/** Quotes from the article with a few letters changed: each needs the fuzzy search over all of it. */
function nearMisses(count: number): ImportedAnnotation[] {
  return Array.from({ length: count }, (_, i) => {
    const from = (i * 997) % (article.length - 400);
    const exact = article.slice(from, from + 300).replace(/e/g, "a");
    return { exact, prefix: "", suffix: "", sources: [] };
  });
}

async function ticksWhile<T>(work: Promise<T>): Promise<{ result: T; ticks: number }> {
  let ticks = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    ticks++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work;
  running = false;
  return { result, ticks };
}

describe("planImportOffThread", () => {
  it("gives exactly the core's plan, and leaves the event loop free meanwhile", async () => {
    const items = [...nearMisses(40), { exact: "Kremlin said", prefix: "", suffix: "", sources: [] }];
    const { result, ticks } = await ticksWhile(planImportOffThread(article, items));
    expect(result).toEqual(planImport(article, items));
    expect(result.counts.exact + result.counts.fuzzy + result.counts.unplaced).toBe(items.length);
    expect(ticks).toBeGreaterThan(0);
  });

  it("the fallback in slices gives the same plan and also yields", async () => {
    const items = nearMisses(20);
    const { result, ticks } = await ticksWhile(planImportInSlices(article, items, 0));
    expect(result).toEqual(planImport(article, items));
    expect(ticks).toBeGreaterThan(0);
  });
});
