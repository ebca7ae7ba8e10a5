// The verdict scale, claim statuses and source stances: the single definition the UI, validation,
// reports and schema.org ClaimReview output all read from.

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
  return typeof x === "string" && VERDICTS_BY_ID.has(x);
}

export function getVerdict(id: VerdictId): Verdict {
  const verdict = VERDICTS_BY_ID.get(id);
  if (!verdict) throw new RangeError(`unknown verdict ${String(id)}`);
  return verdict;
}

export const CLAIM_STATUSES = ["open", "in_review", "verdict_given"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_STATUS_LABELS: Readonly<Record<ClaimStatus, string>> = {
  open: "Open",
  in_review: "In review",
  verdict_given: "Verdict given",
};

export function isClaimStatus(x: unknown): x is ClaimStatus {
  return typeof x === "string" && (CLAIM_STATUSES as readonly string[]).includes(x);
}

export const SOURCE_STANCES = ["supports", "contradicts", "context"] as const;
export type SourceStance = (typeof SOURCE_STANCES)[number];

export const SOURCE_STANCE_LABELS: Readonly<Record<SourceStance, string>> = {
  supports: "Supports",
  contradicts: "Contradicts",
  context: "Context",
};

export function isSourceStance(x: unknown): x is SourceStance {
  return typeof x === "string" && (SOURCE_STANCES as readonly string[]).includes(x);
}
