// The fonts embedded in PDF reports, read once from the dejavu-fonts-ttf package. DejaVu because it
// covers Latin, Cyrillic and Greek (source titles and quotes are often not in English), it is freely
// licensed (Bitstream Vera licence, public-domain changes) so it may be embedded and shipped, and it
// comes from npm, so a server needs no system fonts. The PDF renderer itself stays pure: it takes bytes.
// No "server-only" import: the CLI exports reports with this too.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ReportFonts } from "@/lib/core/report/pdf";

export type LoadedReportFonts = Required<ReportFonts>;

let cached: LoadedReportFonts | null = null;

export function reportFontsDir(): string {
  return path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
}

export function loadReportFonts(): LoadedReportFonts {
  if (cached) return cached;
  const dir = reportFontsDir();
  const read = (file: string) => new Uint8Array(readFileSync(path.join(dir, file)));
  cached = {
    regular: read("DejaVuSans.ttf"),
    bold: read("DejaVuSans-Bold.ttf"),
    italic: read("DejaVuSans-Oblique.ttf"),
    serif: read("DejaVuSerif.ttf"),
  };
  return cached;
}
