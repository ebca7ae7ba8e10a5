// Worker-thread entry of lib/server/article-extract.ts: parses one large page with jsdom and Readability
// and posts back the article, or the refusal as plain data (an AppError does not survive the trip between
// threads as itself), so a heavy page never blocks the server's event loop.
import { parentPort } from "node:worker_threads";
import { extractArticleHere, type WorkerReply } from "./article-extract";
import { AppError } from "./errors";

const port = parentPort;
if (port) {
  port.on("message", (job: { html: string; pageUrl?: string }) => {
    port.postMessage(replyTo(job));
  });
}

function replyTo(job: { html: string; pageUrl?: string }): WorkerReply {
  try {
    return { article: extractArticleHere(job.html, job.pageUrl) };
  } catch (error) {
    if (error instanceof AppError) return { refusal: { code: error.code, message: error.message } };
    return { failure: error instanceof Error ? error.message : String(error) };
  }
}
