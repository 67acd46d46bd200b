import * as pulumi from "@pulumi/pulumi";
import { Site, type SiteArgs } from "../magic/site";
import { SiteAcl, type SiteAclArgs } from "../magic/site-acl";
import { SiteAppConfig, type SiteAppConfigArgs } from "../magic/site-app-config";
import type { SiteAclLanArgs } from "../magic/generated/types";
import { SiteLan, type SiteLanArgs } from "../magic/site-lan";
import { SiteWan, type SiteWanArgs } from "../magic/site-wan";
import {
  type HaLan,
  type HaWan,
  PlanError,
  checkComponent,
  checkLanPrefixes,
  checkPortVlanCollisions,
  checkSiteHa,
  checkUniqueNames,
  resolveNames,
} from "./planning";
import { known } from "./inputs";
import { siteDiagram } from "./diagram";

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
export interface BranchSiteArgs extends Omit<SiteArgs, "name" | "haMode"> {
  /** The name of the site in Cloudflare. @default the component's name */
  name?: pulumi.Input<string>;
  /**
   * High availability mode: two connectors, and the addressing rules that come with it (checked
   * up front). Changing it updates the site and its children in place (Cloudflare's current API
   * takes `ha_mode` on update); nothing is replaced.
   * @default false
   */
  haMode?: pulumi.Input<boolean>;
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

/** The child resources of a BranchSite, keyed by the names in its arguments. */
export interface BranchSiteNodes {
  site: Site;
  wans: Record<string, SiteWan>;
  lans: Record<string, SiteLan>;
  acls: Record<string, SiteAcl>;
  appConfigs: Record<string, SiteAppConfig>;
}

/**
 * A whole Magic WAN site in one component: the `Site`, its WANs and LANs, ACLs between LANs
 * (named by LAN name), and app configs (preferred WANs named by WAN name). The component
 * resolves the names to the children's ids and passes the site's `haMode` to every WAN and LAN.
 *
 * Children are named `<name>-site`, `<name>-wan-<wan>`, `<name>-lan-<lan>`, `<name>-acl-<acl>`
 * and `<name>-app-<label>`; those names never change, so renaming an entry replaces that child.
 *
 * The constructor checks, before it creates anything, and throws a `PlanError` naming the entry:
 * unique WAN, LAN, ACL and app config names; ACL LANs and preferred WANs that exist; the high
 * availability rules (on an HA site every LAN has static addressing with `secondaryAddress` and
 * `virtualAddress`, every statically addressed WAN has `secondaryAddress`, at most one LAN is
 * `haLink`; elsewhere none is); disjoint LAN subnets and routed subnets; one network per port and
 * VLAN across WANs and LANs. Names and `preferredWans` are plain values. The other checks look only
 * at values given as is: a value that is an Output (not known yet, e.g. during a preview) is
 * skipped here and left to the child resource's own check, so a preview never fails on it.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const nyc = new magic.BranchSite("nyc", {
 *     name: "nyc_branch",
 *     connectorId: "ac60d3d0435248289d446cedd870bcf4",
 *     wans: [
 *         { name: "isp_a", physport: 1, staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1" } },
 *         { name: "isp_b", physport: 2 },
 *     ],
 *     lans: [
 *         { name: "office", physport: 3, vlanTag: 10, staticAddressing: {
 *             address: "192.168.10.1/24",
 *             dhcpServer: { dhcpPoolStart: "192.168.10.100", dhcpPoolEnd: "192.168.10.200" } } },
 *         { name: "pos", physport: 3, vlanTag: 20, staticAddressing: { address: "192.168.20.1/24" } },
 *     ],
 *     acls: [{ name: "pos_to_office", protocols: ["tcp"],
 *              lan1: { lan: "pos", subnets: ["192.168.20.0/24"] }, lan2: { lan: "office", ports: [443] } }],
 *     appConfigs: [{ name: "cloudflare", managedAppId: "cloudflare", breakout: true, preferredWans: ["isp_a"] }],
 * });
 * export const siteId = nyc.siteId;
 * export const lanIds = nyc.lanIds;
 * ```
 */
export class BranchSite extends pulumi.ComponentResource {
  /** The site's id. */
  readonly siteId: pulumi.Output<string>;
  /** WAN ids by WAN name. */
  readonly wanIds: pulumi.Output<Record<string, string>>;
  /** LAN ids by LAN name. */
  readonly lanIds: pulumi.Output<Record<string, string>>;
  /** ACL ids by ACL name. */
  readonly aclIds: pulumi.Output<Record<string, string>>;
  /** App config ids by label. */
  readonly appConfigIds: pulumi.Output<Record<string, string>>;
  /**
   * A Mermaid flowchart of the site: its WANs (ports, addresses), LANs (ports, subnets, routed
   * subnets), the ACLs between LANs (arrow from `lan1` to `lan2` when unidirectional) and app
   * configs. Paste it into a ```mermaid block: GitHub renders it as is.
   */
  readonly diagram: pulumi.Output<string>;
  private readonly children: BranchSiteNodes;

