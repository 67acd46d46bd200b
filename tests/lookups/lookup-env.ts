import { type Emulator, startEmulator } from "../../emulator";
import { ACCOUNT, TOKEN } from "../resources/stack";

/**
 * Lookups run in the program process and read credentials like a CI job would: from the
 * environment. Starts an emulator for the test file, points CLOUDFLARE_* at it, and undoes both
 * after the file. Returns a getter for the running emulator.
 */
export function lookupEmulator(): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ tokens: [TOKEN] });
    process.env.CLOUDFLARE_API_TOKEN = TOKEN;
    process.env.CLOUDFLARE_BASE_URL = emulator.url;
    process.env.CLOUDFLARE_ACCOUNT_ID = ACCOUNT;
  });
  afterAll(async () => {
    delete process.env.CLOUDFLARE_API_TOKEN;
    delete process.env.CLOUDFLARE_BASE_URL;
    delete process.env.CLOUDFLARE_ACCOUNT_ID;
    await emulator?.close();
  });
  return () => {
    if (!emulator) throw new Error("the lookup emulator runs only inside tests");
    return emulator;
  };
}
