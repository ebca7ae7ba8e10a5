// Runs an import's matching (lib/core planImport) on a worker thread, outside any database transaction:
// matching a thousand near-miss quotes against a long article takes seconds of CPU, which must block
// neither other requests nor the audit lock.
//
// One entry file serves three runtimes. Inside Next.js (NEXT_RUNTIME is set), Turbopack sees the literal
// `new Worker(new URL("./plan-import.worker.ts", import.meta.url))` and compiles the worker as its own
// chunk. Under Vitest and the CLI (tsx) this module runs from its .ts source, and Node cannot load a
// .ts worker by itself, so a small bootstrap registers tsx in the worker first. (import.meta.url does
// not tell the two apart: Turbopack rewrites it to the source path, .ts included.) If a worker cannot
// be started at all, the same matching runs here in slices that yield to the event loop in between.
import { Worker } from "node:worker_threads";
import { planImport, type ImportPlan, type ImportedAnnotation } from "@/lib/core/annotation-import";

const TSX_BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
import("tsx/esm/api").then(({ register }) => { register(); return import(workerData.entry); });
`;

function startWorker(): Worker {
  if (process.env.NEXT_RUNTIME) return new Worker(new URL("./plan-import.worker.ts", import.meta.url));
  const entry = import.meta.url.replace(/\.ts$/, ".worker.ts");
  return new Worker(TSX_BOOTSTRAP, { eval: true, workerData: { entry } });
}

function onWorker(text: string, items: ImportedAnnotation[]): Promise<ImportPlan> {
  return new Promise((resolve, reject) => {
    const worker = startWorker();
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once("message", (plan: ImportPlan) => settle(() => resolve(plan)));
    worker.once("error", (error) => settle(() => reject(error)));
    worker.once("exit", (code) => settle(() => reject(new Error(`the import worker stopped (exit code ${code})`))));
    worker.postMessage({ text, items });
  });
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
