// Assembles review reports from the database: the plain Report data (lib/core/report/report-data.ts)
// every format is rendered from. Who gave each verdict, and every later correction, come from the
// audit trail; the audience decides what is left out (internal notes, reviewers' emails) here already,
// so no formatter can leak what the data does not hold. Claims come in text order, and those whose words
// are gone from the current text (orphaned) after all placed ones: their offsets point into an older
// revision, so they cannot be placed by them. The report's claim numbers follow that order everywhere.
import { correctionOf, verdictChangeOf } from "@/lib/core/claim";
import { trimEndOf } from "@/lib/core/text";
import type {
  ArticleReport,
  Audience,
  PublishingSettings,
  Report,
  ReportAgreement,
  ReportAuditEvent,
  ReportPerson,
  ReportRevision,
} from "@/lib/core/report/report-data";
import { assertCan, type Actor } from "./actor";
import { agreement, withoutHiddenEvents } from "./assessments";
import { auditHead, listAuditEvents, type AuditEventView } from "./audit";
import { listClaims } from "./claims";
import { db } from "./db";
import { env } from "./env";
import { AppError, notFound } from "./errors";
import { listRevisions } from "./revisions";
import { MAX_REPORT_ARTICLES } from "@/lib/validation/report";

export function publishingSettings(): PublishingSettings {
  const settings = env();
  const appBaseUrl = trimEndOf(settings.FACTCHECK_PUBLIC_URL ?? settings.NEXTAUTH_URL ?? `http://localhost:${settings.PORT}`, "/");
  return {
    organizationName: settings.FACTCHECK_ORG_NAME,
    organizationUrl: settings.FACTCHECK_ORG_URL ?? null,
    factCheckBaseUrl: trimEndOf(settings.FACTCHECK_PUBLISH_BASE_URL ?? `${appBaseUrl}/articles`, "/"),
    appBaseUrl,
  };
}

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Removes internal notes from an audit snapshot for public reports. */
function publicSnapshot(value: unknown): unknown {
  const r = record(value);
  if (!r) return value;
  const { note: _note, finalNote: _finalNote, email: _email, ...rest } = r;
  return rest;
}

/** The map's list for the key, made empty on first use. */
function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

async function people(ids: Iterable<string>, audience: Audience): Promise<Map<string, ReportPerson>> {
  const users = await db().user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, audience === "internal" ? { id: u.id, name: u.name, email: u.email } : { id: u.id, name: u.name }]));
}

/**
 * A revision's audit snapshot lists where every claim went ([id, status, start, end]); a published
 * report keeps the places of the claims it holds, so claims not yet approved stay unseen.
 */
function shownAnchorsOnly(value: unknown, shown: Set<string>): unknown {
  const snapshot = record(value);
  if (!snapshot || !Array.isArray(snapshot.anchors)) return value;
  return { ...snapshot, anchors: snapshot.anchors.filter((a: unknown) => Array.isArray(a) && shown.has(String(a[0]))) };
}

