// The verdict scale as a select's options, the same in every verdict select: rated verdicts show their
// place on the five-point scale.
import { VERDICTS } from "@/lib/core/claim";

export function VerdictOptions() {
  return VERDICTS.map((v) => (
    <option key={v.id} value={v.id}>
      {v.rating ? `${v.label} (${v.rating})` : v.label}
    </option>
  ));
}