  constructor(name: string, args: BranchSiteArgs, opts?: pulumi.ComponentResourceOptions) {
    const wans = args.wans ?? [];
    const lans = args.lans ?? [];
    const acls = args.acls ?? [];
    const appConfigs = args.appConfigs ?? [];
    checkComponent(`BranchSite ${JSON.stringify(name)}`, () => {
      validate(args.haMode, wans, lans, acls, appConfigs);
      checkImportIds(args.importIds, { wans, lans, acls, appConfigs });
    });
    super("cloudflare-magic:index:BranchSite", name, {}, opts);

    const { accountId } = args;
    const parent = { parent: this };
    const adopt = args.importIds ?? {};
    // `import` only when an id is given: an explicit `import: undefined` is the same as none.
    const childOpts = (id: string | undefined): pulumi.CustomResourceOptions => (id === undefined ? parent : { ...parent, import: id });
    const haMode = args.haMode ?? false;
    // Each child gets its entry's fields as they are (the entry types are the child's Args, less
    // what the component fills in), so a field added to a child's definition reaches it unforwarded.
    const { wans: _wans, lans: _lans, acls: _acls, appConfigs: _appConfigs, importIds: _importIds, ...siteArgs } = args;
    const site = new Site(`${name}-site`, { ...siteArgs, name: args.name ?? name }, childOpts(adopt.site));
    const siteId = site.id;

    const wanByName = new Map(
      wans.map((w) => [
        w.name,
        new SiteWan(`${name}-wan-${w.name}`, { ...w, accountId, siteId, siteHaMode: haMode }, childOpts(adopt.wans?.[w.name])),
      ]),
    );
    const lanByName = new Map(
      lans.map((l) => [
        l.name,
        new SiteLan(`${name}-lan-${l.name}`, { ...l, accountId, siteId, siteHaMode: haMode }, childOpts(adopt.lans?.[l.name])),
      ]),
    );
    const aclByName = new Map(
      acls.map((a) => {
        const [lan1, lan2] = resolveNames("LAN", `ACL ${JSON.stringify(a.name)}`, [a.lan1.lan, a.lan2.lan], lanByName);
        // The LAN's name (`lan`) is sent as its id; `lanName` is Cloudflare's to fill in.
        const side = ({ lan: _lan, ...covered }: BranchSiteAclLanArgs, l: SiteLan) => ({ ...covered, lanId: l.id });
        return [
          a.name,
          new SiteAcl(
            `${name}-acl-${a.name}`,
            {
              ...a,
              accountId,
              siteId,
              lan1: side(a.lan1, lan1),
              lan2: side(a.lan2, lan2),
            },
            childOpts(adopt.acls?.[a.name]),
          ),
        ] as const;
      }),
    );
    const appByName = new Map(
      appConfigs.map(({ name: label, ...c }) => {
        // The label names the child only; preferred WANs are named by WAN name and sent as ids.
        const preferred =
          c.preferredWans && resolveNames("WAN", `app config ${JSON.stringify(label)}`, c.preferredWans, wanByName).map((w) => w.id);
        return [
          label,
          new SiteAppConfig(
            `${name}-app-${label}`,
            { ...c, accountId, siteId, preferredWans: preferred },
            childOpts(adopt.appConfigs?.[label]),
          ),
        ] as const;
      }),
    );

    this.children = {
      site,
      wans: Object.fromEntries(wanByName),
      lans: Object.fromEntries(lanByName),
      acls: Object.fromEntries(aclByName),
      appConfigs: Object.fromEntries(appByName),
    };
    const ids = (m: Map<string, pulumi.CustomResource>) => pulumi.all(Object.fromEntries([...m].map(([k, r]) => [k, r.id])));
    this.siteId = siteId;
    this.wanIds = ids(wanByName);
    this.lanIds = ids(lanByName);
    this.aclIds = ids(aclByName);
    this.appConfigIds = ids(appByName);
    this.diagram = pulumi
      .output({
        site: args.name ?? name,
        wans: wans.map((w) => ({ name: w.name, physport: w.physport, vlanTag: w.vlanTag, staticAddressing: w.staticAddressing })),
        lans: lans.map((l) => ({
          name: l.name,
          physport: l.physport,
          vlanTag: l.vlanTag,
          staticAddressing: l.staticAddressing,
          routedSubnets: l.routedSubnets,
        })),
        acls: acls.map((a) => ({
          name: a.name,
          lan1: a.lan1.lan,
          lan2: a.lan2.lan,
          unidirectional: a.unidirectional,
          protocols: a.protocols,
          forwardLocally: a.forwardLocally,
        })),
        appConfigs: appConfigs.map((c) => ({
          name: c.name,
          accountAppId: c.accountAppId,
          managedAppId: c.managedAppId,
          breakout: c.breakout,
          preferredWans: c.preferredWans,
        })),
      })
      .apply((d) =>
        siteDiagram({
          site: d.site,
          wans: d.wans.map((w) => ({ name: w.name, physport: w.physport, vlanTag: w.vlanTag, address: w.staticAddressing?.address })),
          lans: d.lans.map((l) => ({
            name: l.name,
            physport: l.physport,
            vlanTag: l.vlanTag,
            address: l.staticAddressing?.address,
            routedSubnets: (l.routedSubnets ?? []).map((r) => r.prefix),
          })),
          acls: d.acls,
          appConfigs: d.appConfigs.map((c) => ({
            name: c.name,
            breakout: c.breakout,
            preferredWans: c.preferredWans,
            app:
              c.managedAppId !== undefined
                ? `managed app ${c.managedAppId}`
                : c.accountAppId !== undefined
                  ? `app ${c.accountAppId}`
                  : undefined,
          })),
        }),
      );
    this.registerOutputs({
      siteId: this.siteId,
      wanIds: this.wanIds,
      lanIds: this.lanIds,
      aclIds: this.aclIds,
      appConfigIds: this.appConfigIds,
      diagram: this.diagram,
    });
  }

  /** The child resources: the site, and its WANs, LANs, ACLs and app configs by name. */
  get nodes(): BranchSiteNodes {
    return this.children;
  }
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

  // A VLAN tag not known yet could be any: such an entry is left out. Tag 0 means untagged.
  const attachments = [...wans.map((w) => ({ kind: "WAN", ...w })), ...lans.map((l) => ({ kind: "LAN", ...l }))].flatMap((e) => {
    if (typeof e.physport !== "number" || !known(e.vlanTag)) return [];
    return [{ kind: e.kind, name: e.name, physport: e.physport, vlanTag: e.vlanTag === 0 ? undefined : e.vlanTag }];
  });
  checkPortVlanCollisions(attachments);
}
