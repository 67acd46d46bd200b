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
 *
 * And what a collection held when the run first looked (`firstLook`): a twin an interrupted apply
 * left exists before the run starts, and everything this run makes or touches afterwards is met, so
 * one list per collection serves every create of the run (a thousand creates: one list, not a
 * thousand). A twin found in it is confirmed against a list sent then, so an object deleted since is
 * never taken. (The test harness drives several deployments through one host process; there, an
 * object appearing after the first look is only found by a host of its own, as each real deployment has.)
 */
const met = new Map<string, Set<string>>();
const adopted = new Map<string, Set<string>>();
const looks = new Map<string, Promise<unknown>>();

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

/**
 * What `key` (a collection) held when this run first looked: `load` runs once, its answer serves
 * every later caller of the run (a failed load is forgotten, so the next caller tries again).
 */
export function firstLook<T>(key: string, load: () => Promise<T>): Promise<T> {
  let look = looks.get(key) as Promise<T> | undefined;
  if (!look) {
    look = load();
    looks.set(key, look);
    look.catch(() => looks.delete(key));
  }
  return look;
}