async function articleReport(actor: Actor, articleId: string, audience: Audience): Promise<ArticleReport> {
  const article = await db().article.findUnique({ where: { id: articleId } });
  if (!article) throw notFound("The article");
  const [allClaims, allEvents, newestFirst] = await Promise.all([
    listClaims(actor, articleId),
    listAuditEvents({ articleId }),
    listRevisions(actor, articleId),
  ]);
  // In independent review a verdict is published once approved: a public report holds only approved
  // claims, and the events of those alone (and the article's own).
  const published = audience === "public" && article.independentReview;
  const visible = published ? allClaims.filter((c) => c.status === "approved") : allClaims;
  // listClaims gives text order by the stored offsets; an orphaned claim's are stale, so those claims
  // go last (in the order they had), and are numbered after the placed ones.
  const claims = [...visible.filter((c) => c.anchor.status !== "orphaned"), ...visible.filter((c) => c.anchor.status === "orphaned")];
  const revisions = [...newestFirst].reverse();
  const shown = new Set(claims.map((c) => c.id));
  const ofShownClaim = (e: AuditEventView) => {
    if (e.entity.type === "claim") return shown.has(e.entity.id);
    if (e.entity.type === "source") return shown.has(String(((e.after ?? e.before) as { claimId?: unknown } | null)?.claimId));
    return true;
  };
  // Assessments' and comments' events follow blind review as those do (lib/core/review); a public
  // report carries none: reviewers' own assessments and the desk's discussion are its working material,
  // not its published finding.
  const events =
    audience === "public"
      ? allEvents.filter((e) => e.entity.type !== "assessment" && e.entity.type !== "comment" && (!published || ofShownClaim(e)))
      : (await withoutHiddenEvents(actor, allEvents)).items;
  const persons = await people(
    [...claims.map((c) => c.author.id), ...events.flatMap((e) => (e.actor ? [e.actor.id] : [])), ...revisions.flatMap((r) => (r.by ? [r.by.id] : []))],
    audience,
  );
  const person = (id: string | undefined | null) => (id ? (persons.get(id) ?? null) : null);

  // Per claim, oldest first: the events that gave its verdict, and its corrections (lib/core/claim says which).
  const verdictEvents = new Map<string, AuditEventView[]>();
  const corrections = new Map<string, Array<{ event: AuditEventView; from: string | null; to: string | null; reason: string }>>();
  for (const e of events) {
    if (e.entity.type !== "claim") continue;
    if (verdictChangeOf(e)) listIn(verdictEvents, e.entity.id).push(e);
    const correction = correctionOf(e);
    if (correction) listIn(corrections, e.entity.id).push({ event: e, ...correction });
  }

  // Reviewers' agreement, as the actor may see it (blind review), in internal reports of an article in
  // independent review only; disagreements become the report's claim numbers (the order above), sorted.
  let reportAgreement: ReportAgreement | null = null;
  if (audience === "internal" && article.independentReview) {
    const numberOf = new Map(claims.map((c, index) => [c.id, index + 1]));
    const figures = await agreement(actor, [articleId]);
    reportAgreement = {
      claims: figures.claims,
      reviewers: figures.reviewers,
      percent: figures.percent,
      alpha: { nominal: figures.alpha.nominal, ordinal: figures.alpha.ordinal },
      disagreements: figures.disagreements.flatMap((id) => numberOf.get(id) ?? []).sort((a, b) => a - b),
    };
  }

  const reviewerIds = new Set<string>();
  let reviewedAt: string | null = null;
  for (const e of events) {
    if (e.entity.type !== "claim" && e.entity.type !== "source") continue;
    // A claim placed again in a new revision was not reviewed: whoever changed the text (or the server's
    // re-check) is listed under Revisions, not among the reviewers.
    if (e.action === "claim.reanchored") continue;
    if (e.actor) reviewerIds.add(e.actor.id);
    if (!reviewedAt || e.at > reviewedAt) reviewedAt = e.at;
  }

  return {
    article: {
      id: article.id,
      title: article.title,
      publisher: article.publisher,
      url: article.url,
      publishedOn: article.publishedOn,
      text: article.text,
      createdAt: article.createdAt.toISOString(),
      updatedAt: article.updatedAt.toISOString(),
      revision: article.revision,
      changedAfterReviewAt: article.changedAfterReviewAt?.toISOString() ?? null,
    },
    revisions: revisions.map(
      (r): ReportRevision => ({
        number: r.number,
        createdAt: r.createdAt,
        // The same person rules as everywhere (no email in public reports); null is the server's re-check.
        by: r.by ? (person(r.by.id) ?? { id: r.by.id, name: r.by.name }) : null,
        origin: r.origin,
        sourceUrl: r.sourceUrl,
        added: r.added,
        removed: r.removed,
        reanchor: r.reanchor ? { exact: r.reanchor.exact, moved: r.reanchor.moved, fuzzy: r.reanchor.fuzzy, orphaned: r.reanchor.orphaned } : null,
      }),
    ),
    claims: claims.map((c, index) => {
      const history = verdictEvents.get(c.id) ?? [];
      const last = history[history.length - 1];
      return {
        id: c.id,
        number: index + 1,
        exact: c.exact,
        prefix: c.prefix,
        suffix: c.suffix,
        start: c.start,
        end: c.end,
        statement: c.statement ?? c.exact,
        status: c.status,
        verdict: c.verdict,
        rationale: c.rationale,
        ...(audience === "internal" ? { note: c.note } : {}),
        author: person(c.author.id) ?? { id: c.author.id, name: c.author.name },
        verdictBy: c.verdict && last ? { person: person(last.actor?.id), at: last.at } : null,
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
        sources: c.sources,
        // A correction is a change of an approved verdict, made with a reason.
        corrections: (corrections.get(c.id) ?? []).map(({ event, from, to, reason }) => ({ from, to, reason, by: person(event.actor?.id), at: event.at, seq: event.seq })),
        anchor: { status: c.anchor.status, revision: c.anchor.revision, score: c.anchor.score },
        reworded: c.reworded ? { revision: c.reworded.revision, at: c.reworded.at } : null,
      };
    }),
    agreement: reportAgreement,
    reviewers: [...reviewerIds].flatMap((id) => persons.get(id) ?? []),
    reviewedAt,
    events: events.map(
      (e): ReportAuditEvent => ({
        seq: e.seq,
        at: e.at,
        actor: person(e.actor?.id),
        action: e.action,
        entity: e.entity,
        before: audience === "internal" ? e.before : publicSnapshot(e.before),
        after: audience === "internal" ? e.after : published ? shownAnchorsOnly(publicSnapshot(e.after), shown) : publicSnapshot(e.after),
        hash: e.hash,
      }),
    ),
  };
}

