"use client";
// Unsaved edits survive a reload: a form's values are kept in localStorage under a key until they are
// saved or discarded, and leaving the page with unsaved changes asks first. A browser can be shared:
// keys carry the user's id, so one user's draft is never offered to another, and signing out removes
// every draft (what was typed stays on this machine only while its author is signed in).
import { useEffect } from "react";

const PREFIX = "factcheck:draft:";

/** The storage key of one form's draft, e.g. draftKey(viewer.id, "claim", claim.id). */
export function draftKey(userId: string, form: "claim" | "source" | "comment", recordId: string): string {
  return `${PREFIX}${userId}:${form}:${recordId}`;
}

/** Removes every draft kept in this browser, of any user (and any from before drafts were per user). */
export function clearAllDrafts() {
  try {
    const keys = Array.from({ length: window.localStorage.length }, (_, i) => window.localStorage.key(i));
    for (const key of keys) if (key?.startsWith(PREFIX)) window.localStorage.removeItem(key);
  } catch {
    // Storage disabled: there is nothing kept to remove.
  }
}

export function loadDraft<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, value: unknown) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the beforeunload prompt still guards the edit.
  }
}

export function clearDraft(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing to do
  }
}

export function useLeaveGuard(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);
}
