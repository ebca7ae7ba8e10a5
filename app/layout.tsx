import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { ROLE_LABELS, can } from "@/lib/core/roles";
import { queueWaiting } from "@/lib/server/assignments";
import { openDemoAccounts } from "@/lib/server/seed";
import { currentActor } from "@/lib/server/session";
import { SignOutButton } from "@/components/auth/sign-out-button";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Factcheck Desk", template: "%s · Factcheck Desk" },
  description: "Mark claims in articles, give verdicts with sources, keep every change on record.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  const openDemo = actor && can(actor.role, "user.manage") ? await openDemoAccounts() : [];
  const waiting = actor && !actor.mustChangePassword ? await queueWaiting(actor) : 0;
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <header className="border-b border-stone-200 bg-white">
          <div className="mx-auto flex max-w-[88rem] items-center justify-between gap-4 px-4 py-2.5 sm:px-6">
            <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-stone-900">
              <span aria-hidden="true" className="grid h-7 w-7 place-items-center rounded bg-stone-900 text-sm text-white">
                ✓
              </span>
              Factcheck Desk
            </Link>
            {actor ? (
              <nav aria-label="Account" className="flex items-center gap-4 text-sm">
                <Link href="/" className="text-stone-700 hover:text-stone-950">
                  Articles
                </Link>
                <Link href="/queue" className="text-stone-700 hover:text-stone-950" aria-label={waiting ? `My queue, ${waiting} waiting` : "My queue"}>
                  My queue
                  {waiting ? (
                    <span aria-hidden="true" className="ml-1 rounded-full bg-stone-900 px-1.5 py-0.5 text-xs font-semibold tabular-nums text-white">
                      {waiting}
                    </span>
                  ) : null}
                </Link>
                {can(actor.role, "user.manage") ? (
                  <Link href="/admin/users" className="text-stone-700 hover:text-stone-950">
                    Users
                  </Link>
                ) : null}
                <Link href="/tokens" className="text-stone-700 hover:text-stone-950">
                  Tokens
                </Link>
                <Link href="/account" className="text-stone-600 hover:text-stone-950" aria-label={`Account: ${actor.name}, ${ROLE_LABELS[actor.role]}`}>
                  <span className="font-medium text-stone-900">{actor.name}</span>{" "}
                  <span className="rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700">{ROLE_LABELS[actor.role]}</span>
                </Link>
                <SignOutButton />
              </nav>
            ) : null}
          </div>
        </header>
        {openDemo.length ? (
          <section aria-label="Security warning" className="border-b border-amber-300 bg-amber-50 text-sm text-amber-950">
            <p className="mx-auto max-w-[88rem] px-4 py-2 sm:px-6">
              <strong className="font-semibold">Demo accounts are open.</strong>{" "}
              {openDemo.length === 1 ? "The demo account " : "The demo accounts "}
              {openDemo.join(", ")} still {openDemo.length === 1 ? "has" : "have"} the published password, so anyone who can reach this
              server can sign in with {openDemo.length === 1 ? "it" : "them"}. Add your own accounts, then disable the demo ones on the{" "}
              <Link href="/admin/users" className="font-medium underline underline-offset-2">
                Users page
              </Link>
              .
            </p>
          </section>
        ) : null}
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
