// How a verdict looks: a colour class and a glyph, so the highlight and chips never rely on colour alone.
import { getVerdict, isVerdictId, verdictLabel as labelOf } from "@/lib/core/claim";

const ICONS: Record<string, string> = {
  true: "✓",
  mostly_true: "✓",
  half_true: "½",
  mostly_false: "✗",
  false: "✗",
  misleading: "!",
  needs_context: "i",
  unverifiable: "?",
  not_a_claim: "–",
};

export function verdictTone(verdict: string | null): string {
  if (!verdict || !isVerdictId(verdict)) return "tone-none";
  if (verdict === "not_a_claim") return "tone-not-claim";
  return `tone-${getVerdict(verdict).tone}`;
}

export function verdictIcon(verdict: string | null): string {
  return verdict ? (ICONS[verdict] ?? "•") : "•";
}

export function verdictLabel(verdict: string | null): string {
  return verdict ? labelOf(verdict) : "No verdict yet";
}
