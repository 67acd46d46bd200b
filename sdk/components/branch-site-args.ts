/**
 * BranchSite's arguments, their one validation (the component's constructor runs it before it
 * creates anything), and the arguments that adopt a site that already exists with its children
 * (what `cloudflare-magic-codegen --components` writes), which pass the same validation. Pure: no
 * Pulumi runtime is loaded here, so the code generator can use it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { SiteArgs } from "../magic/site";
import type { SiteAclArgs } from "../magic/site-acl";
import type { SiteAppConfigArgs } from "../magic/site-app-config";
import type { SiteAclLanArgs } from "../magic/generated/types";
import type { SiteLanArgs } from "../magic/site-lan";
import type { SiteWanArgs } from "../magic/site-wan";
import {
  type HaLan,
  type HaWan,
  PlanError,
  checkLanDhcp,
  checkLanPrefixes,
  checkPortVlanCollisions,
  checkSiteHa,
  checkUniqueNames,
  resolveNames,
} from "./planning";
import { known } from "./inputs";

/** A WAN link of a BranchSite (a `SiteWan`): the SiteWan arguments, with the site filled in by the component. */
export interface BranchSiteWanArgs extends Omit<SiteWanArgs, "siteId" | "siteHaMode" | "name" | "accountId"> {
  /**
   * Name of the WAN, unique among the site's WANs. Sent to Cloudflare as the WAN's name, used by
   * `appConfigs[].preferredWans` to refer to it, and part of the child resource's name
   * (`<site>-wan-<name>`): renaming an entry replaces the WAN.
   */
  name: string;
}

/** A LAN of a BranchSite (a `SiteLan`): the SiteLan arguments, with the site filled in by the component. */
export interface BranchSiteLanArgs extends Omit<SiteLanArgs, "siteId" | "siteHaMode" | "name" | "accountId"> {
  /**
   * Name of the LAN, unique among the site's LANs. Sent to Cloudflare as the LAN's name, used by
   * `acls[].lan1.lan` / `lan2.lan` to refer to it, and part of the child resource's name
   * (`<site>-lan-<name>`): renaming an entry replaces the LAN.
   */
  name: string;
}

/** One side of a BranchSite ACL: a LAN by name, and optionally which of its ports and subnets (as in a `SiteAcl`). */
export interface BranchSiteAclLanArgs extends Pick<SiteAclLanArgs, "ports" | "portRanges" | "subnets"> {
  /** The LAN, by its `name` in `lans`; the component passes that LAN's id to Cloudflare. */
  lan: string;
}

/** An ACL between two LANs of a BranchSite (a `SiteAcl`): the SiteAcl arguments, with the site and LAN ids filled in by the component. */
export interface BranchSiteAclArgs extends Pick<SiteAclArgs, "description" | "protocols" | "forwardLocally" | "unidirectional"> {
  /**
   * Name of the ACL, unique among the site's ACLs. Sent to Cloudflare and part of the child
   * resource's name (`<site>-acl-<name>`): renaming an entry replaces the ACL.
   */
  name: string;
  /** The first LAN of the policy. */
  lan1: BranchSiteAclLanArgs;
  /** The second LAN of the policy. */
  lan2: BranchSiteAclLanArgs;
}

/** How one app's traffic leaves a BranchSite (a `SiteAppConfig`). Give exactly one of `accountAppId` and `managedAppId`. */
export interface BranchSiteAppConfigArgs extends Pick<SiteAppConfigArgs, "accountAppId" | "managedAppId" | "breakout" | "priority"> {
  /**
   * A label for this app config, unique among the site's app configs. Never sent to Cloudflare:
   * it names the child resource (`<site>-app-<name>`), so renaming an entry replaces the config.
   */
  name: string;
  /**
   * WANs to prefer, by their `name` in `wans`, highest priority first; the component passes
   * their ids. Only with `breakout: true`.
   * @default none
   */
  preferredWans?: string[];
}

