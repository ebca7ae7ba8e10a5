// The claim and source shapes the UI receives: the API's flat claim, as lib/server/claims returns it.
export type { ClaimView as Claim, SourceView as Source } from "@/lib/server/claims";
export type { HistoryEntry } from "@/lib/server/history";

export interface Viewer {
  id: string;
  name: string;
  role: "viewer" | "reviewer" | "editor" | "admin";
  /** May edit claims: the role writes claims and, where the article requires assignment, the claim is theirs. */
  canEdit: boolean;
  /** May mark new claims in this article. */
  canMark: boolean;
  /** May set the claim's verdict: anyone who edits, except reviewers in independent review (they assess). */
  canSetVerdict: boolean;
  /** The article's review settings. */
  review: { independentReview: boolean; blind: boolean };
  /** Records assessments: reviewers, editors and admins (in independent review). */
  canAssess: boolean;
  /** Where the article requires assignment, the claims assigned to the viewer; null: every claim. */
  editableClaims: string[] | null;
  canDeleteAny: boolean;
  canRestore: boolean;
}
