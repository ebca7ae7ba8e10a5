import { verdictIcon, verdictLabel, verdictTone } from "./verdict-style";

export function VerdictChip({ verdict }: { verdict: string | null }) {
  return (
    <span className={`verdict-chip ${verdictTone(verdict)}`}>
      <span aria-hidden="true">{verdictIcon(verdict)}</span>
      {verdictLabel(verdict)}
    </span>
  );
}
