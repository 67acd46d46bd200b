/**
 * The audit holds state written by every earlier release (tests/upgrade/fixtures: one of every
 * resource and component, with the account the release left) as in sync, as the provider's own
 * refresh does: nothing drifted, missing, claimed twice or unmanaged; only packet captures and
 * bucket ownerships, which the account read does not cover, are named as not audited. The command
 * runs in this process against the emulator, with GETs only.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../audit/cli";
import { startEmulator } from "../../emulator";
import type { StateSnapshot } from "../../emulator/store";
import type { StateEntry } from "../harness/program";
import { ACCOUNT, TOKEN, isWrite } from "../resources/stack";
import { writeExport } from "./export";

const FIXTURES = path.join(__dirname, "..", "upgrade", "fixtures");
const releases = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".json"))
  .sort();

describe.each(releases)("state written by release %s", (file) => {
  it("is in sync with the account it left, judged by one read of it", async () => {
    const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), "utf8")) as { emulator: StateSnapshot; state: StateEntry[] };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-release-"));
    const stateFile = path.join(dir, "emulator.json");
    fs.writeFileSync(stateFile, JSON.stringify(fixture.emulator));
    const emulator = await startEmulator({ tokens: [TOKEN], stateFile });
    const saved = Object.entries(process.env).filter(([k]) => k.startsWith("CLOUDFLARE_"));
    for (const [k] of saved) delete process.env[k];
    Object.assign(process.env, { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_BASE_URL: emulator.url });
    try {
      const exportFile = writeExport(path.join(dir, "dev.json"), fixture.state, { project: "test", stack: "dev" });
      const out: string[] = [];
      const log: string[] = [];
      const code = await main(["--account-id", ACCOUNT, "--state", exportFile, "--json"], {
        log: (l) => log.push(l),
        out: (t) => out.push(t),
      });
      const result = JSON.parse(out.join(""));
      expect(result.findings.filter((f: any) => f.finding !== "inSync")).toEqual([]);
      expect(result.notAudited.map((n: any) => n.type).sort()).toEqual(["PacketCapture", "PcapBucketOwnership"]);
      expect(result.skipped).toEqual([]);
      expect(code).toBe(0);
      // Every resource of the state that the read covers is one in-sync object (a RouteTable: one per route).
      const custom = fixture.state.filter((e) => e.custom && e.id);
      const routesInTables = custom
        .filter((e) => e.type.endsWith(":RouteTable"))
        .reduce((n, e) => n + (e.outputs.routes as unknown[]).length, 0);
      const tables = custom.filter((e) => e.type.endsWith(":RouteTable")).length;
      expect(result.summary.inSync).toBe(custom.length - tables + routesInTables - 2);
      expect(emulator.stats.requests.filter((r) => isWrite(r))).toEqual([]);
    } finally {
      for (const k of Object.keys(process.env)) if (k.startsWith("CLOUDFLARE_")) delete process.env[k];
      for (const [k, v] of saved) process.env[k] = v;
      await emulator.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
