// Runs an import's matching (lib/core planImport) on a worker thread (lib/server/worker-thread.ts),
// outside any database transaction: matching a thousand near-miss quotes against a long article takes
// seconds of CPU, which must block neither other requests nor the audit lock. If a worker cannot be
// started at all, the same matching runs here in slices that yield to the event loop in between.
import { Worker } from "node:worker_threads";
import { planImport, type ImportPlan, type ImportedAnnotation } from "@/lib/core/annotation-import";
import { askWorker, startWorkerBeside } from "./worker-thread";

function onWorker(text: string, items: ImportedAnnotation[]): Promise<ImportPlan> {
  const worker = startWorkerBeside(import.meta.url, () => new Worker(new URL("./plan-import.worker.ts", import.meta.url)));
  return askWorker<ImportPlan>(worker, { text, items }, "import");
}

/** The fallback: one annotation at a time, giving the event loop a turn every few milliseconds. */
export async function planImportInSlices(text: string, items: ImportedAnnotation[], sliceMs = 10): Promise<ImportPlan> {
  const plan: ImportPlan = { placed: [], unplaced: [], counts: { exact: 0, fuzzy: 0, unplaced: 0 } };
  let sliceStart = performance.now();
  for (const item of items) {
    const one = planImport(text, [item]);
    plan.placed.push(...one.placed);
    plan.unplaced.push(...one.unplaced);
    plan.counts.exact += one.counts.exact;
    plan.counts.fuzzy += one.counts.fuzzy;
    plan.counts.unplaced += one.counts.unplaced;
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return plan;
}

let workerBroken = false;

/** Places the items in the text off the event loop; the result is exactly planImport's. */
export async function planImportOffThread(text: string, items: ImportedAnnotation[]): Promise<ImportPlan> {
  if (items.length === 0) return planImport(text, items);
  if (!workerBroken) {
    try {
      return await onWorker(text, items);
    } catch (error) {
      // Say so once, then keep importing the slower way rather than failing every import.
      workerBroken = true;
      console.warn("annotation import: the matching worker could not run; matching on the main thread in slices", error);
    }
  }
  return planImportInSlices(text, items);
}