/**
 * Arguments of a BranchSite: the `Site` arguments, and the lists of its children. The lists are
 * plain arrays: each entry becomes one child resource named after it.
 */
export interface BranchSiteArgs extends Omit<SiteArgs, "name"> {
  /** The name of the site in Cloudflare. @default the component's name */
  name?: pulumi.Input<string>;
  /** The site's WAN links. @default none */
  wans?: BranchSiteWanArgs[];
  /** The site's LANs. @default none */
  lans?: BranchSiteLanArgs[];
  /** ACLs between the site's LANs, which they name. @default none */
  acls?: BranchSiteAclArgs[];
  /** Per-app traffic decisions (breakout, preferred WANs, priority). @default none */
  appConfigs?: BranchSiteAppConfigArgs[];
  /**
   * Ids of existing Cloudflare objects to adopt as the children, by entry name: each is passed as
   * the child's `import` resource option, so the first `up` reads the object instead of creating
   * it (the entry's arguments must describe it as it is). `cloudflare-magic-codegen --components`
   * writes these. Remove them after the first `up`, like any `import` option.
   * @default none: every child is created
   */
  importIds?: BranchSiteImportIds;
}

/** Ids of existing objects a BranchSite adopts (see `BranchSiteArgs.importIds`). */
export interface BranchSiteImportIds {
  /** The site's id. */
  site?: string;
  /** WAN ids by WAN name. */
  wans?: Record<string, string>;
  /** LAN ids by LAN name. */
  lans?: Record<string, string>;
  /** ACL ids by ACL name. */
  acls?: Record<string, string>;
  /** App config ids by app config label. */
  appConfigs?: Record<string, string>;
}

/**
 * The checks a BranchSite makes before it creates anything (see the class comment): throws a
 * PlanError naming the entry. Values not known yet (Outputs) are skipped.
 */
export function validateBranchSite(args: BranchSiteArgs): void {
  const wans = args.wans ?? [];
  const lans = args.lans ?? [];
  const acls = args.acls ?? [];
  const appConfigs = args.appConfigs ?? [];
  validate(args.haMode, wans, lans, acls, appConfigs);
  checkImportIds(args.importIds, { wans, lans, acls, appConfigs });
}

/** Every entry `importIds` names exists, so an id is never silently left unused. */
function checkImportIds(
  ids: BranchSiteImportIds | undefined,
  entries: Record<"wans" | "lans" | "acls" | "appConfigs", Array<{ name: string }>>,
): void {
  for (const list of ["wans", "lans", "acls", "appConfigs"] as const) {
    const names = new Set(entries[list].map((e) => e.name));
    const stray = Object.keys(ids?.[list] ?? {}).find((n) => !names.has(n));
    if (stray !== undefined)
      throw new PlanError(`importIds.${list} names ${JSON.stringify(stray)}, which is not an entry of ${list}; use the entry's name.`);
  }
}

