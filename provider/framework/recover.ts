import { OutcomeUnknownError } from "../client";

/**
 * The one rule for a create whose answer was lost (OutcomeUnknownError): before sending it again,
 * look for the object it may have made, so a lost response never produces a second object.
 *
 * Sends the create (unless `lost` says the first send already failed that way), then at most
 * `lookups` times: `find` what the lost create may have made and return it if found, else send
 * again. Any other error ends it at once; when the lookups run out, the last lost answer is thrown.
 */
export async function createRecovering<T>(opts: {
  send: () => Promise<T>;
  find: () => Promise<T | undefined>;
  lookups: number;
  lost?: OutcomeUnknownError;
}): Promise<T> {
  let lastError: OutcomeUnknownError | undefined = opts.lost;
  if (!lastError) {
    try {
      return await opts.send();
    } catch (e) {
      if (!(e instanceof OutcomeUnknownError)) throw e;
      lastError = e;
    }
  }
  for (let round = 0; round < opts.lookups; round++) {
    const found = await opts.find();
    if (found) return found;
    try {
      return await opts.send();
    } catch (e) {
      if (!(e instanceof OutcomeUnknownError)) throw e;
      lastError = e;
    }
  }
  throw lastError;
}