/**
 * A report on the given articles, in the given order. Anyone who can read may export, so the size is
 * bounded: more than MAX_REPORT_ARTICLES (a date range can match any number) is refused with 422.
 */
export async function buildReport(
  actor: Actor,
  articleIds: string[],
  audience: Audience,
  onProgress?: (done: number, total: number) => void,
): Promise<Report> {
  assertCan(actor, "article.read");
  if (articleIds.length > MAX_REPORT_ARTICLES) {
    throw new AppError(
      "too_many_articles",
      `The report would cover ${articleIds.length} articles; at most ${MAX_REPORT_ARTICLES} fit in one report. Choose fewer articles or a shorter date range.`,
    );
  }
  const integrity = await auditHead();
  const articles: ArticleReport[] = [];
  for (const id of articleIds) {
    articles.push(await articleReport(actor, id, audience));
    onProgress?.(articles.length, articleIds.length);
  }
  return { meta: { audience, generatedAt: new Date().toISOString(), integrity, publishing: publishingSettings() }, articles };
}

/**
 * The articles for a multi-article report: the chosen ones, or every article with a claim or source
 * changed between `from` and `to` (inclusive dates), oldest change first.
 */
export async function articlesReviewedBetween(actor: Actor, from: string | null, to: string | null): Promise<string[]> {
  assertCan(actor, "article.read");
  const rows = await db().auditEvent.groupBy({
    by: ["articleId"],
    where: {
      entityType: { in: ["claim", "source"] },
      articleId: { not: null },
      at: {
        ...(from ? { gte: new Date(`${from}T00:00:00.000Z`) } : {}),
        ...(to ? { lt: new Date(new Date(`${to}T00:00:00.000Z`).getTime() + 86_400_000) } : {}),
      },
    },
    _min: { seq: true },
    orderBy: { _min: { seq: "asc" } },
  });
  return rows.flatMap((r) => (r.articleId ? [r.articleId] : []));
}
