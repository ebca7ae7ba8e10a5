// Turns an audit event's before/after snapshots into changed fields and a short English sentence for the
// history view ("changed the verdict from Mostly true to False"). Plain strings only; the UI adds markup.

import { ROLE_LABELS, isRole } from "./roles";
import { statusLabel, verdictLabel } from "./claim";

export interface FieldChange {
  field: string;
  /** undefined when the field did not exist before. */
  before: unknown;
  /** undefined when the field no longer exists. */
  after: unknown;
}

/**
 * Top-level fields whose values differ (deep equality for nested values), sorted by field name so the
 * order does not depend on how a database returned the keys. An undefined property counts as absent.
 */
export function diffValues(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of [...fields].sort()) {
    const b = before?.[field];
    const a = after?.[field];
    if (!deepEqual(b, a)) changes.push({ field, before: b, after: a });
  }
  return changes;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b) || a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) if (!deepEqual(ra[key], rb[key])) return false;
  return true;
}

const QUOTE_MAX = 60;

function quote(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return `“${chars.length > QUOTE_MAX ? `${chars.slice(0, QUOTE_MAX - 1).join("")}…` : flat}”`;
}

/**
 * A readable name for the record an event is about: the first non-blank string among `names`, preferring
 * the new value, falling back to the old one (a removed record only has the old one).
 */
function nameOf(diff: readonly FieldChange[], names: readonly string[]): string | undefined {
  for (const name of names) {
    const change = diff.find((c) => c.field === name);
    for (const value of [change?.after, change?.before]) {
      if (typeof value === "string" && value.trim() !== "") return value.trim();
    }
  }
  return undefined;
}

function roleLabel(value: unknown): string {
  return isRole(value) ? ROLE_LABELS[value] : String(value);
}

function changed(diff: readonly FieldChange[], names: readonly string[]): FieldChange | undefined {
  return diff.find((c) => names.includes(c.field));
}

function fromTo(what: string, change: FieldChange, label: (v: unknown) => string): string {
  const hasBefore = change.before !== undefined && change.before !== null;
  const hasAfter = change.after !== undefined && change.after !== null;
  if (hasBefore && hasAfter) return `changed the ${what} from ${label(change.before)} to ${label(change.after)}`;
  if (hasAfter) return `set the ${what} to ${label(change.after)}`;
  if (hasBefore) return `cleared the ${what} (was ${label(change.before)})`;
  return `changed the ${what}`;
}

function joinPhrases(phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases[0] ?? "";
  return `${phrases.slice(0, -1).join(", ")} and ${phrases[phrases.length - 1] ?? ""}`;
}

const VERDICT_FIELDS = ["verdict", "verdictId"];
const STATUS_FIELDS = ["status"];
const STATEMENT_FIELDS = ["statement"];
const QUOTE_FIELDS = ["exact", "quote"];
const ANCHOR_FIELDS = ["exact", "quote", "start", "end", "prefix", "suffix"];
const RATIONALE_FIELDS = ["rationale", "summary", "note", "explanation"];
const SOURCE_NAME_FIELDS = ["title", "url"];
const USER_NAME_FIELDS = ["name", "email", "username"];
const TOKEN_NAME_FIELDS = ["name", "label"];
const ARTICLE_NAME_FIELDS = ["title", "headline"];
const IGNORED_FIELDS = ["updatedAt", "createdAt", "version"];
const REVIEWER_FIELDS = ["reviewer"];

/** A comment's words, quoted and shortened, from its snapshot's body. */
function commentQuote(diff: readonly FieldChange[]): string | undefined {
  const body = nameOf(diff, ["body"]);
  return body === undefined ? undefined : quote(body);
}

/** "assigned the article" or "assigned a claim": an assignment's claimId is null for the whole article. */
function assignedWhat(diff: readonly FieldChange[], verb: string): string {
  const claim = diff.find((c) => c.field === "claimId");
  const claimId = claim ? (claim.after ?? claim.before) : null;
  return `${verb} ${claimId ? "a claim" : "the article"}`;
}

