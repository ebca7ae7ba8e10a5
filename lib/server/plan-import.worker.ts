// Worker-thread entry of lib/server/plan-import.ts: places one import's annotations in the article's
// text (the pure core's planImport) and posts the plan back, so a long fuzzy search never blocks the
// server's event loop. It receives only plain strings (the article and the parsed items).
import { parentPort } from "node:worker_threads";
import { planImport, type ImportedAnnotation } from "@/lib/core/annotation-import";

const port = parentPort;
if (port) {
  port.on("message", (job: { text: string; items: ImportedAnnotation[] }) => {
    port.postMessage(planImport(job.text, job.items));
  });
}
