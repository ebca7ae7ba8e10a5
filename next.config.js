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
  // Server actions keep Next's 1 MB body limit: they run before any check of who is asking. Large
  // uploads (annotation imports) go through route handlers that authenticate before reading the body.
  experimental: { authInterrupts: true },
};

export default nextConfig;
