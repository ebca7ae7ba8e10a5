// How far independent reviewers agree on verdicts. Krippendorff's alpha rather than percentage
// agreement alone, because alpha discounts the agreement chance would give, copes with any number of
// reviewers per claim and with reviewers who skipped a claim, and has an ordinal form that counts
// "true" against "mostly true" as a smaller disagreement than "true" against "false".
//
// Both coefficients are read off Krippendorff's coincidence matrix, as defined in K. Krippendorff,
// "Computing Krippendorff's Alpha-Reliability" (2011), https://repository.upenn.edu/asc_papers/43.
import { getVerdict, type VerdictId } from "./claim";

/** The value one coder (reviewer) gave one unit (claim); null or undefined when the coder gave none. */
export type Cell<T> = T | null | undefined;

/**
 * Reliability data: one row per unit, one cell per coder. Rows may differ in length: only the values
 * matter, not which coder gave them.
 */
export type ReliabilityData<T> = readonly (readonly Cell<T>[])[];

/**
 * How unlike two values are. Nominal: equal or not. Ordinal: by how many values were given between
 * them on the scale, so it needs numbers and reads only their order, never their size.
 */
export type Metric = "nominal" | "ordinal";

interface Coincidences<T> {
  /** The distinct values of the pairable units, in order of first appearance. */
  values: T[];
  /** matrix[c][k]: o_ck, the coincidences of values[c] with values[k]; symmetric. */
  matrix: number[][];
  /** marginals[c]: n_c, how many pairable values equal values[c]. */
  marginals: number[];
  /** n: the number of pairable values. */
  total: number;
}

function present<T>(row: readonly Cell<T>[]): T[] {
  return row.filter((value): value is T => value !== null && value !== undefined);
}

/**
 * The coincidence matrix. A unit with fewer than two values cannot be paired and drops out; in a unit
 * with m values each ordered pair of values from different coders counts 1/(m − 1), so every pairable
 * unit contributes exactly m to the matrix, one per value.
 */
function coincidences<T>(data: ReliabilityData<T>): Coincidences<T> {
  const units = data.map(present).filter((values) => values.length >= 2);
  const index = new Map<T, number>();
  for (const unit of units) for (const value of unit) if (!index.has(value)) index.set(value, index.size);
  const size = index.size;
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const unit of units) {
    const counts = new Map<number, number>();
    for (const value of unit) {
      const c = index.get(value)!;
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const weight = 1 / (unit.length - 1);
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        // A value is never paired with itself: n_c values equal to c make n_c(n_c − 1) ordered pairs.
        matrix[c]![k]! += (c === k ? nc * (nc - 1) : nc * nk) * weight;
      }
    }
  }
  const marginals = matrix.map((row) => row.reduce((sum, o) => sum + o, 0));
  const total = units.reduce((sum, unit) => sum + unit.length, 0);
  return { values: [...index.keys()], matrix, marginals, total };
}

/** δ²_ck for every pair of values, indexed like the coincidence matrix. */
function differences<T>(metric: Metric, { values, marginals }: Coincidences<T>): number[][] {
  const size = values.length;
  if (metric === "nominal") {
    return Array.from({ length: size }, (_, c) => Array.from({ length: size }, (_, k) => (c === k ? 0 : 1)));
  }
  for (const value of values) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new RangeError(`ordinal agreement needs finite numbers, got ${String(value)}`);
    }
  }
  // Krippendorff's ordinal metric: δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², the ranks g running
  // between c and k on the scale, so a step over much-used values is a larger difference.
  const order = values.map((_, c) => c).sort((a, b) => (values[a] as number) - (values[b] as number));
  const rank = new Array<number>(size);
  order.forEach((c, r) => (rank[c] = r));
  const upTo = [0]; // upTo[r]: how many values rank below r
  for (const c of order) upTo.push(upTo[upTo.length - 1]! + marginals[c]!);
  return Array.from({ length: size }, (_, c) =>
    Array.from({ length: size }, (_, k) => {
      if (c === k) return 0;
      const [low, high] = rank[c]! < rank[k]! ? [rank[c]!, rank[k]!] : [rank[k]!, rank[c]!];
      const between = upTo[high + 1]! - upTo[low]! - (marginals[c]! + marginals[k]!) / 2;
      return between * between;
    }),
  );
}

/**
 * Krippendorff's alpha, 1 − D_o / D_e: 1 when every pairable unit's values agree, 0 when they agree
 * only as often as chance would have them, below 0 when they disagree systematically. Never above 1.
 *
 * Null where alpha is undefined: when no unit has two values (nothing to pair, n = 0), and when every
 * pairable value is the same (no variation, so the expected disagreement D_e is 0 and agreement says
 * nothing about the coders). The ordinal metric throws a RangeError for a value that is not a finite
 * number.
 */
