// Expensive requests any viewer may make (PDF reports, reports over many articles, audit chain
// verification) run one at a time per user in this process: a second one while the first is running is
// refused with 429 `busy` and Retry-After, so one account cannot keep both cores busy with a loop.
import { AppError } from "./errors";

/** Seconds a refused client is told to wait before trying again. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

const running = new Map<string, string>();

/** Runs `work` as `userId`'s one heavy job, or throws AppError `busy` if another is still running. */
export async function asHeavyJob<T>(userId: string, what: string, work: () => Promise<T>): Promise<T> {
  const current = running.get(userId);
  if (current !== undefined) {
    throw new AppError("busy", `You already have ${current} in progress. Wait for it to finish, then try again.`, undefined, {
      retryAfter: BUSY_RETRY_AFTER_SECONDS,
    });
  }
  running.set(userId, what);
  try {
    return await work();
  } finally {
    running.delete(userId);
  }
}