function describeClaimUpdate(diff: readonly FieldChange[]): string {
  const phrases: string[] = [];
  if (changed(diff, STATEMENT_FIELDS)) phrases.push("changed the statement");
  const verdict = changed(diff, VERDICT_FIELDS);
  if (verdict) phrases.push(fromTo("verdict", verdict, verdictLabel));
  const status = changed(diff, STATUS_FIELDS);
  if (status) phrases.push(fromTo("status", status, statusLabel));
  if (changed(diff, RATIONALE_FIELDS)) phrases.push("changed the rationale");
  if (changed(diff, ANCHOR_FIELDS)) phrases.push("moved the highlight");
  const known = [...STATEMENT_FIELDS, ...VERDICT_FIELDS, ...STATUS_FIELDS, ...RATIONALE_FIELDS, ...ANCHOR_FIELDS];
  const others = diff.filter((c) => !known.includes(c.field) && !IGNORED_FIELDS.includes(c.field));
  if (others.length > 0) phrases.push(`changed ${joinPhrases(others.map((c) => c.field))}`);
  return phrases.length > 0 ? joinPhrases(phrases) : "edited the claim";
}

const REVISION_VERBS: Readonly<Record<string, string>> = {
  edit: "changed the article's text",
  recheck: "found the article's text changed on a re-check",
  import: "imported a new text of the article",
};

function count(n: unknown, what: string): string {
  const value = typeof n === "number" ? n : 0;
  return `${value.toLocaleString("en-US")} ${what}${value === 1 ? "" : "s"}`;
}

/** "changed the article's text (revision 3: 12 words added, 4 removed)". */
function describeRevision(diff: readonly FieldChange[]): string {
  const after = (field: string) => diff.find((c) => c.field === field)?.after;
  const verb = REVISION_VERBS[String(after("origin"))] ?? "revised the article's text";
  const revision = after("revision");
  if (typeof revision !== "number") return verb;
  return `${verb} (revision ${revision}: ${count(after("added"), "word")} added, ${count(after("removed"), "word")} removed)`;
}

/** What a revision did to one claim: its words moved, changed (with the new wording) or vanished. */
function describeReanchoring(diff: readonly FieldChange[]): string {
  const anchor = diff.find((c) => c.field === "anchor")?.after;
  const exact = diff.find((c) => c.field === "exact")?.after;
  const status = changed(diff, STATUS_FIELDS);
  const back = status ? `; the claim is back ${status.after === "in_review" ? "in review" : `at ${statusLabel(status.after)}`}` : "";
  switch (anchor) {
    case "moved":
      return `changed the article's text: the claim's words moved${back}`;
    case "fuzzy":
      return `changed the article's text: the claim now reads ${typeof exact === "string" ? quote(exact) : "differently"}${back}`;
    case "orphaned":
      return `changed the article's text: the claim's words are gone${back}`;
    default:
      return "changed the article's text: the claim was placed again";
  }
}

function withName(base: string, name: string | undefined, separator = " "): string {
  return name === undefined ? base : `${base}${separator}${name}`;
}

/**
 * One short predicate for the history view; the UI puts the actor's name in front
 * ("Ana changed the verdict from Mostly true to False"). Unknown actions still get a neutral sentence.
 */
