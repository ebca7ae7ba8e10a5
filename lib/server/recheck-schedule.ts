// The server's own re-check of articles' web pages (FACTCHECK_RECHECK_MINUTES): every article with a web
// address whose page was not read within the period is fetched again (lib/server/article-import
// recheckArticle); a changed text becomes a revision with origin "recheck" and no person as its author.
//
// Several server processes may share one database, so an article is taken before it is fetched: its
// ArticleCheck row's time is moved from what was read to now with a compare-and-set (or the row is
// created, which only one process can do), and a process that loses that race leaves the article to the
// winner. One article at a time per process, one run at a time: a run never fetches two pages at once,
// and a slow site delays the schedule rather than piling runs up. The time kept in the database also
// means a restart does not fetch every page again.
import { recheckArticle, type RecheckReport } from "./article-import";
import { db, isWriteConflict } from "./db";
import { AppError } from "./errors";
import type { FetchPageOptions } from "./web-fetch";

/** The article whose page is most overdue for a check, with the check time the claim must replace. */
async function nextDue(cutoff: Date, skip: string[]): Promise<{ id: string; title: string; checkedAt: Date | null } | null> {
  const never = await db().article.findFirst({
    where: { id: { notIn: skip }, url: { not: null }, check: { is: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true },
  });
  if (never) return { ...never, checkedAt: null };
  const oldest = await db().articleCheck.findFirst({
    where: { articleId: { notIn: skip }, checkedAt: { lte: cutoff }, article: { url: { not: null } } },
    orderBy: { checkedAt: "asc" },
    select: { checkedAt: true, article: { select: { id: true, title: true } } },
  });
  return oldest ? { ...oldest.article, checkedAt: oldest.checkedAt } : null;
}

/** Takes an article for this process: true when no other process took it since `previous` was read. */
async function take(articleId: string, previous: Date | null, now: Date): Promise<boolean> {
  if (previous === null) {
    try {
      await db().articleCheck.create({ data: { articleId, checkedAt: now } });
      return true;
    } catch (error) {
      // Another process created the row first (or the article is gone).
      if (isWriteConflict(error)) return false;
      throw error;
    }
  }
  const { count } = await db().articleCheck.updateMany({ where: { articleId, checkedAt: previous }, data: { checkedAt: now } });
  return count === 1;
}

/** Pages a run looks at, at most: the next run, a minute later, goes on with the rest. */
export const MAX_PER_RUN = 200;

/**
 * One scheduled run: re-checks, one after another, every article whose page was last read `periodMinutes`
 * or more ago (or never), reporting each. A page that cannot be read is reported and noted on the
 * article (and tried again a period later); the run goes on. At most `limit` pages a run, so a run's
 * work is bounded however many articles a desk has. `now` gives the run's clock (tests).
 */
export async function runDueRechecks(
  periodMinutes: number,
  options: { now?: () => Date; fetch?: FetchPageOptions; onReport?: (report: RecheckReport) => void; limit?: number } = {},
): Promise<RecheckReport[]> {
  const now = options.now ?? (() => new Date());
  const limit = options.limit ?? MAX_PER_RUN;
  const reports: RecheckReport[] = [];
  // Each article once per run, whether this process took it or another did (whatever the clocks say).
  const seen: string[] = [];
  while (seen.length < limit) {
    const started = now();
    const due = await nextDue(new Date(started.getTime() - periodMinutes * 60_000), seen);
    if (!due) break;
    seen.push(due.id);
    if (!(await take(due.id, due.checkedAt, started))) continue;
    let report: RecheckReport;
    try {
      report = { articleId: due.id, title: due.title, ...(await recheckArticle(null, due.id, options.fetch, started)) };
    } catch (error) {
      // The article was deleted or lost its address since it was taken: nothing to report.
      if (error instanceof AppError && (error.code === "not_found" || error.code === "validation_failed")) continue;
      if (!(error instanceof AppError)) throw error;
      report = { articleId: due.id, title: due.title, failed: error.message };
    }
    reports.push(report);
    options.onReport?.(report);
  }
  return reports;
}

/** How often a process looks for articles due a check. */
const LOOK_EVERY_MS = 60_000;

/**
 * Starts the schedule in this process: a first run shortly after start, then one a minute after each
 * run ends. Returns a function that stops it (a run under way finishes its current page). A run that
 * fails (the database is unreachable, say) is logged and the schedule goes on.
 */
export function startRecheckSchedule(periodMinutes: number, log: (line: string) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  // The schedule never keeps the process alive on its own.
  const after = (ms: number) => {
    timer = setTimeout(() => void run(), ms);
    timer.unref();
  };
  const run = async (): Promise<void> => {
    try {
      await runDueRechecks(periodMinutes, {
        onReport: (r) => {
          if ("failed" in r) log(`re-check of “${r.title}” (${r.articleId}) failed: ${r.failed}`);
          else if (r.changed) log(`re-check: “${r.title}” (${r.articleId}) changed: now revision ${r.revision}`);
        },
      });
    } catch (error) {
      log(`scheduled re-check stopped early: ${(error as Error).message}`);
    }
    if (!stopped) after(LOOK_EVERY_MS);
  };
  after(5_000);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
