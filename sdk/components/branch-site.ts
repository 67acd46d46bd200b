import * as pulumi from "@pulumi/pulumi";
import { Site } from "../magic/site";
import { siteArgsDefaults } from "../magic/generated/site";
import { SiteAcl } from "../magic/site-acl";
import { SiteAppConfig } from "../magic/site-app-config";
import { SiteLan } from "../magic/site-lan";
import { SiteWan } from "../magic/site-wan";
import { type BranchSiteAclLanArgs, type BranchSiteArgs, validateBranchSite } from "./branch-site-args";
import { checkComponent, resolveNames } from "./planning";
import { siteDiagram } from "./diagram";

export type {
  BranchSiteAclArgs,
  BranchSiteAclLanArgs,
  BranchSiteAppConfigArgs,
  BranchSiteArgs,
  BranchSiteImportIds,
  BranchSiteLanArgs,
  BranchSiteWanArgs,
} from "./branch-site-args";

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
    checkComponent(`BranchSite ${JSON.stringify(name)}`, () => validateBranchSite(args));
    super("cloudflare-magic:index:BranchSite", name, {}, opts);

    const { accountId } = args;
    const parent = { parent: this };
    const adopt = args.importIds ?? {};
    // `import` only when an id is given: an explicit `import: undefined` is the same as none.
    const childOpts = (id: string | undefined): pulumi.CustomResourceOptions => (id === undefined ? parent : { ...parent, import: id });
    const haMode = args.haMode ?? siteArgsDefaults.haMode;
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
