// The claim and source shapes the UI receives: the API's flat claim, as lib/server/claims returns it.
export type { ClaimView as Claim, SourceView as Source } from "@/lib/server/claims";
export type { HistoryEntry } from "@/lib/server/history";

export interface Viewer {
  id: string;
  name: string;
  role: "viewer" | "reviewer" | "editor" | "admin";
  canEdit: boolean;
  canDeleteAny: boolean;
  canRestore: boolean;
}
