import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-16 max-w-lg px-4 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-stone-600">There is nothing at this address. It may have been removed.</p>
      <Link href="/" className="btn btn-secondary mt-6">
        Back to articles
      </Link>
    </div>
  );
}
