import * as magic from "pulumi-cloudflare-magic";
import { type Emulator, startEmulator } from "../../emulator";
import { type Host, secret, startHost } from "../harness/host";
import { ProgramDriver } from "../harness/program";
import { ACCOUNT, REPO, TOKEN } from "../resources/stack";

/**
 * An object deleted outside Pulumi (in the dashboard, by a script): an update of it fails saying
 * so and naming the refresh that recreates it; doing what it says converges; deleting a gone object succeeds.
 */
let emulator: Emulator;
let host: Host;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: [TOKEN] });
  host = await startHost({ cwd: REPO, project: "test" });
  await host.configure({
    "cloudflare:apiToken": secret(TOKEN),
    "cloudflare-magic:accountId": ACCOUNT,
    "cloudflare-magic:baseUrl": emulator.url,
  });
});
afterAll(async () => {
  await host.close();
  await emulator.close();
});

it("an update of an object deleted by hand says so and names the refresh; a delete of a gone object succeeds", async () => {
  const driver = new ProgramDriver({ host, project: "test", stack: "dev" });
  const site = (description: string) => () => {
    new magic.Site("branch-a", { name: "branch-a", description });
  };
  await driver.up(site("first"));
  const [live] = emulator.store.list(ACCOUNT, "sites");
  emulator.store.remove(ACCOUNT, "sites", live.id);
  const failed = await driver.up(site("second")).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(failed?.message).toContain(
    `update Site 'branch-a': the Site ${live.id} (or what it belongs to) was deleted outside Pulumi: Cloudflare no longer has it (`,
  );
  expect(failed?.message).toContain("Run `pulumi up --refresh` (or `pulumi refresh`, then `pulumi up`)");
  // What the message says: refresh, then apply, creates it again.
  await driver.refresh();
  await driver.up(site("second"));
  expect(emulator.store.list(ACCOUNT, "sites")).toEqual([expect.objectContaining({ name: "branch-a", description: "second" })]);
  // Gone again by hand: destroy still succeeds.
  emulator.store.clear();
  await driver.destroy();
  expect(driver.state.size).toBe(0);
});
