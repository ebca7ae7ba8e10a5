// Inputs for accounts: sign-in, and users created by an admin or the CLI.
import { z } from "zod";
import { ROLES } from "@/lib/core/roles";

export const MIN_PASSWORD_LENGTH = 12;

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address."));

export const SignInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email.").max(254),
  password: z.string().min(1, "Enter your password.").max(1024),
});

export const UserCreateSchema = z.strictObject({
  email,
  name: z.string().trim().min(1, "Name is required.").max(120),
  role: z.enum(ROLES),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(1024),
});
export type UserCreateInput = z.infer<typeof UserCreateSchema>;
