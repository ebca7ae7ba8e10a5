"use client";
// A claim's discussion in its panel: the comments the viewer may read (blind review withholds the
// others' until the viewer has submitted their assessment, and says how many), oldest first; one's own
// comments can be edited and deleted, an editor deletes anyone's; and a box to write a new one, kept as
// a draft in this browser until it is posted.
import { useEffect, useState, type FormEvent } from "react";
import type { CommentView } from "@/lib/server/comments";
import { CommentEditSchema, CommentInputSchema } from "@/lib/validation/comment";
import { addCommentAction, deleteCommentAction, editCommentAction, listCommentsAction } from "@/app/articles/actions";
import { FieldError, invalidProps } from "@/components/ui/field-errors";
import { formatDateTime } from "@/components/ui/format";
import { FormMessage, type FormMessageValue } from "@/components/ui/form-message";
import { submitChecked } from "@/components/ui/submit";
import { CommentBody } from "./comment-body";
import type { Claim, Viewer } from "./types";
import { clearDraft, draftKey, loadDraft, saveDraft, useLeaveGuard } from "./use-draft";

type Thread = { items: CommentView[]; hidden: number };

interface Props {
  claim: Claim;
  viewer: Viewer;
  /** Changes when something else in the panel changed (an assessment submitted may reveal comments). */
  reloadKey: number;
  /** After a comment is posted, edited or deleted (the claim's history grows). */
  onChanged: () => void;
}

