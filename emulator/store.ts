/**
 * In-memory state, partitioned by account id and collection name (e.g. `gre_tunnels`). Objects are
 * stored in their API (snake_case) shape and handed out as deep copies, so neither handlers nor tests
 * can change state except through these methods. With a state file, the whole state is loaded on
 * start and rewritten atomically (temp file + rename) after every mutation, so a killed emulator
 * never leaves a half-written file.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export type StoredObject = Record<string, unknown> & { id: string };

/** On-disk format of the state file; also what `dump()` returns. */
export interface StateSnapshot {
  version: 1;
  accounts: Record<string, Record<string, StoredObject[]>>;
}

/** Cloudflare identifiers: 32 lowercase hex characters. */
export function newId(): string {
  return randomBytes(16).toString("hex");
}

/** Objects never hold undefined members, so "absent" means the same in memory and in the state file. */
function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

export class Store {
  /** account id -> collection -> object id -> object; Maps keep insertion order for list(). */
  private readonly accounts = new Map<string, Map<string, Map<string, StoredObject>>>();

  constructor(private readonly stateFile?: string) {
    if (stateFile && fs.existsSync(stateFile)) this.load(stateFile);
  }

  list<T extends StoredObject = StoredObject>(accountId: string, collection: string): T[] {
    return [...(this.collection(accountId, collection)?.values() ?? [])].map((o) => structuredClone(o) as T);
  }

  get<T extends StoredObject = StoredObject>(accountId: string, collection: string, id: string): T | undefined {
    const found = this.collection(accountId, collection)?.get(id);
    return found && (structuredClone(found) as T);
  }

  /**
   * Adds an object; an id is generated when the object has none. Replaces an object with the same id
   * (keeping its place in list order).
   */
  insert<T extends StoredObject = StoredObject>(accountId: string, collection: string, object: Omit<T, "id"> & { id?: string }): T {
    const stored = withoutUndefined({ ...structuredClone(object), id: object.id ?? newId() }) as T;
    this.collection(accountId, collection, true)!.set(stored.id, stored);
    this.persist();
    return structuredClone(stored);
  }

  /**
   * Shallow-merges fields into an existing object (a field set to undefined is removed); returns
   * undefined when there is no such object.
   */
  patch<T extends StoredObject = StoredObject>(accountId: string, collection: string, id: string, fields: Partial<T>): T | undefined {
    const items = this.collection(accountId, collection);
    const existing = items?.get(id);
    if (!items || !existing) return undefined;
    const updated = withoutUndefined({ ...existing, ...structuredClone(fields), id }) as T;
    items.set(id, updated);
    this.persist();
    return structuredClone(updated);
  }

  /** Removes and returns an object; undefined when there is no such object. */
  remove<T extends StoredObject = StoredObject>(accountId: string, collection: string, id: string): T | undefined {
    const items = this.collection(accountId, collection);
    const existing = items?.get(id);
    if (!items || !existing) return undefined;
    items.delete(id);
    this.persist();
    return existing as T;
  }

  countAll(): number {
    let count = 0;
    for (const collections of this.accounts.values()) {
      for (const items of collections.values()) count += items.size;
    }
    return count;
  }

  dump(): StateSnapshot {
    const accounts: StateSnapshot["accounts"] = {};
    for (const [accountId, collections] of this.accounts) {
      accounts[accountId] = {};
      for (const [name, items] of collections) accounts[accountId][name] = [...items.values()];
    }
    return structuredClone({ version: 1, accounts });
  }

  clear(): void {
    this.accounts.clear();
    this.persist();
  }

  private collection(accountId: string, name: string, create = false): Map<string, StoredObject> | undefined {
    let collections = this.accounts.get(accountId);
    if (!collections) {
      if (!create) return undefined;
      collections = new Map();
      this.accounts.set(accountId, collections);
    }
    let items = collections.get(name);
    if (!items && create) {
      items = new Map();
      collections.set(name, items);
    }
    return items;
  }

  private load(file: string): void {
    // A corrupt state file must stop the emulator rather than silently start empty and overwrite it.
    const snapshot = JSON.parse(fs.readFileSync(file, "utf8")) as StateSnapshot;
    if (snapshot.version !== 1 || typeof snapshot.accounts !== "object") {
      throw new Error(`${file} is not an emulator state file (version 1)`);
    }
    for (const [accountId, collections] of Object.entries(snapshot.accounts)) {
      for (const [name, items] of Object.entries(collections)) {
        const target = this.collection(accountId, name, true)!;
        for (const item of items) target.set(item.id, item);
      }
    }
  }

  private persist(): void {
    if (!this.stateFile) return;
    fs.mkdirSync(path.dirname(path.resolve(this.stateFile)), { recursive: true });
    const temp = `${this.stateFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(this.dump(), null, 2));
    fs.renameSync(temp, this.stateFile);
  }
}
