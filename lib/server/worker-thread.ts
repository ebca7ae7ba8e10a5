// Work that takes seconds of CPU runs on a worker thread, so it blocks neither other requests nor the
// audit lock (lib/server/plan-import.ts: an annotation import's matching; lib/server/article-extract.ts:
// parsing a large page). One entry file serves three runtimes. Inside Next.js (NEXT_RUNTIME is set),
// Turbopack compiles a worker only from the literal `new Worker(new URL("./x.worker.ts",
// import.meta.url))` in the calling module, so the caller passes that as `inNext`. Under Vitest and the
// CLI (tsx) modules run from their .ts source, and Node cannot load a .ts worker by itself, so a small
// bootstrap registers tsx in the worker first. (import.meta.url does not tell the two apart: Turbopack
// rewrites it to the source path, .ts included.)
import { Worker } from "node:worker_threads";

const TSX_BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
import("tsx/esm/api").then(({ register }) => { register(); return import(workerData.entry); });
`;

/** Starts the worker `<module>.worker.ts` that sits beside the module at `moduleUrl` (its import.meta.url). */
export function startWorkerBeside(moduleUrl: string, inNext: () => Worker): Worker {
  if (process.env.NEXT_RUNTIME) return inNext();
  return new Worker(TSX_BOOTSTRAP, { eval: true, workerData: { entry: moduleUrl.replace(/\.ts$/, ".worker.ts") } });
}

/**
 * Posts one message to the worker and settles with its first reply; or rejects with the worker's
 * error, with "stopped" when it exits without replying, or with `timeLimit.error()` when it takes
 * longer than `timeLimit.ms`. The worker is stopped whatever happens.
 */
export function askWorker<Reply>(worker: Worker, message: unknown, name: string, timeLimit?: { ms: number; error: () => Error }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = timeLimit ? setTimeout(() => settle(() => reject(timeLimit.error())), timeLimit.ms) : undefined;
    worker.once("message", (reply: Reply) => settle(() => resolve(reply)));
    worker.once("error", (error) => settle(() => reject(error)));
    worker.once("exit", (code) => settle(() => reject(new Error(`the ${name} worker stopped (exit code ${code})`))));
    worker.postMessage(message);
  });
}
