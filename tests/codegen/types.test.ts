import { COLLECTIONS } from "../../codegen/read";
import { codegenTypes, writingOrder } from "../../codegen/types";
import { resourceModules } from "../../provider/registry";

/** What codegen derives from the registry alone: which types it reads, in which order it writes them, and why. */
describe("codegen types", () => {
  const types = codegenTypes();
  const order = writingOrder().map((t) => t.token);

  it("reads every type whose definition has codegen facts, in the registry's order", () => {
    const registry = Object.keys(resourceModules).filter((token) => types.some((t) => t.token === token));
    expect(COLLECTIONS.map((c) => c.token)).toEqual(registry);
    expect(COLLECTIONS.map((c) => c.key)).toEqual([
      "connectors",
      "greTunnels",
      "ipsecTunnels",
      "cfInterconnects",
      "routes",
      "apps",
      "sites",
      "siteWans",
      "siteLans",
      "siteAcls",
      "siteAppConfigs",
      "interconnects",
      "cnis",
    ]);
    // A site's children are listed under each site, through the field that is their path parameter.
    expect(COLLECTIONS.filter((c) => "parent" in c).map((c) => [c.key, c.parent])).toEqual(
      ["siteWans", "siteLans", "siteAcls", "siteAppConfigs"].map((k) => [k, { field: "siteId", collection: "sites" }]),
    );
  });

  it("writes every type after the types its fields refer to, and routes after every object a nexthop can lie in", () => {
    for (const t of types) {
      const family = (token: string): string => types.find((x) => x.token === token)?.parent?.token ?? token;
      for (const d of t.dependsOn) {
        // A child is written in its parent's section: what it refers to outside comes before that section.
        const same = family(d) === family(t.token);
        const [a, b] = same ? [d, t.token] : [family(d), family(t.token)];
        expect({ type: t.token, needs: d, before: order.indexOf(a) < order.indexOf(b) }).toEqual({
          type: t.token,
          needs: d,
          before: true,
        });
      }
    }
    const routes = types.find((t) => t.token === "magic:StaticRoute")!;
    expect(routes.linkAddresses).toEqual(["nexthop"]);
    expect(routes.dependsOn.sort()).toEqual(["cni:Cni", "magic:CfInterconnect", "magic:GreTunnel", "magic:IpsecTunnel"]);
    expect(order.at(-1)).toBe("magic:StaticRoute");
    expect(routes.heldBy).toMatchObject({ token: "magic:RouteTable", field: "routes" });
  });
});
