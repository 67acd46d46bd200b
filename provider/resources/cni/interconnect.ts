import { report } from "../../engine/report";
import { defineResource, type Operation } from "../../framework/define";
import { resolveAccountId } from "../../framework/settings";
import { isPlainObject } from "../../../shared/values";
import { CloudflareError, path, sleep } from "../../client";
import { permission } from "../../permissions";
import { z } from "../common/fields";
import { interconnectVariantProblems } from "../../../shared/rules";

type Props = Record<string, unknown>;

/** "Bandwidth structure as visible through the customer-facing API" (GCP Partner interconnects). */
export const BANDWIDTHS = ["50M", "100M", "200M", "300M", "400M", "500M", "1G", "2G", "5G", "10G", "20G", "50G"] as const;

const bandwidth = () =>
  z.enum(BANDWIDTHS).meta({ name: "InterconnectBandwidth", description: "Bandwidth of a GCP Partner interconnect, as the API lists it." });

/** States a wait can aim for, in order: reaching a later one also satisfies an earlier one. */
const WAIT_TARGETS = ["Pending", "Healthy"] as const;
/** States that end a wait with a failure. */
const FAILED_STATES = ["Down", "Unhealthy"] as const;

/** What "Get interconnect status" (`GET .../interconnects/{icon}/status`) answers. */
const interconnectStatus = () =>
  z
    .object({
      state: z
        .enum([...WAIT_TARGETS, ...FAILED_STATES])
        .meta({ name: "InterconnectState", description: "The states an interconnect's status reports." }),
      reason: z.string().optional().meta({ description: "Diagnostic information for Down/Unhealthy, if available." }),
    })
    .meta({ state: "InterconnectStatusInfo", description: "What `GET .../interconnects/{icon}/status` reports." });

/** The states an interconnect's status reports. */
export type InterconnectState = z.infer<ReturnType<typeof interconnectStatus>>["state"];

/** "slot_id: string, format uuid". */
export const slotId = () =>
  z
    .string()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      "must be a slot id (a UUID such as 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e); list free ones with getSlots({ occupied: false })",
    );

/** How long a wait after creation lasts when `timeoutSeconds` is left out. */
const WAIT_SECONDS = 600;

const waitForStatusInput = () =>
  z
    .strictObject({
      status: z.enum(WAIT_TARGETS).meta({
        description:
          'The status to wait for: `"Healthy"`, or `"Pending"` (the interconnect exists and is not failing; Healthy satisfies it too). Creation fails if the status endpoint reports `Down` or `Unhealthy` (with Cloudflare\'s reason) or if the time runs out; the interconnect then stays in the stack (it exists), marked as not fully initialised.',
      }),
      timeoutSeconds: z
        .number()
        .int()
        .min(1)
        .max(86400)
        .optional()
        .meta({ description: "How long to wait, in seconds (1-86400).", default: WAIT_SECONDS }),
    })
    .meta({ args: "InterconnectWaitArgs", description: "What the provider waits for after creating an interconnect." });

const collection = ({ accountId }: { accountId: string }) => path`/accounts/${accountId}/cni/interconnects`;
const item = ({ accountId }: { accountId: string }, id: string) => path`/accounts/${accountId}/cni/interconnects/${id}`;
/** "Get interconnect status": what a wait after creation polls, and `getInterconnectStatus` reads. */
const statusPath = (ctx: { accountId: string }, id: string) => `${item(ctx, id)}/status`;

const given = (inputs: Props, key: string) => inputs[key] !== undefined && inputs[key] !== null;

/**
 * The create body is one of two shapes: physical `{account, slot_id, type, speed?}` or GCP Partner
 * `{account, bandwidth, pairing_key, type}`. Exactly one must be described.
 */
function interconnectVariantRules(inputs: Props): Array<[string, string]> {
  const problems = interconnectVariantProblems({
    slotId: given(inputs, "slotId"),
    speed: given(inputs, "speed"),
    bandwidth: given(inputs, "bandwidth"),
    pairingKey: given(inputs, "pairingKey"),
  });
  return problems.map((p): [string, string] => {
    switch (p.kind) {
      case "mixed":
        return [
          p.field,
          "must not be set together with slotId: an Interconnect is either physical (slotId, speed) or GCP Partner (bandwidth, pairingKey)",
        ];
      case "none":
        return ["slotId", "is required for a physical interconnect (or give bandwidth and pairingKey for a GCP Partner interconnect)"];
      case "gcpMissing":
        return [
          p.field,
          `is required with ${p.field === "bandwidth" ? "pairingKey" : "bandwidth"} (a GCP Partner interconnect needs both)`,
        ];
      case "gcpSpeed":
        return ["speed", "applies to physical interconnects only; a GCP Partner interconnect takes bandwidth"];
    }
  });
}

