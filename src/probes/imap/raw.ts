/**
 * Commands imapflow has no method for (SORT, THREAD, MYRIGHTS, GETACL, LIST ""
 * ""), sent through its command pipeline so they share the session, the
 * parser and the transcript. `exec` is imapflow's internal dispatcher; it is
 * typed here once so the rest of the probe stays typed.
 */
import type { ImapAttribute, ImapFlow, ImapResponse } from 'imapflow';

type UntaggedHandler = (response: ImapResponse) => void | Promise<void>;

interface ImapExec {
  exec(command: string, attributes: unknown[] | false, options?: { untagged?: Record<string, UntaggedHandler> }): Promise<{ response: ImapResponse; next: () => void }>;
}

export const atom = (value: string): { type: 'ATOM'; value: string } => ({ type: 'ATOM', value });
export const quoted = (value: string): { type: 'STRING'; value: string } => ({ type: 'STRING', value });

/** Sends one command; returns the untagged responses named in `collect`. Rejects on NO/BAD. */
export async function rawCommand(client: ImapFlow, command: string, attributes: unknown[] | false, collect: readonly string[]): Promise<ImapResponse[]> {
  const collected: ImapResponse[] = [];
  const untagged = Object.fromEntries(collect.map((name): [string, UntaggedHandler] => [name, (response) => void collected.push(response)]));
  const { next } = await (client as unknown as ImapExec).exec(command, attributes, { untagged });
  next();
  return collected;
}

/** Flattens parsed attributes to their string values (NIL → ''). */
export function attributeValues(attributes: readonly ImapAttribute[] | undefined): string[] {
  return (attributes ?? []).map((a) => (a && !Array.isArray(a) && a.value !== undefined && a.value !== null ? String(a.value) : ''));
}

/** `* SORT 3 1 2` → [3, 1, 2]. */
export function sortNumbers(responses: readonly ImapResponse[]): number[] {
  return responses.flatMap((r) => attributeValues(r.attributes).map(Number)).filter((n) => Number.isInteger(n) && n > 0);
}

/** `* THREAD (1 3)(2)` → [[1, 3], [2]]: each top-level thread as the set of its message numbers. */
export function threadGroups(responses: readonly ImapResponse[]): number[][] {
  const flatten = (node: ImapAttribute): number[] =>
    Array.isArray(node) ? node.flatMap(flatten) : node && node.value !== undefined && node.value !== null ? [Number(node.value)] : [];
  return responses.flatMap((r) => (r.attributes ?? []).map(flatten)).filter((group) => group.length > 0);
}
