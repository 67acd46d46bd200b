/**
 * What this process has met of the program's own objects during the run it serves (Pulumi starts
 * a provider host, or a provider plugin, for one deployment): the ids the engine handed to a diff,
 * read, update or delete, and the ids our creates made or adopted. A create looking for an
 * interrupted apply's twin (lifecycle/object.ts) never takes one of these: such an object is a
 * resource of this program (the object a replacement is about to replace, a twin of the program's
 * own), not an orphan.
 *
 * Adopted ids are kept apart: when the engine later deletes an id a create of this run adopted
 * (a `pulumi up --replace` of an object that looks like its own twin, a renamed resource whose old
 * name is deleted at the end), the object now belongs to the new resource and must stay.
 */
const met = new Map<string, Set<string>>();
const adopted = new Map<string, Set<string>>();

function add(table: Map<string, Set<string>>, kind: string, id: string): void {
  if (!id) return;
  let ids = table.get(kind);
  if (!ids) table.set(kind, (ids = new Set()));
  ids.add(id);
}

/** The engine (or our create) named this object of `kind` as one of the program's. */
export function meet(kind: string, id: string): void {
  add(met, kind, id);
}

/** Whether this run has met the object as one of the program's. */
export function hasMet(kind: string, id: string): boolean {
  return met.get(kind)?.has(id) ?? false;
}

/** A create of this run took over this existing object. */
export function noteAdopted(kind: string, id: string): void {
  add(met, kind, id);
  add(adopted, kind, id);
}

/** Whether a create of this run took over this object (so a delete of it in the same run must leave it). */
export function wasAdopted(kind: string, id: string): boolean {
  return adopted.get(kind)?.has(id) ?? false;
}

/** Forgets everything (tests that run several deployments in one process). */
export function forgetRun(): void {
  met.clear();
  adopted.clear();
}