export interface WaitTiming {
  sleep(ms: number): Promise<void>;
  now(): number;
  log(line: string): void;
}

/**
 * Each line is the resource's status in the CLI (an ephemeral engine message naming it), and goes
 * to the provider host's stderr too, which the CLI shows only at debug level.
 */
const hostTiming: WaitTiming = {
  sleep,
  now: () => Date.now(),
  log: (line) => {
    console.error(`[cloudflare-magic] ${line}`);
    report().status(line);
  },
};

/** Backoff between polls: 1 s, doubling, at most 15 s. */
export function pollDelayMs(poll: number): number {
  return Math.min(15_000, 1000 * 2 ** poll);
}

/**
 * Polls `GET .../interconnects/{icon}/status` until it reports the wanted status (Healthy also
 * satisfies Pending). Fails with Cloudflare's reason when it reports Down or Unhealthy, or when
 * `timeoutSeconds` pass. Logs the state when it changes and at least every 30 s.
 */
export async function waitForInterconnectStatus(
  op: Pick<Operation, "request" | "ctx" | "label">,
  id: string,
  want: { status: (typeof WAIT_TARGETS)[number]; timeoutSeconds?: number },
  timing: WaitTiming = hostTiming,
): Promise<InterconnectState> {
  const timeout = want.timeoutSeconds ?? WAIT_SECONDS;
  const started = timing.now();
  const deadline = started + timeout * 1000;
  const rank = WAIT_TARGETS.indexOf(want.status);
  const elapsed = () => Math.round((timing.now() - started) / 1000);
  let last: string | undefined;
  let lastLog = started;
  timing.log(`${op.label}: waiting up to ${timeout}s for interconnect ${id} to be ${want.status}`);
  for (let poll = 0; ; poll++) {
    const status = await op.request<Props>({ method: "GET", path: statusPath(op.ctx, id) });
    const state = isPlainObject(status) && typeof status.state === "string" ? status.state : "(no state)";
    const reason = isPlainObject(status) && typeof status.reason === "string" && status.reason !== "" ? status.reason : undefined;
    if ((FAILED_STATES as readonly string[]).includes(state)) {
      throw new CloudflareError(
        `interconnect ${id} is ${state}: ${reason ?? "Cloudflare gave no reason"}. It was created and stays in the stack; fix the cause, then run \`pulumi up\` again, or destroy it.`,
        op.label,
      );
    }
    const reached = WAIT_TARGETS.indexOf(state as (typeof WAIT_TARGETS)[number]);
    if (reached >= rank) {
      timing.log(`${op.label}: interconnect ${id} is ${state} after ${elapsed()}s`);
      return state as InterconnectState;
    }
    const now = timing.now();
    if (now >= deadline) {
      throw new CloudflareError(
        `interconnect ${id} was still ${state} after ${timeout}s (waitForStatus ${want.status}). It was created and stays in the stack; raise waitForStatus.timeoutSeconds or check it in the dashboard.`,
        op.label,
      );
    }
    if (state !== last || now - lastLog >= 30_000) {
      timing.log(
        `${op.label}: interconnect ${id} is ${state}${reason ? ` (${reason})` : ""}; waiting for ${want.status} (${elapsed()}s of ${timeout}s)`,
      );
      last = state;
      lastLog = now;
    }
    await timing.sleep(Math.min(pollDelayMs(poll), deadline - now));
  }
}

/**
 * Interconnect (Cloudflare API "Network Interconnects > Interconnects > Create"). The API names an
 * interconnect by its `name`, which it makes up, so that is the resource id. There is no update
 * endpoint: every change replaces. The API never returns `pairing_key`, so it is carried over
 * from the inputs; for GCP Partner interconnects the API's `speed` is the `bandwidth`.
 */
