// Roles and what each may do, as a closed set of permissions. Server code asks `can` at every entry
// point; the UI may ask too, but only to hide controls, never as the check.

export const ROLES = ["viewer", "reviewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  viewer: "Viewer",
  reviewer: "Reviewer",
  editor: "Editor",
  admin: "Admin",
};

export const PERMISSIONS = [
  "account.own",
  "article.read",
  "article.write",
  "claim.write",
  "claim.delete_any",
  "claim.restore",
  "assignment.manage",
  "claim.approve",
  "comment.write",
  "comment.moderate",
  "user.manage",
  "audit.read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Everyone manages their own account (name, password, API tokens).
const VIEWER: readonly Permission[] = ["account.own", "article.read", "audit.read"];
// Reviewers discuss claims; editors also remove anyone's comment.
const REVIEWER: readonly Permission[] = [...VIEWER, "claim.write", "comment.write"];
const EDITOR: readonly Permission[] = [...REVIEWER, "article.write", "claim.delete_any", "claim.restore", "assignment.manage", "claim.approve", "comment.moderate"];

// A Map rather than a record so that an unexpected role string read from storage denies instead of throwing.
const GRANTS: ReadonlyMap<string, ReadonlySet<Permission>> = new Map<Role, ReadonlySet<Permission>>([
  ["viewer", new Set(VIEWER)],
  ["reviewer", new Set(REVIEWER)],
  ["editor", new Set(EDITOR)],
  ["admin", new Set(PERMISSIONS)],
]);

export function isRole(x: unknown): x is Role {
  return typeof x === "string" && (ROLES as readonly string[]).includes(x);
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS.get(role)?.has(permission) ?? false;
}

/** Authors who may still write claims can delete their own; editors and admins can delete any. */
export function canDeleteClaim(role: Role, actorId: string, authorId: string | null): boolean {
  if (can(role, "claim.delete_any")) return true;
  return authorId !== null && actorId === authorId && can(role, "claim.write");
}
