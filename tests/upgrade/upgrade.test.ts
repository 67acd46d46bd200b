import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import type { StateSnapshot } from "../../emulator/store";
import { secret, startHost } from "../harness/host";
import { ProgramDriver, type StateEntry } from "../harness/program";
import { everyResource, provisionCfInterconnect } from "../reliability/fixtures";
import { ACCOUNT, REPO, TOKEN } from "../resources/stack";

/**
 * Users upgrade in place. For every release we keep, as a fixture, the Pulumi state that release
 * wrote for a program with one of every resource and component, and the account it left behind
 * (the emulator's state). Against each fixture, today's package must:
 *
 * - apply the unchanged program as a no-op: every resource "same", no host create/update/delete,
 *   not one write request to the API;
 * - refresh without changing any input the user wrote (new outputs may appear: they never diff);
 * - apply again after that refresh, still a no-op.
 *
 * Record the fixture of a new release (from a checkout of that release, before changing anything):
 *   RECORD_UPGRADE_FIXTURE=1 node tests/run-jest.js tests/upgrade
 * It writes tests/upgrade/fixtures/<version>.json. Never edit or re-record an old release's file.
 */
const FIXTURES = path.join(__dirname, "fixtures");
const SECRETS = { psk: "upgrade-psk-5f2e9c71d3a8b4e6", md5Key: "upgrade-md5-77c1e0" };

interface Fixture {
  release: string;
  /** What the program refers to that Cloudflare made beforehand. */
  cfInterconnectId: string;
  /** The account as the release left it. */
  emulator: StateSnapshot;
  /** The Pulumi state the release wrote (inputs and outputs as the engine stores them). */
  state: StateEntry[];
}

const RECORD = process.env.RECORD_UPGRADE_FIXTURE === "1";
const releases = fs.existsSync(FIXTURES)
  ? fs
      .readdirSync(FIXTURES)
      .filter((f) => f.endsWith(".json"))
      .sort()
  : [];

async function stackAgainst(snapshot?: StateSnapshot) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "upgrade-"));
  const stateFile = path.join(dir, "emulator.json");
  if (snapshot) fs.writeFileSync(stateFile, JSON.stringify(snapshot));
  const emulator = await startEmulator({ tokens: [TOKEN], stateFile });
  const host = await startHost({ cwd: REPO, project: "test" });
  await host.configure({
    "cloudflare:apiToken": secret(TOKEN),
    "cloudflare-magic:accountId": ACCOUNT,
    "cloudflare-magic:baseUrl": emulator.url,
  });
  const driver = new ProgramDriver({ host, project: "test", stack: "dev" });
  const close = async () => {
    await host.close();
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { emulator, host, driver, close };
}

/** The inputs a user wrote (our internal `__` keys aside), for comparing before and after a refresh. */
const userInputs = (e: StateEntry) => Object.fromEntries(Object.entries(e.inputs).filter(([k]) => !k.startsWith("__")));

(RECORD ? describe : describe.skip)("record the upgrade fixture of this release", () => {
  it("applies the program and writes the state it left", async () => {
    const s = await stackAgainst();
    try {
      const cfInterconnectId = provisionCfInterconnect(s.emulator);
      const program = everyResource({ secrets: SECRETS, cfInterconnectId });
      await s.driver.up(program);
      const again = await s.driver.up(program);
      expect(again.ops.filter((o) => o.op !== "same")).toEqual([]);
      const release = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version as string;
      const fixture: Fixture = { release, cfInterconnectId, emulator: s.emulator.store.dump(), state: [...s.driver.state.values()] };
      fs.mkdirSync(FIXTURES, { recursive: true });
      fs.writeFileSync(path.join(FIXTURES, `${release}.json`), JSON.stringify(fixture, null, 1) + "\n");
    } finally {
      await s.close();
    }
  });
});

describe("state written by an earlier release keeps working", () => {
  it("has a fixture for at least one release", () => {
    expect(releases.length).toBeGreaterThan(0);
  });

  for (const file of releases)
    describe(file, () => {
      const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), "utf8")) as Fixture;
      const program = everyResource({ secrets: SECRETS, cfInterconnectId: fixture.cfInterconnectId });

      it("an unchanged program is a no-op, before and after a refresh, with no write request", async () => {
        const s = await stackAgainst(fixture.emulator);
        try {
          for (const e of structuredClone(fixture.state)) s.driver.state.set(e.urn, e);
          const writes = () => s.emulator.stats.requests.filter((r) => r.method !== "GET");

          const first = await s.driver.up(program);
          expect(first.ops.filter((o) => o.op !== "same")).toEqual([]);
          expect({ create: s.driver.calls.create, update: s.driver.calls.update, delete: s.driver.calls.delete }).toEqual({
            create: 0,
            update: 0,
            delete: 0,
          });
          expect(writes()).toEqual([]);

          const before = new Map([...s.driver.state.values()].map((e) => [e.urn, userInputs(e)]));
          const refreshed = await s.driver.refresh();
          expect(refreshed.filter((r) => r.op === "delete")).toEqual([]);
          for (const e of s.driver.state.values())
            expect({ urn: e.urn, inputs: userInputs(e) }).toEqual({ urn: e.urn, inputs: before.get(e.urn) });

          const second = await s.driver.up(program);
          expect(second.ops.filter((o) => o.op !== "same")).toEqual([]);
          expect(writes()).toEqual([]);
          console.log(
            `upgrade from ${fixture.release}: ${fixture.state.length} state entries, ${first.ops.length} resources same twice, ${refreshed.length} refreshed, 0 writes`,
          );
        } finally {
          await s.close();
        }
      });
    });
});
