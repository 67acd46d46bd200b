import * as pulumi from "@pulumi/pulumi";
import type { AccountArgs } from "../resource";
import { Cni, type CniArgs } from "../cni/cni";
import { Interconnect, type InterconnectArgs } from "../cni/interconnect";
import type { CniBgpArgs, CniMagicArgs, InterconnectWaitArgs } from "../cni/generated/types";
import { RouteTable, type OwnedRouteState, type RouteTableEntry } from "../magic/route-table";
import { checkComponent, checkInterconnectVariant, checkPrefixes, cniNexthop } from "./planning";
import { known } from "./inputs";
import { cniDiagram } from "./diagram";

/**
 * The interconnect (port) of a CniConnection: physical (`slotId`, optional `speed`) or GCP
 * Partner (`bandwidth` and `pairingKey`). The API cannot change an interconnect: any change
 * replaces it, deleting the old one first.
 */
export type CniConnectionInterconnectArgs = Pick<InterconnectArgs, "type" | "slotId" | "speed" | "bandwidth" | "pairingKey" | "account">;

/** Magic static routes over the CNI: one route per prefix, nexthop your end of the link. */
export interface CniConnectionRoutesArgs {
  /** Destination prefixes (CIDR, no host bits, each once). */
  prefixes: pulumi.Input<pulumi.Input<string>[]>;
  /** Priority of the routes: lower wins; equal priorities share traffic (ECMP). @default 100 */
  priority?: pulumi.Input<number>;
  /** Weight of the routes within their ECMP group (0-256). @default Cloudflare's (equal share) */
  weight?: pulumi.Input<number>;
  /** Limit the routes to some colos or colo regions. @default all colos */
  scope?: pulumi.Input<{ coloNames?: pulumi.Input<pulumi.Input<string>[]>; coloRegions?: pulumi.Input<pulumi.Input<string>[]> }>;
  /** Description of every route. @default "<prefix> via CNI <component name>" */
  description?: pulumi.Input<string>;
}

/** Arguments of a CniConnection. */
export interface CniConnectionArgs extends AccountArgs {
  /** The interconnect to create. */
  interconnect: CniConnectionInterconnectArgs;
  /**
   * Wait after creating the interconnect until it reports this status, before the CNI is created.
   * Off by default: a physical port turns Healthy only once the cross-connect is in place, which
   * needs the LOA of the created interconnect (`getInterconnectLoa`) and can take days.
   * @default no wait
   */
  waitForStatus?: pulumi.Input<InterconnectWaitArgs>;
  /** The Magic conduit of the CNI (name, description, MTU). */
  magic: pulumi.Input<CniMagicArgs>;
  /** BGP session over the link (the MD5 key is kept secret). @default static routing only */
  bgp?: pulumi.Input<CniBgpArgs>;
  /** How the CNI's BGP session exchanges routes (see `cni.Cni`'s `bgpMode`). @default Cloudflare's */
  bgpMode?: CniArgs["bgpMode"];
  /** "Customer account tag" of the CNI. @default the account the CNI is created in */
  account?: pulumi.Input<string>;
  /** Magic static routes over the CNI, in one `RouteTable`. @default none */
  routes?: CniConnectionRoutesArgs;
}

/** The child resources of a CniConnection. */
export interface CniConnectionNodes {
  interconnect: Interconnect;
  cni: Cni;
  /** Present when `routes` was given. */
  routes?: RouteTable;
}

/**
 * A Network Interconnect end to end: the interconnect (`<name>-interconnect`), its CNI with an
 * optional BGP session (`<name>-cni`), and optional Magic static routes over it
 * (`<name>-routes`, a `RouteTable`). Cloudflare allocates the CNI's point-to-point link; the
 * routes' nexthop is the customer end of it (`custIp`, e.g. `100.64.0.1/31` -> `100.64.0.1`),
 * derived once the CNI exists.
 *
 * The constructor checks, before it creates anything, and throws a `PlanError`: the interconnect
 * is either physical (`slotId`) or GCP Partner (`bandwidth` + `pairingKey`), which looks only at
 * which arguments are given, so Outputs are fine; route prefixes are valid CIDRs listed once, for
 * prefixes given as is (an Output, not known yet, is left to the route table's own check).
 *
 * @example
 * ```ts
 * import * as pulumi from "@pulumi/pulumi";
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const ord = new magic.CniConnection("ord", {
 *     interconnect: { type: "direct", slotId: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e" },
 *     waitForStatus: { status: "Pending", timeoutSeconds: 300 },
 *     magic: { conduitName: "ord_cni_1", description: "Chicago", mtu: 1500 },
 *     bgp: { customerAsn: 65010, md5Key: new pulumi.Config().requireSecret("bgpMd5Key") },
 *     routes: { prefixes: ["192.0.2.0/24"], priority: 50 },
 * });
 * export const nexthop = ord.nexthop;
 * ```
 */
