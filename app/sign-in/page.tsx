import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/server/session";
import { SignInForm } from "@/components/auth/sign-in-form";
import { pageQuery, type PageSearchParams } from "@/lib/validation/query";
import { SignInQuerySchema } from "@/lib/validation/user";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  if (await currentActor()) redirect("/");
  const { callbackUrl } = pageQuery(SignInQuerySchema, await searchParams);
  return (
    <div className="mx-auto mt-16 max-w-sm px-4">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-1 text-sm text-stone-600">Use the account your desk gave you.</p>
      <SignInForm next={sameSitePath(callbackUrl)} />
    </div>
  );
}

/**
 * Where to go after signing in: only a path on this site. Browsers read "/\\host" and paths with tabs
 * as links to another host, so the path is resolved against a placeholder origin and must stay on it.
 */
function sameSitePath(callbackUrl: string | undefined): string {
  const unsafe = [...(callbackUrl ?? "")].some((c) => c === "\\" || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (!callbackUrl || !callbackUrl.startsWith("/") || unsafe) return "/";
  const base = "http://this-site.invalid";
  try {
    const url = new URL(callbackUrl, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