/** The up-front checks (see the class comment); values not known yet are skipped. */
function validate(
  haMode: pulumi.Input<boolean> | undefined,
  wans: BranchSiteWanArgs[],
  lans: BranchSiteLanArgs[],
  acls: BranchSiteAclArgs[],
  appConfigs: BranchSiteAppConfigArgs[],
): void {
  checkUniqueNames(
    "WAN",
    wans.map((w) => w.name),
  );
  checkUniqueNames(
    "LAN",
    lans.map((l) => l.name),
  );
  checkUniqueNames(
    "ACL",
    acls.map((a) => a.name),
  );
  checkUniqueNames(
    "app config",
    appConfigs.map((c) => c.name),
  );
  // Cloudflare keeps one config per app and site, and refuses a second only after everything
  // before it was created: two entries for one app (ids given as is) are caught here.
  const byApp = new Map<string, string>();
  for (const c of appConfigs) {
    for (const [field, id] of [
      ["accountAppId", c.accountAppId],
      ["managedAppId", c.managedAppId],
    ] as const) {
      if (typeof id !== "string") continue;
      const other = byApp.get(`${field} ${id}`);
      if (other !== undefined) {
        throw new PlanError(
          `app configs ${JSON.stringify(other)} and ${JSON.stringify(c.name)} are both for ${field} ${JSON.stringify(id)}; a site has one config per app, so merge them into one entry.`,
        );
      }
      byApp.set(`${field} ${id}`, c.name);
    }
  }
  const lanNames = new Map(lans.map((l) => [l.name, l.name]));
  for (const a of acls) resolveNames("LAN", `ACL ${JSON.stringify(a.name)}`, [a.lan1.lan, a.lan2.lan], lanNames);
  const wanNames = new Map(wans.map((w) => [w.name, w.name]));
  for (const c of appConfigs) resolveNames("WAN", `app config ${JSON.stringify(c.name)}`, c.preferredWans ?? [], wanNames);

  if (known(haMode)) {
    const haWans: HaWan[] = wans.map((w) => {
      const sa = w.staticAddressing;
      return { name: w.name, staticAddressing: !known(sa) ? "unknown" : sa && { secondaryAddress: sa.secondaryAddress } };
    });
    const haLans: HaLan[] = lans.map((l) => {
      const sa = l.staticAddressing;
      return {
        name: l.name,
        haLink: typeof l.haLink === "boolean" ? l.haLink : undefined,
        staticAddressing: !known(sa) ? "unknown" : sa && { secondaryAddress: sa.secondaryAddress, virtualAddress: sa.virtualAddress },
      };
    });
    checkSiteHa(haMode === true, haWans, haLans);
  }

  checkLanPrefixes(
    lans.map((l) => {
      const sa = l.staticAddressing;
      const routed = l.routedSubnets;
      return {
        name: l.name,
        address: known(sa) && typeof sa?.address === "string" ? sa.address : undefined,
        routedSubnets: known(routed) && routed ? routed.flatMap((r) => (known(r) && typeof r.prefix === "string" ? [r.prefix] : [])) : [],
      };
    }),
  );

  checkLanDhcp(
    lans.flatMap((l) => {
      const sa = l.staticAddressing;
      if (!known(sa) || !sa || !known(sa.dhcpServer) || !sa.dhcpServer) return [];
      return [{ name: l.name, address: sa.address, dhcpServer: sa.dhcpServer as Record<string, unknown> }];
    }),
  );

  // A VLAN tag not known yet could be any: such an entry is left out. Tag 0 means untagged.
  const attachments = [...wans.map((w) => ({ kind: "WAN", ...w })), ...lans.map((l) => ({ kind: "LAN", ...l }))].flatMap((e) => {
    if (typeof e.physport !== "number" || !known(e.vlanTag)) return [];
    return [{ kind: e.kind, name: e.name, physport: e.physport, vlanTag: e.vlanTag === 0 ? undefined : e.vlanTag }];
  });
  checkPortVlanCollisions(attachments);
}

/** An object that exists in the account, as the code generator hands it over. */
export interface ExistingObject {
  id: string;
  /** What names it where it has no name of its own (an app config: its app). */
  label: string;
  /** The object as read (camelCase outputs): its references as ids. */
  live: Record<string, unknown>;
  /** The inputs that reproduce it, its site left out; references to objects outside the site as the program writes them. */
  inputs: Record<string, unknown>;
}

/** The child types a BranchSite holds, by the argument that lists them. */
const CHILDREN = {
  wans: "magic:SiteWan",
  lans: "magic:SiteLan",
  acls: "magic:SiteAcl",
  appConfigs: "magic:SiteAppConfig",
} as const;

/** A name a component can key a child by: it becomes part of the child's resource name. */
const URN_SAFE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The object with `name` first, then its other fields in their order. */
const nameFirst = (o: Record<string, unknown>) => ({ name: o.name, ...o });

/**
 * BranchSite arguments that adopt an existing site and its children (`children` by type token:
 * "magic:SiteWan", ...), each child's id in `importIds`; or why the site cannot be one BranchSite:
 * a child without a name the component can key it by, a reference to a LAN or WAN of another
 * site, or a failure of the component's own checks (`validateBranchSite`).
 */
