import type { CloudflareClient } from "../../client";
import type { ObjectLifecycle, PathContext } from "../define";
import type { Endpoint } from "../endpoint";

type Props = Record<string, unknown>;

/** One operation's client, place and label. */
export interface Call {
  api: CloudflareClient;
  ctx: PathContext;
  label: string;
}

/**
 * How one kind of object comes and goes: an `object` the program makes and deletes, an `adopted`
 * object Cloudflare made, a `singleton` settings object of the account. Each kind is one module
 * (object.ts, adopted.ts, singleton.ts; index.ts picks one); the generic provider only coordinates them.
 */
export interface Lifecycle {
  /** Whether the API's answers carry the object's id (a settings singleton's id is its account). */
  readonly identified: boolean;
  /** Outputs this kind keeps from the program or the state beside the fields (a singleton's restore point). */
  readonly carried: string[];
  /** Whether a new object can replace this one (an adopted object can only be let go). */
  readonly replaceable: boolean;
  /** The step after create, which an update runs again when the API has no update (an object's only). */
  readonly afterCreate?: ObjectLifecycle["afterCreate"];
  /** Makes the object (or takes it over): its id and outputs. */
  create(ep: Endpoint, call: Call, news: Props, inputs: Props): Promise<{ id: string; outs: Props }>;
  /** One live object by id. */
  fetch(ep: Endpoint, call: Call, id: string): Promise<Props>;
  /** Ends the management of the object: deletes it, puts its settings back, or lets it go. */
  remove(ep: Endpoint, id: string, props: Props): Promise<void>;
  /** The source a read records beside the live values (a singleton read without its restore point records the one it finds). */
  restore(ep: Endpoint, live: Props, props: Props): Props;
  /** Whether the object a replacement creates would clash with the one it replaces (then the old one goes first). */
  clashes(ep: Endpoint, olds: Props, news: Props): boolean;
}
