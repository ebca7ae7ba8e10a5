// A claim's rules, in one place: the verdict scale, the statuses and what moves a claim between them,
// the stances of sources, the labels of all three, and the snapshot of a claim the audit trail stores
// (which history, reports and corrections read back). The UI, validation, the data-access layer,
// imports, reports and schema.org ClaimReview output all read them from here.

import { isAnchorStatus } from "./reanchor";

export interface Verdict {
  id: VerdictId;
  label: string;
  definition: string;
  /** Position on the 1 (false) to 5 (true) scale; null for verdicts outside the scale. */
  rating: number | null;
  /** Key the UI maps to colours. */
  tone: VerdictTone;
}

export type VerdictTone =
  | "true"
  | "mostly-true"
  | "half"
  | "mostly-false"
  | "false"
  | "misleading"
  | "context"
  | "unverifiable"
  | "none";

export const VERDICT_IDS = [
  "true",
  "mostly_true",
  "half_true",
  "mostly_false",
  "false",
  "misleading",
  "needs_context",
  "unverifiable",
  "not_a_claim",
] as const;

export type VerdictId = (typeof VERDICT_IDS)[number];

export const BEST_RATING = 5;
export const WORST_RATING = 1;

export const VERDICTS: readonly Verdict[] = [
  {
    id: "true",
    label: "True",
    definition: "The statement is accurate and nothing significant is missing.",
    rating: 5,
    tone: "true",
  },
  {
    id: "mostly_true",
    label: "Mostly true",
    definition: "The statement is accurate but needs clarification or additional information.",
    rating: 4,
    tone: "mostly-true",
  },
  {
    id: "half_true",
    label: "Half true",
    definition: "The statement is partially accurate but leaves out important details or takes things out of context.",
    rating: 3,
    tone: "half",
  },
  {
    id: "mostly_false",
    label: "Mostly false",
    definition: "The statement contains an element of truth but ignores facts that would give a different impression.",
    rating: 2,
    tone: "mostly-false",
  },
  {
    id: "false",
    label: "False",
    definition: "The statement is not accurate.",
    rating: 1,
    tone: "false",
  },
  {
    id: "misleading",
    label: "Misleading",
    definition: "The facts may be correct, but they are presented in a way that leads to a false conclusion.",
    rating: null,
    tone: "misleading",
  },
  {
    id: "needs_context",
    label: "Needs context",
    definition: "The statement cannot be judged fairly without background the reader is not given.",
    rating: null,
    tone: "context",
  },
  {
    id: "unverifiable",
    label: "Unverifiable",
    definition: "Available evidence is not enough to prove or disprove the statement.",
    rating: null,
    tone: "unverifiable",
  },
  {
    id: "not_a_claim",
    label: "Not a factual claim",
    definition: "The passage is opinion, prediction or rhetoric rather than a checkable statement of fact.",
    rating: null,
    tone: "none",
  },
];

const VERDICTS_BY_ID = new Map<string, Verdict>(VERDICTS.map((v) => [v.id, v]));

export function isVerdictId(x: unknown): x is VerdictId {
  return (VERDICTS_BY_ID as ReadonlyMap<unknown, Verdict>).has(x);
}

export function getVerdict(id: VerdictId): Verdict {
  const verdict = VERDICTS_BY_ID.get(id);
  if (!verdict) throw new RangeError(`unknown verdict ${String(id)}`);
  return verdict;
}

/** The verdict's label; a value outside the scale (from an old audit snapshot, say) is shown as it is. */
export function verdictLabel(id: unknown): string {
  return isVerdictId(id) ? getVerdict(id).label : String(id);
}

// Statuses.

/**
 * A claim's statuses in the order a review goes through them. Without independent review: open → in
 * review → verdict given → approved. In independent review: open → in review (assessments coming in) →
 * assessed (every assigned reviewer assessed it; without assignments, at least two) → proposed (an
 * editor set the final verdict) → approved (another editor, where the desk has two, approved it).
 */
