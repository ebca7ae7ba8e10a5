// Tests for role permissions.

import { describe, expect, it } from "vitest";
import { type Permission, PERMISSIONS, ROLES, ROLE_LABELS, can, canDeleteClaim, isRole } from "./roles";

describe("can", () => {
  it("grants each role exactly its permissions", () => {
    const granted = (role: (typeof ROLES)[number]) => PERMISSIONS.filter((p) => can(role, p));
    expect(granted("viewer")).toEqual(["account.own", "article.read", "audit.read"]);
    expect(granted("reviewer")).toEqual(["account.own", "article.read", "claim.write", "comment.write", "audit.read"]);
    expect(granted("editor")).toEqual([
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
      "audit.read",
    ]);
    expect(granted("admin")).toEqual([...PERMISSIONS]);
  });

  it("is monotonic: a higher role has every permission of a lower one", () => {
    for (let i = 1; i < ROLES.length; i++) {
      for (const p of PERMISSIONS as readonly Permission[]) {
        const lower = ROLES[i - 1];
        const higher = ROLES[i];
        if (lower && higher && can(lower, p)) expect(can(higher, p)).toBe(true);
      }
    }
    expect(Object.keys(ROLE_LABELS)).toEqual([...ROLES]);
  });
});

describe("isRole", () => {
  it("accepts exactly the four roles", () => {
    for (const r of ["viewer", "reviewer", "editor", "admin"]) expect(isRole(r)).toBe(true);
    for (const x of ["owner", "", "Admin", 0, null, undefined]) expect(isRole(x)).toBe(false);
  });
});

describe("canDeleteClaim", () => {
  it("lets authors who can still write delete their own claims", () => {
    expect(canDeleteClaim("reviewer", "u1", "u1")).toBe(true);
    expect(canDeleteClaim("reviewer", "u1", "u2")).toBe(false);
    expect(canDeleteClaim("viewer", "u1", "u1")).toBe(false);
    expect(canDeleteClaim("reviewer", "u1", null)).toBe(false);
  });

  it("never treats a missing actor id as the author of a claim without one", () => {
    // Defensive: a caller that lost the actor's id must not match an authorless claim.
    expect(canDeleteClaim("reviewer", null as unknown as string, null)).toBe(false);
  });

  it("lets editors and admins delete anyone's claims", () => {
    expect(canDeleteClaim("editor", "u1", "u2")).toBe(true);
    expect(canDeleteClaim("admin", "u1", null)).toBe(true);
  });

  it("denies a role string that is not a known role", () => {
    expect(can("owner" as never, "article.read")).toBe(false);
    expect(canDeleteClaim("owner" as never, "u1", "u1")).toBe(false);
  });
});
