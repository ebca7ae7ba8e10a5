// Next.js configuration. Security headers (CSP with a per-request nonce, frame-ancestors, nosniff,
// Referrer-Policy) are set by the app's own server, scripts/server.ts, so they cover every response.

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second checkout-local build directory lets a benchmark or a screenshot run build side by side
  // with a test run; the default is Next's own .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg", "pino"],
  typescript: { ignoreBuildErrors: false },
  // Annotation files imported through a server action can be larger than the 1 MB default.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "10mb" } },
};

export default nextConfig;
