/**
 * A self-contained dynamic provider for testing the harness without the real package: "widgets"
 * stored as JSON files under a directory captured (as a string) in the provider's closure. Its
 * methods only `require` Node built-ins, so the host can load the serialized text from any cwd.
 * Every call is appended to `<dir>/calls.log` so tests can see what the host received.
 */
import * as pulumi from "@pulumi/pulumi";

export interface WidgetArgs {
  name: pulumi.Input<string>;
  size: pulumi.Input<number>;
  color?: pulumi.Input<string>;
  peer?: pulumi.Input<string>;
  /** create throws an init failure (with an id) instead of succeeding. */
  failInit?: pulumi.Input<boolean>;
  /** diff asks for delete-before-replace. */
  dbr?: pulumi.Input<boolean>;
  token?: pulumi.Input<string>;
}

export function widgetProvider(dir: string): pulumi.dynamic.ResourceProvider {
  // Helpers live inside the closure so they get serialized with the methods.
  const fs = () => require("node:fs") as typeof import("node:fs");
  const log = (entry: object) => fs().appendFileSync(`${dir}/calls.log`, JSON.stringify(entry) + "\n");
  const file = (id: string) => `${dir}/${id}.json`;
  const outsOf = (id: string, serial: number, p: any) => ({
    name: p.name,
    size: p.size,
    color: p.color,
    peer: p.peer ?? null,
    token: p.token ?? null,
    serial,
  });
  return {
    async configure(req) {
      log({ call: "configure" });
      const cfg = { token: req.config.get("cloudflare:apiToken"), region: req.config.get("region") };
      fs().writeFileSync(`${dir}/config.json`, JSON.stringify(cfg));
    },
    async check(olds, news) {
      log({ call: "check", olds, news });
      const failures: pulumi.dynamic.CheckFailure[] = [];
      const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
      if (news.size !== unknown && (typeof news.size !== "number" || news.size < 0)) {
        failures.push({ property: "size", reason: "size must be a number >= 0" });
      }
      return { inputs: { ...news, color: news.color ?? "blue" }, failures };
    },
    async diff(id, olds, news) {
      log({ call: "diff", id, olds, news });
      const replaces = ["name", "color"].filter((k) => olds[k] !== news[k]);
      const changes = replaces.length > 0 || ["size", "peer", "token"].some((k) => (olds[k] ?? null) !== (news[k] ?? null));
      return { changes, replaces, deleteBeforeReplace: replaces.length > 0 && !!news.dbr };
    },
    async create(inputs) {
      const counter = `${dir}/counter`;
      const serial = (fs().existsSync(counter) ? Number(fs().readFileSync(counter, "utf8")) : 0) + 1;
      fs().writeFileSync(counter, String(serial));
      const id = `${inputs.name}-${serial}`;
      log({ call: "create", id, inputs });
      const outs = outsOf(id, serial, inputs);
      fs().writeFileSync(file(id), JSON.stringify(outs));
      if (inputs.failInit) {
        throw Object.assign(new Error(`widget ${id} failed to initialize`), {
          id,
          properties: { ...outs, healthy: false },
          reasons: ["boot loop", "gave up"],
        });
      }
      return { id, outs };
    },
    async read(id) {
      log({ call: "read", id });
      if (!fs().existsSync(file(id))) return {} as pulumi.dynamic.ReadResult; // gone
      const outs = JSON.parse(fs().readFileSync(file(id), "utf8"));
      return { id, props: outs, inputs: { name: outs.name, size: outs.size, color: outs.color } };
    },
    async update(id, olds, news) {
      log({ call: "update", id, news });
      const outs = outsOf(id, olds.serial, news);
      fs().writeFileSync(file(id), JSON.stringify(outs));
      return { outs };
    },
    async delete(id) {
      log({ call: "delete", id });
      if (!fs().existsSync(file(id))) throw new Error(`widget ${id} does not exist`);
      fs().unlinkSync(file(id));
    },
  };
}

// One provider object per directory: the SDK caches serialization per object.
const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

export class Widget extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly size: pulumi.Output<number>;
  declare readonly color: pulumi.Output<string>;
  declare readonly peer: pulumi.Output<string | null>;
  declare readonly serial: pulumi.Output<number>;

  constructor(name: string, args: WidgetArgs, dir: string, opts?: pulumi.CustomResourceOptions) {
    if (!providers.has(dir)) providers.set(dir, widgetProvider(dir));
    super(providers.get(dir)!, name, { ...args, serial: undefined }, opts, "selftest", "Widget");
  }
}

export class Shelf extends pulumi.ComponentResource {
  readonly widgets: Widget[];
  constructor(name: string, args: { sizes: number[]; dir: string }, opts?: pulumi.ComponentResourceOptions) {
    super("selftest:index:Shelf", name, { sizes: args.sizes }, opts);
    this.widgets = args.sizes.map((size, i) => new Widget(`${name}-w${i}`, { name: `${name}-w${i}`, size }, args.dir, { parent: this }));
    this.registerOutputs({});
  }
}

export const WIDGET_TYPE = "pulumi-nodejs:dynamic/selftest:Widget";

/** Lines of `<dir>/calls.log`, parsed. */
export function callsLog(dir: string): any[] {
  const fs: typeof import("node:fs") = require("node:fs");
  const p = `${dir}/calls.log`;
  return fs.existsSync(p)
    ? fs
        .readFileSync(p, "utf8")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
}
