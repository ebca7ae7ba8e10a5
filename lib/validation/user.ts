// Inputs for accounts: sign-in, users created by an admin or the CLI, and a user's own name and password.
import { z } from "zod";
import { ROLES } from "@/lib/core/roles";
import { safeString } from "./common";

export const MIN_PASSWORD_LENGTH = 12;

export const email = safeString().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address."));

export const SignInSchema = z.object({
  email: safeString().trim().toLowerCase().min(1, "Enter your email.").max(254),
  password: safeString().min(1, "Enter your password.").max(1024),
});

const personName = safeString().trim().min(1, "Name is required.").max(120);
const newPassword = safeString()
  .min(MIN_PASSWORD_LENGTH, `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(1024, "Passwords can have at most 1,024 characters.");

export const UserCreateSchema = z.strictObject({
  email,
  name: personName,
  role: z.enum(ROLES),
  password: newPassword,
});
export type UserCreateInput = z.infer<typeof UserCreateSchema>;

/** The sign-in page: where to go afterwards (checked to be a path on this site by the page). */
export const SignInQuerySchema = z.object({ callbackUrl: z.string().max(2000).optional() });

/** The account an admin's action names: any stored email (looked up, not checked for shape). */
export const UserEmailSchema = safeString().trim().toLowerCase().min(1, "Name the user by email.").max(254);
/** Disable (true) or enable (false) an account: nothing else, so "false" as text cannot disable one. */
export const UserDisabledSchema = z.boolean({ error: "disabled is true or false." });

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 3650;

/** A new API token: a label to recognise it by, and how many days it lasts. */
export const TokenCreateSchema = z.strictObject({
  name: safeString().trim().min(1, "Name the token, e.g. after the script that uses it.").max(100, "A token's name has at most 100 characters.").default("API token"),
  days: z
    .number({ error: `Days must be a whole number from 1 to ${MAX_TOKEN_DAYS}.` })
    .int(`Days must be a whole number from 1 to ${MAX_TOKEN_DAYS}.`)
    .min(1, `Days must be a whole number from 1 to ${MAX_TOKEN_DAYS}.`)
    .max(MAX_TOKEN_DAYS, `Days must be a whole number from 1 to ${MAX_TOKEN_DAYS}.`)
    .default(DEFAULT_TOKEN_DAYS),
});

/** A user renames themselves. */
export const AccountNameSchema = z.strictObject({ name: personName });

/** A user changes their own password: the current one, and the new one twice, the same. */
export const PasswordChangeSchema = z
  .strictObject({
    current: safeString().min(1, "Enter your current password.").max(1024),
    password: newPassword,
    confirm: safeString().max(1024),
  })
  .refine((value) => value.confirm === value.password, { message: "The two new passwords differ.", path: ["confirm"] });
