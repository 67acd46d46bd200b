import { type Emulator, startEmulator } from "../../emulator";
import { provisionCfInterconnect } from "../../emulator/resources/cf-interconnects";
import { slotCatalogue } from "../../emulator/resources/cni";
import type { ResourceDefinition } from "../../provider/framework/define";
import { fieldFacts } from "../../provider/framework/vocabulary";
import { unsentInputs } from "../framework/programs";
import { defaultsOf, fieldAt, same } from "../../provider/framework/equivalence";
import { definitionOf, resourceModules } from "../../provider/registry";
import { camelToSnake, getPath, isPlainObject } from "../../shared/values";
import { ACCOUNT } from "../resources/stack";

/**
 * The API's documented defaults are written once, as typed field metadata in the definitions
 * (`.meta({ default })`); codegen and the sdk docs derive from them. The emulator is a separate
 * program playing Cloudflare and keeps its own defaults: this test creates every object with only
 * its required fields and checks that what the emulator answers holds each definition default.
 */

type Props = Record<string, unknown>;
const TOKEN = "defaults-token";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await emulator?.close();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Props;
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
  return "result" in json ? json.result : json;
}

/** Makes an object with only its required fields; answers it as the emulator does. */
async function minimal(def: ResourceDefinition): Promise<Props> {
  const ctx = (props: Props = {}) => ({ accountId: ACCOUNT, props });
  const create = async (d: ResourceDefinition, body: Props, props: Props = {}) => {
    const answer = await call("POST", d.api.collection(ctx(props)), body, d.api.headers);
    const unwrapped = d.api.wrappers.create && isPlainObject(answer) ? answer[d.api.wrappers.create] : answer;
    return (Array.isArray(unwrapped) ? unwrapped[0] : unwrapped) as Props;
  };
  const site = async () => String((await create(definitionOf("magic:Site")!, { name: `s${Math.random()}` })).id);
  switch (def.token) {
    case "magic:GreTunnel":
      return create(def, {
        name: "d_gre",
        cloudflare_gre_endpoint: "162.159.64.1",
        customer_gre_endpoint: "203.0.113.1",
        interface_address: "10.1.0.0/31",
      });
    case "magic:IpsecTunnel":
      return create(def, { name: "d_ipsec", cloudflare_endpoint: "162.159.65.1", interface_address: "10.2.0.0/31" });
    case "magic:CfInterconnect": {
      // Cloudflare makes these; the emulator provisions one as Cloudflare would.
      const id = provisionCfInterconnect(emulator.store, ACCOUNT).id;
      const got = (await call("GET", def.api.item(ctx(), id), undefined, def.api.headers)) as Props;
      return got[def.api.wrappers.get!] as Props;
    }
    case "magic:Site":
      return create(def, { name: "d_site" });
    case "magic:SiteWan": {
      const siteId = await site();
      return create(def, { physport: 1 }, { siteId });
    }
    case "magic:SiteLan": {
      const siteId = await site();
      return create(def, { physport: 2 }, { siteId });
    }
    case "magic:SiteAcl": {
      const siteId = await site();
      const lan = async (physport: number) => String((await create(definitionOf("magic:SiteLan")!, { physport }, { siteId })).id);
      return create(def, { name: "d_acl", lan_1: { lan_id: await lan(2) }, lan_2: { lan_id: await lan(3) } }, { siteId });
    }
    case "magic:SiteAppConfig": {
      const siteId = await site();
      return create(def, { managed_app_id: "cloudflare" }, { siteId });
    }
    case "magic:App":
      return create(def, { name: "d_app", type: "Business" });
    case "magic:Connector":
      return create(def, { device: { provision_license: true } });
    case "cni:Cni": {
      const icon = (await call("POST", `/accounts/${ACCOUNT}/cni/interconnects`, {
        account: ACCOUNT,
        type: "direct",
        slot_id: slotCatalogue(ACCOUNT)[0].id,
      })) as Props;
      return create(def, {
        account: ACCOUNT,
        interconnect: icon.name,
        magic: { conduit_name: "d_cni", description: "", mtu: 1500 },
        bgp: { customer_asn: 65000, extra_prefixes: [] },
      });
    }
    default:
      throw new Error(`no minimal ${def.token}: add it here`);
  }
}

/** Definitions with a documented default the API fills in (our own local inputs' defaults aside). */
const withDefaults = Object.keys(resourceModules)
  .map((token) => definitionOf(token))
  .filter((def): def is ResourceDefinition => def !== undefined)
  .map(
    (def) =>
      [def.token, def, Object.entries(defaultsOf(def.inputs)).filter(([p]) => !unsentInputs(def).includes(p.split(".")[0]))] as const,
  )
  .filter(([, , defaults]) => defaults.length > 0);

it("covers every definition that documents a default", () => {
  expect(withDefaults.map(([token]) => token).sort()).toEqual([
    "cni:Cni",
    "magic:App",
    "magic:CfInterconnect",
    "magic:Connector",
    "magic:GreTunnel",
    "magic:IpsecTunnel",
    "magic:Site",
    "magic:SiteAcl",
    "magic:SiteAppConfig",
    "magic:SiteLan",
    "magic:SiteWan",
  ]);
});

describe.each(withDefaults)("%s: the emulator's defaults are the definition's", (_token, def, defaults) => {
  it("an object made with only its required fields holds every documented default", async () => {
    const answer = await minimal(def);
    const aliases = fieldFacts(def).apiNames;
    for (const [path, value] of defaults) {
      const snake = path
        .split(".")
        .map((k) => aliases[k] ?? camelToSnake(k))
        .join(".");
      let live = getPath(answer, snake);
      // The health check target answers as {effective, saved} under x-magic-new-hc-target.
      if (isPlainObject(live) && "saved" in live) live = live.saved;
      // An empty list left out says the same as `[]` (the emulator leaves an app's unset lists out);
      // any other default must be answered.
      if (!(Array.isArray(value) && value.length === 0)) expect({ path, live }).toEqual({ path, live: expect.anything() });
      expect({ path, same: same(fieldAt(def.inputs, path), value, live) }).toEqual({ path, same: true });
    }
  });
});
