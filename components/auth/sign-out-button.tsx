"use client";
import { signOut } from "next-auth/react";
import { clearAllDrafts } from "@/components/claim/use-draft";

export function SignOutButton() {
  function signOutAndForget() {
    // Drafts are cleared first: the next person on this browser must not find what was typed.
    clearAllDrafts();
    void signOut({ callbackUrl: "/sign-in" });
  }
  return (
    <button type="button" className="btn btn-secondary" onClick={signOutAndForget}>
      Sign out
    </button>
  );
}
