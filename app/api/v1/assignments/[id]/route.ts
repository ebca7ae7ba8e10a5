import { api } from "@/lib/server/api";
import { removeAssignment } from "@/lib/server/assignments";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  DELETE: api(async ({ actor, params }) => {
    await removeAssignment(actor, params.id!);
    return new Response(null, { status: 204 });
  }),
});
