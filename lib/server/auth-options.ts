// next-auth configuration: email and password (credentials provider) with JWT sessions. The JWT
// carries a server-side session id, which sign-out revokes, so a captured cookie stops working.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { SignInSchema } from "@/lib/validation/user";
import { env } from "./env";
import { clientAddressFromHeaders } from "./client-address";
import { INVALID_MESSAGE, revokeSession, signInWithPassword, throttledMessage } from "./sign-in";

declare module "next-auth" {
  interface User {
    sid?: string;
    role?: string;
  }
  interface Session {
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}

export function authOptions(): NextAuthOptions {
  const settings = env();
  return {
    secret: settings.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: settings.SESSION_MAX_AGE_HOURS * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = SignInSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error(INVALID_MESSAGE);
          const headers = (req?.headers ?? {}) as Record<string, string | string[] | undefined>;
          const result = await signInWithPassword(parsed.data.email, parsed.data.password, clientAddressFromHeaders(headers));
          if (!result.ok) {
            throw new Error(result.reason === "throttled" ? throttledMessage(result.retryAfterMinutes) : INVALID_MESSAGE);
          }
          return { id: result.user.id, email: result.user.email, name: result.user.name, sid: result.sessionId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.sid) token.sid = user.sid;
        return token;
      },
      session({ session, token }) {
        session.sid = token.sid;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await revokeSession(token.sid);
      },
    },
  };
}
