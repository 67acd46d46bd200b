import * as magic from "pulumi-cloudflare-magic";
import { type Emulator, startEmulator } from "../../emulator";
import { type Host, secret, startHost } from "../harness/host";
import { ProgramDriver, type StateEntry } from "../harness/program";
import { isPlainObject } from "../../shared/values";
import { ACCOUNT, REPO, TOKEN, isWrite } from "../resources/stack";
import { type ReshapingProxy, reshapingProxy } from "./programs";

/**
 * Absent means default (issue 18, item 2), through the provider host as `pulumi up` drives it.
 * The live API leaves out of its answers the fields that hold their default (the Terraform
 * provider's tunnel read code maps a missing `automatic_return_routing` / `replay_protection` to
 * false "to avoid unnecessary diff"). Here every answer, write answers included, leaves out every
 * documented default of the tunnels, and a program that states those defaults must still see: no
 * input changed by a refresh, nothing planned by the next `up`, and no change after an import.
 */

type Props = Record<string, unknown>;

/** The tunnel fields at their documented defaults, by name (health check fields under `health_check`). */
const TOP: Record<string, unknown> = { automatic_return_routing: false, replay_protection: false, mtu: 1476, ttl: 64 };
const HEALTH: Record<string, unknown> = { enabled: true, rate: "mid", type: "reply" };

function withoutDefaults(v: unknown, key?: string): unknown {
  if (Array.isArray(v)) return v.map((x) => withoutDefaults(x));
  if (!isPlainObject(v)) return v;
  const defaults = key === "health_check" ? HEALTH : TOP;
  const out: Props = {};
  for (const [k, x] of Object.entries(v)) {
    if (k in defaults && defaults[k] === x) continue;
    if (key === "health_check" && k === "target" && isPlainObject(x) && x.saved === "") {
      out[k] = { effective: x.effective };
      continue;
    }
    out[k] = withoutDefaults(x, k);
  }
  return out;
}

const program =
  (importIds: { gre?: string; ipsec?: string } = {}) =>
  () => {
    new magic.GreTunnel(
      "gre",
      {
        name: "defaults_gre",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.10",
        interfaceAddress: "10.212.0.8/31",
        automaticReturnRouting: false,
        mtu: 1476,
        ttl: 64,
        healthCheck: { enabled: true, rate: "mid", type: "reply", target: "" },
      },
      importIds.gre ? { import: importIds.gre } : {},
    );
    new magic.IpsecTunnel(
      "ipsec",
      {
        name: "defaults_ipsec",
        cloudflareEndpoint: "162.159.65.1",
        interfaceAddress: "10.213.0.8/31",
        automaticReturnRouting: false,
        replayProtection: false,
        healthCheck: { enabled: true, rate: "mid", type: "reply" },
        psk: "defaults-psk-0123456789",
      },
      importIds.ipsec ? { import: importIds.ipsec } : {},
    );
  };

let emulator: Emulator;
let proxy: ReshapingProxy;
let host: Host;

beforeAll(async () => {
  emulator = await startEmulator({ tokens: [TOKEN] });
  proxy = await reshapingProxy(emulator.url);
  proxy.reshape = (body) => withoutDefaults(body);
  host = await startHost({ cwd: REPO, project: "test" });
  await host.configure({
    "cloudflare:apiToken": secret(TOKEN),
    "cloudflare-magic:accountId": ACCOUNT,
    "cloudflare-magic:baseUrl": proxy.url,
  });
});

afterAll(async () => {
  await host?.close();
  await proxy?.close();
  await emulator?.close();
});

const userInputs = (e: StateEntry) => Object.fromEntries(Object.entries(e.inputs).filter(([k]) => !k.startsWith("__")));

it("answers that leave out every default (write answers too): refresh keeps the inputs, the next up and an import plan nothing", async () => {
  const driver = new ProgramDriver({ host, project: "test", stack: "dev" });
  const created = await driver.up(program());
  expect(created.ops.map((o) => o.op)).toEqual(["create", "create"]);
  // The answers really left the defaults out.
  const gre = emulator.store.list(ACCOUNT, "gre_tunnels")[0];
  expect(withoutDefaults({ ...gre })).not.toHaveProperty("mtu");

  const writes = () => emulator.stats.requests.filter(isWrite).length;
  const before = writes();
  expect((await driver.up(program())).ops.map((o) => o.op)).toEqual(["same", "same"]);

  const inputs = new Map([...driver.state.values()].map((e) => [e.urn, userInputs(e)]));
  await driver.refresh();
  for (const e of driver.state.values()) expect(userInputs(e)).toEqual(inputs.get(e.urn));
  // State shows the defaults the answers left out.
  const greState = [...driver.state.values()].find((e) => e.name === "gre")!;
  expect(greState.outputs).toMatchObject({
    automaticReturnRouting: false,
    mtu: 1476,
    ttl: 64,
    healthCheck: { enabled: true, rate: "mid" },
  });

  expect((await driver.up(program())).ops.map((o) => o.op)).toEqual(["same", "same"]);
  expect(writes()).toBe(before);

  // A fresh stack adopting both tunnels with the import option: nothing to change.
  const ids = Object.fromEntries([...driver.state.values()].filter((e) => e.custom && e.id).map((e) => [e.name, e.id!]));
  const adopter = new ProgramDriver({ host, project: "test", stack: "adopt" });
  const imported = await adopter.up(program({ gre: ids.gre, ipsec: ids.ipsec }));
  expect(imported.ops.map((o) => o.op)).toEqual(["import", "import"]);
  expect((await adopter.up(program())).ops.map((o) => o.op)).toEqual(["same", "same"]);
  expect(writes()).toBe(before);
});