export class CniConnection extends pulumi.ComponentResource {
  /** The interconnect's id (the name Cloudflare gave it). */
  readonly interconnectId: pulumi.Output<string>;
  /** The CNI's id. */
  readonly cniId: pulumi.Output<string>;
  /** Cloudflare's end of the point-to-point link. */
  readonly p2pIp: pulumi.Output<string>;
  /** Your end of the point-to-point link. */
  readonly custIp: pulumi.Output<string>;
  /** The nexthop of routes over the CNI: the address of `custIp`. */
  readonly nexthop: pulumi.Output<string>;
  /** The routes as Cloudflare holds them (empty without `routes`). */
  readonly routes: pulumi.Output<OwnedRouteState[]>;
  /**
   * A Mermaid flowchart of the connection: the interconnect, the CNI's point-to-point link (both
   * ends) and the prefixes routed over it. GitHub renders it as is in a ```mermaid block.
   */
  readonly diagram: pulumi.Output<string>;
  private readonly children: CniConnectionNodes;

  constructor(name: string, args: CniConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
    checkComponent(`CniConnection ${JSON.stringify(name)}`, () => validate(args));
    super("cloudflare-magic:index:CniConnection", name, {}, opts);

    const { accountId } = args;
    const parent = { parent: this };
    const ic = args.interconnect;
    const interconnect = new Interconnect(
      `${name}-interconnect`,
      {
        accountId,
        account: ic.account,
        type: ic.type,
        slotId: ic.slotId,
        speed: ic.speed,
        bandwidth: ic.bandwidth,
        pairingKey: ic.pairingKey,
        waitForStatus: args.waitForStatus,
      },
      parent,
    );
    const cni = new Cni(
      `${name}-cni`,
      { accountId, account: args.account, interconnect: interconnect.id, magic: args.magic, bgp: args.bgp, bgpMode: args.bgpMode },
      parent,
    );
    const nexthop = pulumi.all([cni.custIp, cni.p2pIp]).apply(([cust, p2p]) => cniNexthop(cust, p2p));

    let routes: RouteTable | undefined;
    const r = args.routes;
    if (r) {
      const entries = pulumi
        .output({ prefixes: r.prefixes, nexthop, priority: r.priority, weight: r.weight, scope: r.scope, description: r.description })
        .apply((v) =>
          v.prefixes.map((prefix): RouteTableEntry => ({
            prefix,
            nexthop: v.nexthop,
            priority: v.priority ?? 100,
            weight: v.weight,
            scope: v.scope,
            description: v.description ?? `${prefix} via CNI ${name}`,
          })),
        );
      routes = new RouteTable(`${name}-routes`, { accountId, routes: entries }, parent);
    }

    this.children = { interconnect, cni, ...(routes ? { routes } : {}) };
    this.interconnectId = interconnect.id;
    this.cniId = cni.id;
    this.p2pIp = cni.p2pIp;
    this.custIp = cni.custIp;
    this.nexthop = nexthop;
    this.routes = routes ? routes.routes : pulumi.output([]);
    this.diagram = pulumi
      .output({
        interconnect: interconnect.id,
        type: ic.type,
        p2pIp: cni.p2pIp,
        custIp: cni.custIp,
        prefixes: r?.prefixes ?? [],
        priority: r?.priority,
      })
      .apply((d) =>
        cniDiagram({
          name,
          interconnect: d.interconnect,
          type: d.type,
          p2pIp: d.p2pIp,
          custIp: d.custIp,
          routes: d.prefixes.map((prefix) => ({ prefix, priority: d.priority ?? 100 })),
        }),
      );
    this.registerOutputs({
      interconnectId: this.interconnectId,
      cniId: this.cniId,
      p2pIp: this.p2pIp,
      custIp: this.custIp,
      nexthop,
      routes: this.routes,
      diagram: this.diagram,
    });
  }

  /** The child resources: the interconnect, the CNI and (with `routes`) the route table. */
  get nodes(): CniConnectionNodes {
    return this.children;
  }
}

/** The up-front checks (see the class comment). */
function validate(args: CniConnectionArgs): void {
  const ic = args.interconnect;
  checkInterconnectVariant({
    slotId: ic.slotId !== undefined,
    speed: ic.speed !== undefined,
    bandwidth: ic.bandwidth !== undefined,
    pairingKey: ic.pairingKey !== undefined,
  });
  const prefixes = args.routes?.prefixes;
  if (known(prefixes) && Array.isArray(prefixes))
    checkPrefixes(
      "route prefix",
      prefixes.filter((p): p is string => typeof p === "string"),
    );
}
