// The acting user as every data-access function receives it, and the permission check they all call
// first. Free of Next.js imports so the CLI and tests use the same functions as the app.
import { createHash } from "node:crypto";
import { can, type Permission, type Role } from "@/lib/core/roles";
import { forbidden } from "./errors";

export interface Actor {
  id: string;
  name: string;
  email: string;
  role: Role;
  via: "session" | "token" | "cli";
  /** A session of a user whose password an admin reset: only their account page is open to them. */
  mustChangePassword?: true;
}

export function assertCan(actor: Actor, permission: Permission) {
  if (!can(actor.role, permission)) throw forbidden();
}

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}