export const CLAIM_STATUSES = ["open", "in_review", "assessed", "verdict_given", "proposed", "approved"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_STATUS_LABELS: Readonly<Record<ClaimStatus, string>> = {
  open: "Open",
  in_review: "In review",
  assessed: "Assessed",
  verdict_given: "Verdict given",
  proposed: "Proposed",
  approved: "Approved",
};

/** Statuses a reviewer may choose by hand; the others follow from the review's events. */
export const HAND_STATUSES: readonly ClaimStatus[] = ["open", "in_review", "verdict_given"];

export function isClaimStatus(x: unknown): x is ClaimStatus {
  return (CLAIM_STATUSES as readonly unknown[]).includes(x);
}

/** The status's label; a status this version does not know (an old audit snapshot) is shown as it is. */
export function statusLabel(status: unknown): string {
  return isClaimStatus(status) ? CLAIM_STATUS_LABELS[status] : String(status);
}

// Source stances.

export const SOURCE_STANCES = ["supports", "contradicts", "context"] as const;
export type SourceStance = (typeof SOURCE_STANCES)[number];

export const SOURCE_STANCE_LABELS: Readonly<Record<SourceStance, string>> = {
  supports: "Supports",
  contradicts: "Contradicts",
  context: "Context",
};

export function isSourceStance(x: unknown): x is SourceStance {
  return (SOURCE_STANCES as readonly unknown[]).includes(x);
}

/** The stance's label; a stance this version does not know (an old audit snapshot) is shown as it is. */
export function stanceLabel(stance: unknown): string {
  return isSourceStance(stance) ? SOURCE_STANCE_LABELS[stance] : String(stance);
}

// Reading stored values: the database keeps these as text. They are typed here, once, where rows are
// read; a value outside the lists is a damaged row, not something to pass on as a string.

function stored<T extends string>(kind: string, guard: (x: unknown) => x is T) {
  return (value: string): T => {
    if (!guard(value)) throw new RangeError(`unknown ${kind} ${JSON.stringify(value)} in the database`);
    return value;
  };
}

export const storedStatus = stored("claim status", isClaimStatus);
export const storedStance = stored("source stance", isSourceStance);
export const storedAnchorStatus = stored("anchor status", isAnchorStatus);
const storedVerdictId = stored("verdict", isVerdictId);
export function storedVerdict(value: string | null): VerdictId | null {
  return value === null ? null : storedVerdictId(value);
}

// What moves a claim.

/** The part of a claim its status rules read. */
export interface ClaimState {
  status: ClaimStatus;
  verdict: VerdictId | null;
}

/** Every claim starts here; a claim marked with a verdict (an import) is then saved with it. */
export const NEW_CLAIM: ClaimState = { status: "open", verdict: null };

/**
 * What happens to a claim:
 * - `saved`: a save, which may set or take away the verdict and may choose the status; `reason` is what
 *   a change of an approved verdict must give (a correction);
 * - `assessed`: in independent review, an assessment submitted or revised, after which the claim's
 *   assessments are `complete` or not (every assigned reviewer has assessed it; without assignments, two);
 * - `final`: in independent review, an editor sets the final verdict (a correction, with its `reason`,
 *   when the claim was approved);
 * - `approved`: an editor approves the verdict;
 * - `reworded`: a new revision of the article changed or removed the claim's words (lib/core/reanchor:
 *   fuzzy or orphaned), so whatever was decided was decided on an earlier wording.
 */
export type ClaimEvent =
  | { type: "saved"; verdict?: VerdictId | null; status?: ClaimStatus; reason?: string }
  | { type: "assessed"; complete: boolean }
  | { type: "final"; verdict: VerdictId; reason?: string }
  | { type: "approved" }
  | { type: "reworded" };

/** The review a claim is in: its article's setting. */
export interface ReviewMode {
  independentReview: boolean;
}

export const VERDICT_REQUIRED = "A claim without a verdict cannot have the status “verdict given”.";

export const STATUS_NOT_BY_HAND = "This status follows from the review: it cannot be chosen by hand.";

export const REASON_REQUIRED = "The verdict is approved: say why it changes. The change is published as a correction.";

export const FINAL_VERDICT_ONLY = "In independent review the claim's verdict is the final verdict an editor proposes, with a note.";

export const NOT_APPROVABLE = "Only a proposed verdict, or a verdict given outside independent review, can be approved.";

export type ClaimRefusal =
  | { code: "verdict_required" | "status_not_by_hand"; field: "status" }
  | { code: "reason_required"; field: "reason" }
  | { code: "final_verdict_only"; field: "verdict" }
  | { code: "not_approvable"; field: null };

export type ClaimTransition =
  | {
      ok: true;
      state: ClaimState;
      /** The event changed an approved verdict: a correction, recorded with its reason. */
      correction: boolean;
    }
  | ({ ok: false; message: string } & ClaimRefusal);

/** Whether giving this verdict changes an approved one: a correction, which needs a reason. `undefined`: the verdict is left alone. */
export function changesApprovedVerdict(current: ClaimState, verdict: VerdictId | null | undefined): boolean {
  return current.status === "approved" && verdict !== undefined && verdict !== current.verdict;
}

const refuse = (refusal: ClaimRefusal, message: string): ClaimTransition => ({ ok: false, message, ...refusal });
const ok = (state: ClaimState, correction = false): ClaimTransition => ({ ok: true, state, correction });

/**
 * The claim after an event, or why the event is refused.
 *
 * A save: a verdict given moves the claim to "verdict given"; taking it away moves it back to "in
 * review"; a status chosen in the same save wins over both; "verdict given" without a verdict is
 * refused, and so is choosing, or leaving by hand, a status the review sets (assessed, proposed,
 * approved). In independent review a save does not change the verdict (the final verdict does).
 *
 * An assessment: an open or in-review claim goes to "assessed" once its assessments are complete, and
 * is (or stays) "in review" until then; a claim further on keeps its status.
 *
 * A final verdict (independent review only): the claim is "proposed", whatever came before.
 *
 * An approval: a proposed verdict, or a verdict given, becomes "approved"; nothing else can be.
 *
 * Rewording: a claim under way goes back to "in review", keeping its verdict (shown as given on an
 * earlier wording) but not its approval; an open claim stays open.
 *
 * An approved verdict is locked: changing it (by a save or a final verdict) needs a reason and is a
 * correction, which takes the claim back to "proposed" (independent review) or "verdict given", to be
 * approved again. Edits that leave the verdict alone leave it approved.
 */
// Stryker disable next-line ObjectLiteral: an empty default reads as "not independent" too (undefined is falsy)
export function claimTransition(current: ClaimState, event: ClaimEvent, mode: ReviewMode = { independentReview: false }): ClaimTransition {
  if (event.type === "assessed") {
    if (!["open", "in_review", "assessed"].includes(current.status)) return ok(current);
    return ok({ status: event.complete ? "assessed" : "in_review", verdict: current.verdict });
  }
  if (event.type === "reworded") return ok(current.status === "open" ? current : { status: "in_review", verdict: current.verdict });
  if (event.type === "approved") {
    if (current.status !== "proposed" && current.status !== "verdict_given") return refuse({ code: "not_approvable", field: null }, NOT_APPROVABLE);
    return ok({ status: "approved", verdict: current.verdict });
  }
  const correcting = changesApprovedVerdict(current, event.verdict);
  if (correcting && !event.reason?.trim()) return refuse({ code: "reason_required", field: "reason" }, REASON_REQUIRED);
  if (event.type === "final") return ok({ status: "proposed", verdict: event.verdict }, correcting);

  if (mode.independentReview && event.verdict !== undefined && event.verdict !== current.verdict) {
    return refuse({ code: "final_verdict_only", field: "verdict" }, FINAL_VERDICT_ONLY);
  }
  if (event.status !== undefined && event.status !== current.status && !(HAND_STATUSES.includes(event.status) && HAND_STATUSES.includes(current.status))) {
    return refuse({ code: "status_not_by_hand", field: "status" }, STATUS_NOT_BY_HAND);
  }
  const verdict = event.verdict !== undefined ? event.verdict : current.verdict;
  let status = current.status;
  if (event.status !== undefined) status = event.status;
  else if (verdict !== current.verdict) status = verdict ? "verdict_given" : ["verdict_given", "approved"].includes(current.status) ? "in_review" : current.status;
  if (status === "verdict_given" && !verdict) return refuse({ code: "verdict_required", field: "status" }, VERDICT_REQUIRED);
  return ok({ status, verdict }, correcting);
}

/**
 * Whether reaching this status decides a reworded claim again (a verdict given, a final verdict
 * proposed), so its verdict is no longer one given on an earlier wording.
 */
export function settlesRewording(status: ClaimStatus): boolean {
  return status === "verdict_given" || status === "proposed";
}

// The audit trail's record of a claim.

/** What the audit trail records of a claim: its own fields, not its sources (they have events of their own). */
export interface ClaimSnapshot {
  exact: string;
  start: number;
  end: number;
  statement: string | null;
  status: ClaimStatus;
  verdict: VerdictId | null;
  rationale: string;
  note: string;
  /** The note an editor gave with the final verdict (internal, as `note` is). */
  finalNote: string;
  version: number;
}

export function claimSnapshot(claim: ClaimSnapshot): ClaimSnapshot {
  return {
    exact: claim.exact,
    start: claim.start,
    end: claim.end,
    statement: claim.statement,
    status: claim.status,
    verdict: claim.verdict,
    rationale: claim.rationale,
    note: claim.note,
    finalNote: claim.finalNote,
    version: claim.version,
  };
}

export type ClaimChangeAction = "claim.verdict_changed" | "claim.status_changed" | "claim.updated" | "claim.corrected";

/** The audit action of a save that changed these fields of a claim; a change of an approved verdict is a correction. */
export function claimChangeAction(changed: readonly string[], correction = false): ClaimChangeAction {
  if (correction) return "claim.corrected";
  if (changed.includes("verdict")) return "claim.verdict_changed";
  return changed.length > 0 && changed.every((field) => field === "status") ? "claim.status_changed" : "claim.updated";
}

function snapshotVerdict(snapshot: unknown): string | null {
  const verdict = (snapshot as { verdict?: unknown } | null | undefined)?.verdict;
  return typeof verdict === "string" ? verdict : null;
}

/**
 * The verdict an audit event gave a claim, when it gave or changed one: a claim created with a verdict
 * (an import), a save, a final verdict or a correction whose snapshot's verdict differs before and
 * after. `from` is null when the claim had no verdict before. Other events (deletion, restoring,
 * sources, approval) give no verdict.
 */
export function verdictChangeOf(event: { action: string; before: unknown; after: unknown }): { from: string | null; to: string | null } | null {
  // A created claim has no "before"; a status-only save ("claim.status_changed") never changes the verdict.
  const from = snapshotVerdict(event.before);
  const to = snapshotVerdict(event.after);
  const saves = ["claim.created", "claim.updated", "claim.verdict_changed", "claim.final_proposed", "claim.corrected"];
  return saves.includes(event.action) && from !== to ? { from, to } : null;
}

/**
 * The correction an audit event records: a change of an approved verdict, from what, to what and why
 * (the reason is kept in the event's `after`, beside the claim's snapshot).
 */
export function correctionOf(event: { action: string; before: unknown; after: unknown }): { from: string | null; to: string | null; reason: string } | null {
  if (event.action !== "claim.corrected") return null;
  const reason = (event.after as { reason?: unknown } | null | undefined)?.reason;
  return { from: snapshotVerdict(event.before), to: snapshotVerdict(event.after), reason: typeof reason === "string" ? reason : "" };
}
