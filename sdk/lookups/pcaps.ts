import * as fs from "node:fs/promises";
import type { PacketCaptureInfo } from "../magic/generated/packet-capture";
import type { PcapBucketOwnershipInfo } from "../magic/generated/pcap-bucket-ownership";
import { type LookupArgs, listOf, oneOf, provider } from "./lookup";

export type { PcapBucketOwnershipInfo } from "../magic/generated/pcap-bucket-ownership";

/** A packet capture request as the API reports it (camelCase), with its id (the lookup type of `PacketCapture`). */
export type PcapInfo = PacketCaptureInfo;

/**
 * Lists the account's packet capture requests.
 *
 * @example
 * ```ts
 * const running = (await magic.getPcaps()).filter((p) => p.status === "running");
 * ```
 */
export function getPcaps(args: LookupArgs = {}): Promise<PcapInfo[]> {
  return listOf<PcapInfo>("magic:PacketCapture", args);
}

/**
 * Gets one packet capture request by id (e.g. to see whether it has finished).
 *
 * @example
 * ```ts
 * const { status } = await magic.getPcap("66802ca5668e47a2b82c2e6746e45037");
 * ```
 */
export function getPcap(id: string, args: LookupArgs = {}): Promise<PcapInfo> {
  return oneOf<PcapInfo>("magic:PacketCapture", id, args);
}

/**
 * Lists the buckets registered for full packet captures.
 *
 * @example
 * ```ts
 * const validated = (await magic.getPcapBucketOwnerships()).filter((b) => b.status === "success");
 * ```
 */
export function getPcapBucketOwnerships(args: LookupArgs = {}): Promise<PcapBucketOwnershipInfo[]> {
  return listOf<PcapBucketOwnershipInfo>("magic:PcapBucketOwnership", args);
}

export interface DownloadPcapArgs extends LookupArgs {
  /** Write the file here instead of returning its content. */
  path?: string;
}

/** A downloaded capture held in memory. */
export interface PcapContent {
  contentType: string;
  /** The pcap file, base64-encoded. */
  base64: string;
}

/** A downloaded capture written to a file. */
export interface PcapFileWritten {
  contentType: string;
  path: string;
  /** Size of the file written. */
  bytes: number;
}

/**
 * Downloads a finished simple packet capture (a binary pcap file). With `path`, writes it there;
 * otherwise returns it base64-encoded. Full captures are written to their bucket instead.
 *
 * @example
 * ```ts
 * const file = await magic.downloadPcap(capture.id, { path: "capture.pcap" });
 * console.log(`${file.bytes} bytes of ${file.contentType}`);
 * ```
 */
export function downloadPcap(id: string, args: DownloadPcapArgs & { path: string }): Promise<PcapFileWritten>;
export function downloadPcap(id: string, args?: LookupArgs): Promise<PcapContent>;
export async function downloadPcap(id: string, args: DownloadPcapArgs = {}): Promise<PcapContent | PcapFileWritten> {
  const p = provider();
  const accountId = p.settings.resolveAccountId(args.accountId);
  const raw = await p.settings.client().requestRaw({
    method: "GET",
    path: p.pathOf("magic:PacketCapture", "download", accountId, id),
    headers: { accept: "application/vnd.tcpdump.pcap, application/octet-stream;q=0.9, */*;q=0.1" },
    label: `download PCAP '${id}'`,
    permission: p.permissions.permission("pcaps", "read"),
  });
  if (args.path === undefined) return { contentType: raw.contentType, base64: raw.body.toString("base64") };
  await fs.writeFile(args.path, raw.body);
  return { contentType: raw.contentType, path: args.path, bytes: raw.body.length };
}
