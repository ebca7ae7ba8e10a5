// Inputs for accounts: sign-in, and users created by an admin or the CLI.
import { z } from "zod";
import { ROLES } from "@/lib/core/roles";
import { safeString } from "./common";

export const MIN_PASSWORD_LENGTH = 12;

export const email = safeString().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address."));

export const SignInSchema = z.object({
  email: safeString().trim().toLowerCase().min(1, "Enter your email.").max(254),
  password: safeString().min(1, "Enter your password.").max(1024),
});

export const UserCreateSchema = z.strictObject({
  email,
  name: safeString().trim().min(1, "Name is required.").max(120),
  role: z.enum(ROLES),
  password: safeString()
    .min(MIN_PASSWORD_LENGTH, `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(1024),
});
export type UserCreateInput = z.infer<typeof UserCreateSchema>;

/** The sign-in page: where to go afterwards (checked to be a path on this site by the page). */
export const SignInQuerySchema = z.object({ callbackUrl: z.string().max(2000).optional() });

/** The account an admin's action names: any stored email (looked up, not checked for shape). */
export const UserEmailSchema = safeString().trim().toLowerCase().min(1, "Name the user by email.").max(254);
/** Disable (true) or enable (false) an account: nothing else, so "false" as text cannot disable one. */
export const UserDisabledSchema = z.boolean({ error: "disabled is true or false." });