export function ClaimDiscussion({ claim, viewer, reloadKey, onChanged }: Props) {
  const [thread, setThread] = useState<Thread | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    void listCommentsAction(claim.id).then((result) => {
      if (!live) return;
      if (result.ok) setThread(result.data);
      else setLoadError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [claim.id, reloadKey]);

  const changed = (next: Thread) => {
    setThread(next);
    onChanged();
  };

  async function remove(comment: CommentView) {
    const own = comment.author.id === viewer.id;
    if (!window.confirm(own ? "Delete your comment?" : `Delete ${comment.author.name}'s comment?`)) return;
    const result = await deleteCommentAction(claim.id, comment.id);
    if (result.ok) changed(result.data);
    else setRowError({ id: comment.id, text: result.error.message });
  }

  const count = thread ? thread.items.length + thread.hidden : null;
  return (
    <section aria-labelledby="discussion-heading" className="mt-5 border-t border-stone-200 pt-4">
      <h3 id="discussion-heading" className="text-sm font-semibold uppercase tracking-wide text-stone-600">
        Discussion{count ? ` (${count})` : ""}
      </h3>
      {loadError ? (
        <p role="alert" className="field-error">
          {loadError}
        </p>
      ) : null}
      {thread === null && !loadError ? <p className="mt-2 text-sm text-stone-500">Loading…</p> : null}
      {thread && thread.hidden > 0 ? (
        <p className="mt-2 rounded-md bg-stone-100 px-2.5 py-1.5 text-sm text-stone-800">
          {thread.hidden === 1 ? "1 comment is" : `${thread.hidden} comments are`} hidden
          {viewer.canAssess ? " until you submit your assessment (blind review)." : " until the verdict is approved."}
        </p>
      ) : null}
      {thread && thread.items.length > 0 ? (
        <ol className="mt-2 space-y-2" aria-label="Comments">
          {thread.items.map((comment) => {
            const own = comment.author.id === viewer.id;
            const mayEdit = own && viewer.canComment;
            const mayDelete = viewer.canComment && (own || viewer.canModerateComments);
            return (
              <li key={comment.id} className="rounded-md border border-stone-200 p-2.5" aria-label={`Comment by ${comment.author.name}`}>
                <p className="text-xs text-stone-600">
                  <span className="font-medium text-stone-900">
                    {comment.author.name}
                    {own ? " (you)" : ""}
                  </span>{" "}
                  · <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
                  {comment.edited ? <span title={`Edited ${formatDateTime(comment.updatedAt)}`}> · edited</span> : null}
                </p>
                {editing === comment.id ? (
                  <EditForm
                    claimId={claim.id}
                    comment={comment}
                    onDone={(next) => {
                      if (next) changed(next);
                      setEditing(null);
                    }}
                  />
                ) : (
                  <>
                    <div className="mt-1">
                      <CommentBody segments={comment.segments} />
                    </div>
                    {mayEdit || mayDelete ? (
                      <div className="mt-1 flex gap-3">
                        {mayEdit ? (
                          <button type="button" className="btn-link text-xs" onClick={() => setEditing(comment.id)}>
                            Edit
                          </button>
                        ) : null}
                        {mayDelete ? (
                          <button type="button" className="btn-link text-xs text-red-800" onClick={() => void remove(comment)}>
                            Delete
                          </button>
                        ) : null}
                      </div>
                    ) : null}
                    {rowError?.id === comment.id ? (
                      <p role="alert" className="field-error">
                        {rowError.text}
                      </p>
                    ) : null}
                  </>
                )}
              </li>
            );
          })}
        </ol>
      ) : thread && thread.hidden === 0 ? (
        <p className="mt-2 text-sm text-stone-500">No comments yet.</p>
      ) : null}
      {viewer.canComment && thread ? <NewComment claimId={claim.id} viewerId={viewer.id} onPosted={changed} /> : null}
    </section>
  );
}

function NewComment({ claimId, viewerId, onPosted }: { claimId: string; viewerId: string; onPosted: (thread: Thread) => void }) {
  const key = draftKey(viewerId, "comment", claimId);
  const [body, setBody] = useState(() => loadDraft<string>(key) ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<FormMessageValue>(null);
  const [busy, setBusy] = useState(false);
  useLeaveGuard(body.trim() !== "");

  function change(value: string) {
    setBody(value);
    if (value.trim()) saveDraft(key, value);
    else clearDraft(key);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { body };
    setBusy(true);
    const result = await submitChecked(CommentInputSchema, input, () => addCommentAction(claimId, input));
    setBusy(false);
    setErrors(result.ok ? {} : result.fields);
    if (!result.ok) {
      setMessage(result.message ? { kind: "error", text: result.message } : null);
      return;
    }
    change("");
    setMessage({ kind: "ok", text: "Comment posted." });
    onPosted(result.data);
  }

  return (
    <form onSubmit={submit} noValidate className="mt-3 space-y-2">
      <div>
        <label htmlFor="comment-body" className="field-label">
          Add a comment
        </label>
        <textarea
          id="comment-body"
          className="input min-h-16"
          value={body}
          onChange={(e) => change(e.target.value)}
          aria-describedby={errors.body ? "comment-body-error" : "comment-hint"}
          aria-invalid={errors.body ? true : undefined}
        />
        <p id="comment-hint" className="mt-1 text-xs text-stone-600">
          Plain text; links become clickable. Mention a colleague with @ and their name, e.g. @{"Erin Editor"}: it shows in their queue.
        </p>
        <FieldError errors={errors} name="body" idPrefix="comment" />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className="btn btn-secondary" disabled={busy}>
          Post comment
        </button>
        <FormMessage message={message} />
      </div>
    </form>
  );
}

function EditForm({ claimId, comment, onDone }: { claimId: string; comment: CommentView; onDone: (thread: Thread | null) => void }) {
  const [body, setBody] = useState(comment.body);
  // The version edited: after a conflict, the one shown as "now reads", so saving again is a decision.
  const [version, setVersion] = useState(comment.version);
  const [theirs, setTheirs] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<FormMessageValue>(null);
  const [busy, setBusy] = useState(false);
  const idPrefix = `comment-${comment.id}`;
  useLeaveGuard(body !== comment.body);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { body, version };
    let current: CommentView | null = null;
    setBusy(true);
    const result = await submitChecked(CommentEditSchema, input, async () => {
      const sent = await editCommentAction(claimId, comment.id, input);
      if (!sent.ok && sent.error.code === "conflict") current = (sent.error.current as CommentView | undefined) ?? null;
      return sent;
    });
    setBusy(false);
    setErrors(result.ok ? {} : result.fields);
    if (result.ok) {
      onDone(result.data);
      return;
    }
    const now = current as CommentView | null;
    if (now) {
      setVersion(now.version);
      setTheirs(now.body);
    }
    setMessage(result.message ? { kind: "error", text: now ? `${result.message} Save again to replace it with yours.` : result.message } : null);
  }

  return (
    <form onSubmit={submit} noValidate className="mt-1 space-y-2" aria-label="Edit comment">
      <label htmlFor={`${idPrefix}-body`} className="sr-only">
        Edit comment
      </label>
      <textarea id={`${idPrefix}-body`} className="input min-h-16" value={body} onChange={(e) => setBody(e.target.value)} {...invalidProps(errors, "body", idPrefix)} autoFocus />
      <FieldError errors={errors} name="body" idPrefix={idPrefix} />
      {theirs !== null ? (
        <div className="rounded-md bg-amber-50 p-2 text-sm">
          <p className="text-xs font-medium text-amber-900">It now reads:</p>
          <p className="whitespace-pre-wrap break-words">{theirs}</p>
        </div>
      ) : null}
      <div className="flex items-center gap-3">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Save comment
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
        <FormMessage message={message} />
      </div>
    </form>
  );
}
