/**
 * What `cloudflare-magic-codegen` (codegen/program.ts) needs of a type beyond its fields. Facts
 * about one field (which type an id refers to, its default, whether it is secret or never read
 * back) are in the field's `.meta()`; a definition's `codegen` holds its words and its few quirks,
 * and a custom provider whose one object holds a set of a definition's objects says so with `CodegenSet`.
 */

type Props = Record<string, unknown>;

export interface CodegenFacts {
  /** The key of its objects in an account read (`greTunnels`): `AccountSnapshot` and the audit's JSON use it. */
  collection: string;
  /** Its objects in words, as progress lines and headings name them ("GRE tunnels"). */
  plural: string;
  /** One of them in words ("GRE tunnel"), as a sentence names it. @default `plural` without its last "s" */
  noun?: string;
  /** The heading its declarations are written under. @default `plural`, capitalised */
  section?: string;
  /**
   * A short word for it: added to a variable name that clashes with another (`nycGreSite`), and a
   * child's role in its resource name (`nyc_branch-wan-isp_a`), as the components name theirs.
   */
  role: string;
  /** What names an object (its variable and resource name); `nameOf` labels an object it refers to. @default its `name` */
  label?: (o: Props, nameOf: (token: string, id: unknown) => string | undefined) => string | undefined;
  /** The order its objects are written in. @default by label, then id */
  order?: (a: Props, b: Props) => number;
  /** Fields written first, in this order (after the parent and `name`): an object with no name reads best by what identifies it. */
  first?: string[];
  /**
   * Last touches on the inputs that reproduce a live object, for what no field's meta can say (a
   * device chosen when the object was added, a field the API reports under another variant's name).
   */
  inputs?: (inputs: Props, live: Props) => Props;
  /** API objects its list holds that are Cloudflare's, not the account's (managed apps): kept apart, never declared. */
  managed?: (apiObject: Props) => boolean;
}

/**
 * A type whose one object holds a set of another type's objects (a table of entries): codegen
 * writes that type's objects as entries of one declaration, except those that share a key.
 */
export interface CodegenSet {
  /** The token of the objects held (a definition's). */
  holds: string;
  /** The input that lists them. */
  field: string;
  /** What identifies an entry: objects sharing one stay declarations of their own. */
  key: (entry: Props) => string;
  /** The resource name of the declaration. */
  name: string;
  /** Its `import` option: what the set's provider takes as the id of a set it adopts. */
  importId: (accountId: string) => string;
}
