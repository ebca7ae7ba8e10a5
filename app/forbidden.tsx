import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto mt-16 max-w-lg px-4 text-center">
      <h1 className="text-2xl font-semibold">You do not have permission to do that</h1>
      <p className="mt-2 text-stone-600">Your role does not allow this page. Ask an editor or an admin if you need it.</p>
      <Link href="/" className="btn btn-secondary mt-6">
        Back to articles
      </Link>
    </div>
  );
}