export function krippendorffAlpha(data: ReliabilityData<number>, metric: "ordinal"): number | null;
export function krippendorffAlpha<T>(data: ReliabilityData<T>, metric: "nominal"): number | null;
export function krippendorffAlpha(data: ReliabilityData<number>, metric: Metric): number | null;
export function krippendorffAlpha(data: ReliabilityData<unknown>, metric: Metric): number | null {
  const table = coincidences(data);
  if (table.total === 0) return null;
  const delta = differences(metric, table);
  const { matrix, marginals, total } = table;
  let observed = 0; // n · D_o
  let expected = 0; // n(n − 1) · D_e
  for (let c = 0; c < marginals.length; c++) {
    for (let k = 0; k < marginals.length; k++) {
      observed += matrix[c]![k]! * delta[c]![k]!;
      expected += marginals[c]! * marginals[k]! * delta[c]![k]!;
    }
  }
  if (expected === 0) return null;
  return 1 - ((total - 1) * observed) / expected;
}

/**
 * Percentage agreement, 0 to 100 and not rounded: the share of agreeing pairs within each pairable
 * unit, averaged over the units weighted by their number of values, as the coincidence matrix weighs
 * them (Σ o_cc / n). So it is the observed agreement alpha starts from, and a claim four reviewers
 * assessed counts twice as much as one two reviewers assessed, not six times as much as counting all
 * pairs would. With two coders it is simply the share of units on which they agree. Null when no unit
 * has two values.
 */
export function percentAgreement<T>(data: ReliabilityData<T>): number | null {
  const { matrix, total } = coincidences(data);
  if (total === 0) return null;
  const agreeing = matrix.reduce((sum, row, c) => sum + row[c]!, 0);
  return (100 * agreeing) / total;
}

/** The verdicts independent reviewers gave one claim, one assessment per reviewer. */
export interface ClaimAssessments {
  claimId: string;
  assessments: readonly { reviewerId: string; verdict: VerdictId }[];
}

export interface VerdictAgreement {
  /** Claims assessed by at least two reviewers: the claims the figures below rest on. */
  claims: number;
  /** Distinct reviewers who assessed at least one of those claims. */
  reviewers: number;
  /** Percentage agreement on the verdict ids (see `percentAgreement`), 0 to 100, rounded to one decimal; null when no claim counts. */
  percent: number | null;
  alpha: {
    /** Over all verdict ids, each different verdict an equal disagreement. */
    nominal: number | null;
    /**
     * Over the false-to-true scale only: a verdict without a rating ("misleading", "unverifiable", …) is
     * missing here, so a claim with fewer than two rated verdicts drops out of this figure.
     */
    ordinal: number | null;
  };
  /** Claims whose reviewers did not all give the same verdict, in input order. */
  disagreements: string[];
}

/**
 * Agreement among reviewers who assessed claims independently. The alphas are not rounded; that is
 * the presentation's choice. A claim listed twice, or a reviewer twice within one claim, is a bug in
 * the caller and throws a RangeError: reliability data holds one value per reviewer and claim.
 */
export function verdictAgreement(units: readonly ClaimAssessments[]): VerdictAgreement {
  const claimIds = new Set<string>();
  for (const { claimId, assessments } of units) {
    if (claimIds.has(claimId)) throw new RangeError(`claim ${claimId} is listed twice`);
    claimIds.add(claimId);
    const reviewerIds = new Set(assessments.map((a) => a.reviewerId));
    if (reviewerIds.size !== assessments.length) throw new RangeError(`a reviewer assessed claim ${claimId} twice`);
  }
  const pairable = units.filter((unit) => unit.assessments.length >= 2);
  const verdicts = pairable.map((unit) => unit.assessments.map((a) => a.verdict));
  const ratings = verdicts.map((row) => row.map((verdict) => getVerdict(verdict).rating));
  const percent = percentAgreement(verdicts);
  return {
    claims: pairable.length,
    reviewers: new Set(pairable.flatMap((unit) => unit.assessments.map((a) => a.reviewerId))).size,
    percent: percent === null ? null : Math.round(percent * 10) / 10,
    alpha: { nominal: krippendorffAlpha(verdicts, "nominal"), ordinal: krippendorffAlpha(ratings, "ordinal") },
    disagreements: pairable.filter((unit) => new Set(unit.assessments.map((a) => a.verdict)).size > 1).map((unit) => unit.claimId),
  };
}
