// Independent review's rules: when a claim's assessments are complete, and who sees whose assessments
// (blind review). Pure: the data-access layer reads the rows and asks here, for the claim panel, the
// assessments API, the agreement figures and the audit trail alike, so one rule hides an assessment
// everywhere.
import { can, type Role } from "./roles";

/** The article's review settings. */
export interface ReviewSettings {
  /** Each reviewer records their own assessment; editors set the verdict. */
  independentReview: boolean;
  /** A reviewer sees others' assessments of a claim only after submitting their own. */
  blind: boolean;
}

/**
 * Whether a claim's assessments are complete: every reviewer assigned to it (the article or the claim)
 * has submitted one; without assignments, at least two reviewers have.
 */
export function assessmentsComplete(assessors: readonly string[], assigned: readonly string[]): boolean {
  const submitted = new Set(assessors);
  if (assigned.length === 0) return submitted.size >= 2;
  return assigned.every((id) => submitted.has(id));
}

export interface AssessmentViewer {
  id: string;
  /** Editors and admins: they adjudicate, so they always see every assessment. */
  adjudicates: boolean;
  /** Reviewers (who assess) as against viewers (who only read). */
  assesses: boolean;
}

/** A person as independent review sees them: their role decides whether they adjudicate or assess. */
export function reviewViewer(person: { id: string; role: Role }): AssessmentViewer {
  return { id: person.id, adjudicates: can(person.role, "claim.approve"), assesses: can(person.role, "claim.write") };
}

/**
 * Whether the viewer sees the other reviewers' assessments of a claim (their own they always see).
 * Editors always do. Viewers only once the claim's verdict is settled (`settled`: approved, from the
 * approval step on; until then never). Reviewers do, except in blind review before they have
 * submitted their own.
 */
export function seesOthersAssessments(viewer: AssessmentViewer, settings: Pick<ReviewSettings, "blind">, claim: { settled: boolean; assessors: readonly string[] }): boolean {
  if (viewer.adjudicates) return true;
  if (!viewer.assesses) return claim.settled;
  return !settings.blind || claim.assessors.includes(viewer.id);
}

/** The assessments of a claim the viewer sees, and how many are withheld from them. */
export function visibleAssessments<A extends { reviewerId: string }>(
  viewer: AssessmentViewer,
  settings: Pick<ReviewSettings, "blind">,
  claim: { settled: boolean },
  assessments: readonly A[],
): { items: A[]; hidden: number } {
  const assessors = assessments.map((a) => a.reviewerId);
  if (seesOthersAssessments(viewer, settings, { settled: claim.settled, assessors })) return { items: [...assessments], hidden: 0 };
  const items = assessments.filter((a) => a.reviewerId === viewer.id);
  return { items, hidden: assessments.length - items.length };
}

/**
 * Whether the viewer sees other people's comments on a claim (their own they always see). Discussion
 * is open to the desk, except in blind review, where it follows the assessments (it would give them
 * away): a reviewer reads the others' comments once they have submitted their own assessment, a viewer
 * once the verdict is settled; editors always.
 */
export function seesOthersComments(viewer: AssessmentViewer, settings: Pick<ReviewSettings, "blind">, claim: { settled: boolean; assessors: readonly string[] }): boolean {
  return !settings.blind || seesOthersAssessments(viewer, settings, claim);
}

/** The comments of a claim the viewer sees, and how many are withheld from them. */
export function visibleComments<C extends { authorId: string }>(
  viewer: AssessmentViewer,
  settings: Pick<ReviewSettings, "blind">,
  claim: { settled: boolean; assessors: readonly string[] },
  comments: readonly C[],
): { items: C[]; hidden: number } {
  if (seesOthersComments(viewer, settings, claim)) return { items: [...comments], hidden: 0 };
  const items = comments.filter((c) => c.authorId === viewer.id);
  return { items, hidden: comments.length - items.length };
}
