import type * as pulumi from "@pulumi/pulumi";
import { type PacketCaptureArgs, PacketCaptureResource } from "./generated/packet-capture";

export type { PacketCaptureArgs } from "./generated/packet-capture";

/**
 * A Magic Transit packet capture that exists while the stack holds it.
 *
 * Creating the resource starts the capture; the API cannot change one, so every change starts a
 * new capture (the old one is stopped first, since Cloudflare runs one full capture at a time —
 * unless you set `deleteBeforeReplace: false`). Destroying it stops a full capture that is still
 * pending or running; a simple capture ends by itself and stays listed by Cloudflare. `status`,
 * `packetsCaptured` and the other server fields are refreshed by `pulumi refresh` and never cause a diff.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const capture = new magic.PacketCapture("web-traffic", {
 *     type: "simple",
 *     system: "magic-transit",
 *     timeLimit: 300,
 *     packetLimit: 10000,
 *     filterV1: { destinationAddress: "203.0.113.10", destinationPort: 443, protocol: 6 },
 * });
 * export const captureId = capture.id;
 * export const captureStatus = capture.status;
 * ```
 */
export class PacketCapture extends PacketCaptureResource {
  constructor(name: string, args: PacketCaptureArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, { deleteBeforeReplace: true, ...opts });
  }
}
