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
  /** May set the claim's verdict by a save: anyone who edits, outside independent review. */
  canSetVerdict: boolean;
  /** Editors and admins: propose the final verdict (independent review) and approve verdicts. */
  canDecide: boolean;
  /** The desk has two or more editors: nobody approves a verdict they gave themselves. */
  secondApproverRequired: boolean;
  /** The article's review settings. */
  review: { independentReview: boolean; blind: boolean };
  /** Records assessments: reviewers, editors and admins (in independent review). */
  canAssess: boolean;
  /** Where the article requires assignment, the claims assigned to the viewer; null: every claim. */
  editableClaims: string[] | null;
  canDeleteAny: boolean;
  /** Takes part in the discussion: reviewers, editors, admins. */
  canComment: boolean;
  /** Editors and admins: delete anyone's comment. */
  canModerateComments: boolean;
  canRestore: boolean;
}