export function adoptingBranchSite(
  site: ExistingObject,
  children: Record<string, ExistingObject[]>,
): { args: Record<string, unknown> } | { misfit: string } {
  const [wans, lans, acls, appConfigs] = (["wans", "lans", "acls", "appConfigs"] as const).map((k) => children[CHILDREN[k]] ?? []);
  const unnamed = [
    ...wans.map((w) => ["WAN", w] as const),
    ...lans.map((l) => ["LAN", l] as const),
    ...acls.map((a) => ["ACL", a] as const),
  ].find(([, o]) => typeof o.inputs.name !== "string" || !URN_SAFE.test(o.inputs.name));
  if (unnamed) return { misfit: `${unnamed[0]} ${unnamed[1].id} has no name a BranchSite can key it by (letters, digits, "_", "-", ".")` };
  if (typeof site.inputs.name !== "string" || !URN_SAFE.test(site.inputs.name))
    return { misfit: `the site's name ${JSON.stringify(site.inputs.name)} cannot name a component` };
  const lanName = new Map(lans.map((l) => [l.id, String(l.inputs.name)]));
  const wanName = new Map(wans.map((w) => [w.id, String(w.inputs.name)]));
  const sideOf = (a: ExistingObject, side: "lan1" | "lan2") => a.live[side] as Record<string, unknown> | undefined;
  for (const a of acls) {
    for (const side of ["lan1", "lan2"] as const) {
      const lanId = sideOf(a, side)?.lanId;
      if (!lanName.has(String(lanId)))
        return { misfit: `ACL ${String(a.inputs.name)} refers to LAN ${String(lanId)}, which is not a LAN of this site` };
    }
  }
  const preferredOf = (c: ExistingObject): unknown[] => (Array.isArray(c.live.preferredWans) ? c.live.preferredWans : []);
  for (const c of appConfigs) {
    const stray = preferredOf(c).find((id) => !wanName.has(String(id)));
    if (stray !== undefined) return { misfit: `app config ${c.id} prefers WAN ${JSON.stringify(stray)}, which is not a WAN of this site` };
  }

  const args: Record<string, unknown> = { ...site.inputs };
  if (wans.length) args.wans = wans.map((w) => nameFirst(w.inputs));
  if (lans.length) args.lans = lans.map((l) => nameFirst(l.inputs));
  if (acls.length) {
    // Each side names its LAN by the LAN's name instead of its id.
    args.acls = acls.map((a) => {
      const acl = { ...a.inputs };
      for (const side of ["lan1", "lan2"] as const) {
        const { lanId: _id, ...rest } = acl[side] as Record<string, unknown>;
        acl[side] = { lan: lanName.get(String(sideOf(a, side)?.lanId)), ...rest };
      }
      return nameFirst(acl);
    });
  }
  if (appConfigs.length) {
    // Named by its label; preferred WANs by their names.
    args.appConfigs = appConfigs.map((c) => {
      const config: Record<string, unknown> = { name: c.label, ...c.inputs };
      if (config.preferredWans !== undefined) config.preferredWans = preferredOf(c).map((id) => wanName.get(String(id)));
      return config;
    });
  }
  const ids = (list: ExistingObject[], key: (o: ExistingObject) => string) =>
    list.length ? Object.fromEntries(list.map((o) => [key(o), o.id])) : undefined;
  const importIds = {
    site: site.id,
    wans: ids(wans, (w) => String(w.inputs.name)),
    lans: ids(lans, (l) => String(l.inputs.name)),
    acls: ids(acls, (a) => String(a.inputs.name)),
    appConfigs: ids(appConfigs, (c) => c.label),
  };
  args.importIds = Object.fromEntries(Object.entries(importIds).filter(([, v]) => v !== undefined));
  try {
    validateBranchSite(args);
  } catch (e) {
    if (e instanceof PlanError) return { misfit: e.message };
    throw e;
  }
  return { args: nameFirst(args) };
}