export function describeAuditEvent(action: string, diff: readonly FieldChange[]): string {
  switch (action) {
    case "user.created":
      return withName("created the user", nameOf(diff, USER_NAME_FIELDS));
    case "user.updated": {
      const role = changed(diff, ["role"]);
      if (role) return fromTo("role", role, roleLabel);
      return withName("updated the user", nameOf(diff, USER_NAME_FIELDS));
    }
    case "user.disabled":
      return withName("disabled the user", nameOf(diff, USER_NAME_FIELDS));
    case "user.enabled":
      return withName("enabled the user", nameOf(diff, USER_NAME_FIELDS));
    case "user.password_changed":
      return "changed their password";
    case "user.password_reset":
      return withName("reset the password", nameOf(diff, USER_NAME_FIELDS), " of ");
    case "token.created":
      return withName("created an API token", nameOf(diff, TOKEN_NAME_FIELDS), ": ");
    case "token.revoked":
      return withName("revoked an API token", nameOf(diff, TOKEN_NAME_FIELDS), ": ");
    case "article.created":
      return withName("added the article", nameOf(diff, ARTICLE_NAME_FIELDS), ": ");
    case "article.annotations_imported": {
      const counts = diff.find((c) => c.field === "counts")?.after as { exact?: number; fuzzy?: number; unplaced?: number } | undefined;
      if (!counts) return "imported annotations";
      return `imported annotations: ${counts.exact ?? 0} placed exactly, ${counts.fuzzy ?? 0} placed fuzzily, ${counts.unplaced ?? 0} not placed`;
    }
    case "article.updated": {
      const title = changed(diff, ARTICLE_NAME_FIELDS);
      const text = changed(diff, ["text", "body"]);
      if (title && text) return "changed the article's title and text";
      if (title) return "changed the article's title";
      if (text) return "changed the article's text";
      const required = changed(diff, ["requireAssignment"]);
      if (required && diff.length === 1) {
        return required.after === true ? "let only assigned reviewers edit the claims" : "let every reviewer edit the claims";
      }
      return "edited the article";
    }
    case "article.revised":
      return describeRevision(diff);
    case "claim.reanchored":
      return describeReanchoring(diff);
    case "claim.created": {
      const exact = nameOf(diff, QUOTE_FIELDS);
      return exact === undefined ? "marked the claim" : `marked the claim ${quote(exact)}`;
    }
    case "claim.updated":
      return describeClaimUpdate(diff);
    case "claim.status_changed": {
      const status = changed(diff, STATUS_FIELDS);
      return status ? fromTo("status", status, statusLabel) : "changed the status";
    }
    case "claim.verdict_changed": {
      const verdict = changed(diff, VERDICT_FIELDS);
      return verdict ? fromTo("verdict", verdict, verdictLabel) : "changed the verdict";
    }
    case "claim.final_proposed": {
      const verdict = changed(diff, VERDICT_FIELDS);
      return verdict?.after !== undefined && verdict.after !== null ? `proposed the final verdict: ${verdictLabel(verdict.after)}` : "proposed the final verdict";
    }
    case "claim.approved":
      return "approved the verdict";
    case "claim.corrected": {
      const verdict = changed(diff, VERDICT_FIELDS);
      const reason = nameOf(diff, ["reason"]);
      const what = verdict ? `corrected the verdict from ${verdictLabel(verdict.before ?? "no verdict")} to ${verdictLabel(verdict.after ?? "no verdict")}` : "corrected the verdict";
      return withName(what, reason === undefined ? undefined : quote(reason), ": ");
    }
    case "claim.deleted":
      return "deleted the claim";
    case "claim.restored":
      return "restored the claim";
    case "source.added":
      return withName("added a source", nameOf(diff, SOURCE_NAME_FIELDS), ": ");
    case "source.updated":
      return withName("updated the source", nameOf(diff, SOURCE_NAME_FIELDS), ": ");
    case "source.removed":
      return withName("removed a source", nameOf(diff, SOURCE_NAME_FIELDS), ": ");
    case "assessment.submitted": {
      const verdict = changed(diff, VERDICT_FIELDS);
      return verdict ? `assessed the claim: ${verdictLabel(verdict.after)}` : "assessed the claim";
    }
    case "assessment.revised": {
      const verdict = changed(diff, VERDICT_FIELDS);
      return verdict ? `revised their assessment from ${verdictLabel(verdict.before)} to ${verdictLabel(verdict.after)}` : "revised their assessment";
    }
    case "comment.added":
      return withName("commented", commentQuote(diff), ": ");
    case "comment.edited":
      return withName("edited a comment", commentQuote(diff), ": ");
    case "comment.deleted":
      return withName("deleted a comment", commentQuote(diff), ": ");
    case "assignment.created":
      return withName(assignedWhat(diff, "assigned"), nameOf(diff, REVIEWER_FIELDS), " to ");
    case "assignment.updated":
      return "changed the due time of an assignment";
    case "assignment.removed":
      return withName(assignedWhat(diff, "took back"), nameOf(diff, REVIEWER_FIELDS), " from ");
    default:
      return `recorded ${action}`;
  }
}
