import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth-options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth v4 types its App Router handler loosely; this is the shape it is called with.
type RouteHandler = (request: Request, context: Ctx) => Promise<Response>;

async function handler(request: Request, context: Ctx) {
  return (NextAuth(authOptions()) as RouteHandler)(request, context);
}

export { handler as GET, handler as POST };