export const definition = defineResource({
  token: "cni:Interconnect",
  kind: "Interconnect",
  inputs: z.strictObject({
    account: z
      .string()
      .min(1)
      .optional()
      .meta({ description: '"Customer account tag".', defaultDoc: "the account the interconnect is created in", isAccount: true }),
    type: z.string().min(1).meta({ description: "The interconnect type, as Cloudflare names it (a free string in the API reference)." }),
    slotId: slotId()
      .optional()
      .meta({ description: "Physical: the slot (port) to use, a UUID; find free ones with `getSlots({ occupied: false })`." }),
    speed: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'Physical: the port speed, e.g. `"10G"`; must be one the slot supports.', defaultDoc: "the slot's speed" }),
    bandwidth: bandwidth().optional().meta({ description: 'GCP Partner: the bandwidth, `"50M"` ... `"50G"`.' }),
    pairingKey: z.string().min(1).optional().meta({
      description: "GCP Partner: the pairing key of your VLAN attachment (`<uuid>/<region>/<1|2>`). Kept as a secret.",
      secret: true,
      noun: "GCP pairing key",
    }),
    // Ours: wait after creation until the status endpoint reports this status.
    waitForStatus: waitForStatusInput().optional().meta({
      description:
        "Wait after creation until the interconnect reports a status, polling with backoff (1 s up to 15 s) and printing progress. It is not sent to the API: adding or changing it later is an update that waits again, never a replacement. If a wait fails (Down, or the timeout), the interconnect stays in state and the next `pulumi up` waits again.",
      local: true,
    }),
  }),
  outputs: z.object({
    slotId: z.string().optional().meta({ description: "Physical: the slot the interconnect uses." }),
    speed: z.string().optional().meta({ description: "Physical: the port speed; GCP Partner: the bandwidth." }),
    bandwidth: bandwidth().optional().meta({ description: "GCP Partner: the bandwidth (the API reports it as `speed`)." }),
    // The API never returns `pairing_key`: kept from the inputs.
    pairingKey: z.string().optional().meta({ description: "GCP Partner: the pairing key (secret).", listed: false, neverReadBack: true }),
    facility: z
      .object({ address: z.array(z.string()), name: z.string() })
      .meta({ state: "FacilityInfo", description: "A Cloudflare facility: its name and address lines." })
      .optional()
      .meta({ description: "Physical: the facility of the slot." }),
    site: z.string().optional().meta({ description: "Physical: the Cloudflare site name." }),
    region: z.string().optional().meta({ description: "GCP Partner: the GCP region." }),
    owner: z.string().optional().meta({ description: "The interconnect's owner, as the API reports it." }),
    // Always in the API's answer, but state written before it was read back lacks it.
    virtualPortReservationId: z.string().optional().meta({
      description: "Correlates this interconnect with its V2 CNI virtual port reservation (the API's `virtual_port_reservation_id`).",
      alwaysListed: true,
    }),
    // The API's name for the interconnect is the resource's id, so it is no output of its own.
    name: z.string().meta({
      description: "The interconnect's name: its identifier in API paths and in a CNI's `interconnect` (the `id`).",
      lookupOnly: true,
    }),
  }),
  rules: interconnectVariantRules,
  api: {
    envelope: "bare",
    collection,
    item,
    wrappers: {},
    permission: permission("cni", "edit"),
    idField: "name",
    endpoints: {
      status: (ctx, id) => statusPath(ctx, String(id)),
      // "Get interconnect LOA": the Letter of Authorization of a physical interconnect.
      loa: (ctx, id) => `${item(ctx, String(id))}/loa`,
      // The slots (ports) an interconnect can be made on.
      slots: ({ accountId }) => path`/accounts/${accountId}/cni/slots`,
      slot: ({ accountId }, id) => path`/accounts/${accountId}/cni/slots/${String(id)}`,
    },
  },
  codegen: {
    collection: "interconnects",
    plural: "CNI interconnects",
    noun: "interconnect",
    role: "interconnect",
    // Cloudflare makes the name up: it is the id.
    label: (i) => String(i.id),
    // A GCP Partner interconnect's bandwidth is what the API reports as its `speed`.
    inputs: (inputs, live) => {
      if (live.slotId !== undefined) return inputs;
      const { speed: _bandwidth, ...rest } = inputs;
      return rest;
    },
  },
  answers: [interconnectStatus()],
  lifecycle: {
    kind: "object",
    // A slot carries one interconnect: a new one on the slot of the one it replaces waits for that one to go.
    naturalKey: (icon, inputs) => inputs.slotId !== undefined && icon.slot_id === inputs.slotId,
    afterCreate: async (op, id, _outputs, inputs) => {
      if (isPlainObject(inputs.waitForStatus))
        await waitForInterconnectStatus(op, id, inputs.waitForStatus as Parameters<typeof waitForInterconnectStatus>[2]);
      return {};
    },
  },
  toApi: (body, inputs) => ({ ...body, account: body.account ?? resolveAccountId(inputs.accountId) }),
  fromApi: (outputs) => (outputs.slotId === undefined && outputs.speed !== undefined ? { ...outputs, bandwidth: outputs.speed } : outputs),
});
