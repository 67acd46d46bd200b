/**
 * What a Magic WAN Connector's telemetry endpoints answer ("Magic WAN Connector telemetry": List
 * Events, Get Event, List Latest Events, List Snapshots, Get Snapshot, List Latest Snapshots),
 * camelCase as the lookups return it. Transcribed once, from Cloudflare's official SDK
 * (cloudflare 7.3.0: newer than the reference, its snapshot also documents `routes`, `siteId`,
 * tunnel latency and NAT detection, interface health and inode counts, and it knows 29 event
 * kinds), keeping the API's own spelling (`criticalCelcius`); `npm run generate` writes the sdk's
 * types from it, and tests/structure holds the snapshot against the official SDK.
 */
import { z } from "../common/fields";

/** Snapshot Bond */
const connectorSnapshotBonds = () =>
  z
    .object({
      name: z.string().meta({ description: "Name of the network interface" }),
      status: z.string().meta({ description: "Current status of the network interface" }),
    })
    .meta({ state: "ConnectorSnapshotBonds", description: "Snapshot Bond" });

/** Snapshot DHCP lease */
const connectorSnapshotDhcpLeases = () =>
  z
    .object({
      clientId: z.string().meta({ description: "Client ID of the device the IP Address was leased to" }),
      expiryTime: z.number().meta({ description: "Expiry time of the DHCP lease (seconds since the Unix epoch)" }),
      hostname: z.string().meta({ description: "Hostname of the device the IP Address was leased to" }),
      interfaceName: z.string().meta({ description: "Name of the network interface" }),
      ipAddress: z.string().meta({ description: "IP Address that was leased" }),
      macAddress: z.string().meta({ description: "MAC Address of the device the IP Address was leased to" }),
    })
    .meta({ state: "ConnectorSnapshotDhcpLeases", description: "Snapshot DHCP lease" });

/** Snapshot Disk */
const connectorSnapshotDisks = () =>
  z
    .object({
      inProgress: z.number().meta({ description: "I/Os currently in progress" }),
      major: z.number().meta({ description: "Device major number" }),
      merged: z.number().meta({ description: "Reads merged" }),
      minor: z.number().meta({ description: "Device minor number" }),
      name: z.string().meta({ description: "Device name" }),
      reads: z.number().meta({ description: "Reads completed successfully" }),
      sectorsRead: z.number().meta({ description: "Sectors read successfully" }),
      sectorsWritten: z.number().meta({ description: "Sectors written successfully" }),
      timeInProgressMs: z.number().meta({ description: "Time spent doing I/Os (milliseconds)" }),
      timeReadingMs: z.number().meta({ description: "Time spent reading (milliseconds)" }),
      timeWritingMs: z.number().meta({ description: "Time spent writing (milliseconds)" }),
      weightedTimeInProgressMs: z.number().meta({ description: "Weighted time spent doing I/Os (milliseconds)" }),
      writes: z.number().meta({ description: "Writes completed" }),
      writesMerged: z.number().meta({ description: "Writes merged" }),
      discards: z.number().optional().meta({ description: "Discards completed successfully" }),
      discardsMerged: z.number().optional().meta({ description: "Discards merged" }),
      flushes: z.number().optional().meta({ description: "Flushes completed successfully" }),
      sectorsDiscarded: z.number().optional().meta({ description: "Sectors discarded" }),
      timeDiscardingMs: z.number().optional().meta({ description: "Time spent discarding (milliseconds)" }),
      timeFlushingMs: z.number().optional().meta({ description: "Time spent flushing (milliseconds)" }),
    })
    .meta({ state: "ConnectorSnapshotDisks", description: "Snapshot Disk" });

/** Snapshot Interface Address */
const connectorSnapshotInterfacesIpAddresses = () =>
  z
    .object({
      interfaceName: z.string().meta({ description: "Name of the network interface" }),
      ipAddress: z.string().meta({ description: "IP address of the network interface" }),
    })
    .meta({ state: "ConnectorSnapshotInterfacesIpAddresses", description: "Snapshot Interface Address" });

/** Snapshot Interface */
const connectorSnapshotInterfaces = () =>
  z
    .object({
      name: z.string().meta({ description: "Name of the network interface" }),
      operstate: z.string().meta({ description: "UP/DOWN state of the network interface" }),
      healthReason: z.string().optional().meta({ description: "Comma-separated list of reasons for health score" }),
      healthScore: z.number().optional().meta({ description: "Aggregate health score (0-100)" }),
      ipAddresses: z.array(connectorSnapshotInterfacesIpAddresses()).optional(),
      speed: z.number().optional().meta({ description: "Speed of the network interface (bits per second)" }),
    })
    .meta({ state: "ConnectorSnapshotInterfaces", description: "Snapshot Interface" });

/** Snapshot Mount */
const connectorSnapshotMounts = () =>
  z
    .object({
      fileSystem: z.string().meta({ description: "File system on disk (EXT4, NTFS, etc.)" }),
      kind: z.string().meta({ description: "Kind of disk (HDD, SSD, etc.)" }),
      mountPoint: z.string().meta({ description: "Path where disk is mounted" }),
      name: z.string().meta({ description: "Name of the disk mount" }),
      availableBytes: z.number().optional().meta({ description: "Available disk size (bytes)" }),
      availableInodes: z.number().optional().meta({ description: "Available inodes on filesystem" }),
      isReadOnly: z.boolean().optional().meta({ description: "Determines whether the disk is read-only" }),
      isRemovable: z.boolean().optional().meta({ description: "Determines whether the disk is removable" }),
      totalBytes: z.number().optional().meta({ description: "Total disk size (bytes)" }),
      totalInodes: z.number().optional().meta({ description: "Total inodes on filesystem" }),
    })
    .meta({ state: "ConnectorSnapshotMounts", description: "Snapshot Mount" });

/** Snapshot Netdev */
const connectorSnapshotNetdevs = () =>
  z
    .object({
      name: z.string().meta({ description: "Name of the network device" }),
      recvBytes: z.number().meta({ description: "Total bytes received" }),
      recvCompressed: z.number().meta({ description: "Compressed packets received" }),
      recvDrop: z.number().meta({ description: "Packets dropped" }),
      recvErrs: z.number().meta({ description: "Bad packets received" }),
      recvFifo: z.number().meta({ description: "FIFO overruns" }),
      recvFrame: z.number().meta({ description: "Frame alignment errors" }),
      recvMulticast: z.number().meta({ description: "Multicast packets received" }),
      recvPackets: z.number().meta({ description: "Total packets received" }),
      sentBytes: z.number().meta({ description: "Total bytes transmitted" }),
      sentCarrier: z.number().meta({ description: "Number of packets not sent due to carrier errors" }),
      sentColls: z.number().meta({ description: "Number of collisions" }),
      sentCompressed: z.number().meta({ description: "Number of compressed packets transmitted" }),
      sentDrop: z.number().meta({ description: "Number of packets dropped during transmission" }),
      sentErrs: z.number().meta({ description: "Number of transmission errors" }),
      sentFifo: z.number().meta({ description: "FIFO overruns" }),
      sentPackets: z.number().meta({ description: "Total packets transmitted" }),
    })
    .meta({ state: "ConnectorSnapshotNetdevs", description: "Snapshot Netdev" });

/** Snapshot Route */
const connectorSnapshotRoutes = () =>
  z
    .object({
      destination: z.string().meta({ description: "Route destination as default or an IPv4 CIDR" }),
      interfaceName: z.string().meta({ description: "Interface used by the next hop" }),
      kind: z.string().meta({ description: "Routing decision type: tunnel, breakout, or lan" }),
      metric: z.number().meta({ description: "Route metric; lower metrics are preferred" }),
      gateway: z.string().optional().meta({ description: "Gateway address for the next hop" }),
      weight: z.number().optional().meta({ description: "Relative weight within an equal-cost route" }),
    })
    .meta({ state: "ConnectorSnapshotRoutes", description: "Snapshot Route" });

/** Snapshot Thermal */
const connectorSnapshotThermals = () =>
  z
    .object({
      label: z.string().meta({ description: "Sensor identifier for the component" }),
      criticalCelcius: z.number().optional().meta({ description: "Critical failure temperature of the component (degrees Celsius)" }),
      currentCelcius: z.number().optional().meta({ description: "Current temperature of the component (degrees Celsius)" }),
      maxCelcius: z.number().optional().meta({ description: "Maximum temperature of the component (degrees Celsius)" }),
    })
    .meta({ state: "ConnectorSnapshotThermals", description: "Snapshot Thermal" });

/** Snapshot Tunnels */
const connectorSnapshotTunnels = () =>
  z
    .object({
      healthState: z.string().meta({ description: "Name of tunnel health state (unknown, healthy, degraded, down)" }),
      healthValue: z
        .number()
        .meta({ description: "Numeric value associated with tunnel state (0 = unknown, 1 = healthy, 2 = degraded, 3 = down)" }),
      interfaceName: z.string().meta({ description: "The tunnel interface name (i.e. xfrm1, xfrm3.99, etc.)" }),
      tunnelId: z.string().meta({ description: "Tunnel identifier" }),
      jitterMs: z.number().optional().meta({ description: "Tunnel round-trip latency variation in milliseconds" }),
      latencyMs: z.number().optional().meta({ description: "50th percentile tunnel round-trip latency in milliseconds" }),
      natdResult: z.string().optional().meta({ description: "Public socket address returned by the NAT detector" }),
      natdState: z
        .number()
        .optional()
        .meta({ description: "Numeric NAT detector state (0 = detected, 1 = missing result, 2 = stale result)" }),
      natdTarget: z
        .string()
        .optional()
        .meta({ description: "Target socket address probed by the NAT detector, using the detector source port" }),
      probedMtu: z.number().optional().meta({ description: "MTU as measured between the two ends of the tunnel" }),
      recentHealthyPings: z.number().optional().meta({ description: "Number of recent healthy pings for this tunnel" }),
      recentUnhealthyPings: z.number().optional().meta({ description: "Number of recent unhealthy pings for this tunnel" }),
    })
    .meta({ state: "ConnectorSnapshotTunnels", description: "Snapshot Tunnels" });

/** "Get Snapshot" (and each item of "List Latest Snapshots"), as the lookups return it. */
export const connectorSnapshot = () =>
  z
    .object({
      countReclaimFailures: z.number().meta({ description: "Count of failures to reclaim space" }),
      countReclaimedPaths: z.number().meta({ description: "Count of reclaimed paths" }),
      countRecordFailed: z.number().meta({ description: "Count of failed snapshot recordings" }),
      countTransmitFailures: z.number().meta({ description: "Count of failed snapshot transmissions" }),
      t: z.number().meta({ description: "Time the Snapshot was recorded (seconds since the Unix epoch)" }),
      v: z.string().meta({ description: "Version" }),
      bonds: z.array(connectorSnapshotBonds()).optional(),
      cpuCount: z.number().optional().meta({ description: "Count of processors/cores" }),
      cpuPressure10s: z.number().optional().meta({ description: "Percentage of time over a 10 second window that tasks were stalled" }),
      cpuPressure300s: z.number().optional().meta({ description: "Percentage of time over a 5 minute window that tasks were stalled" }),
      cpuPressure60s: z.number().optional().meta({ description: "Percentage of time over a 1 minute window that tasks were stalled" }),
      cpuPressureTotalUs: z.number().optional().meta({ description: "Total stall time (microseconds)" }),
      cpuTimeGuestMs: z.number().optional().meta({ description: "Time spent running a virtual CPU or guest OS (milliseconds)" }),
      cpuTimeGuestNiceMs: z.number().optional().meta({ description: "Time spent running a niced guest (milliseconds)" }),
      cpuTimeIdleMs: z.number().optional().meta({ description: "Time spent in idle state (milliseconds)" }),
      cpuTimeIowaitMs: z.number().optional().meta({ description: "Time spent wait for I/O to complete (milliseconds)" }),
      cpuTimeIrqMs: z.number().optional().meta({ description: "Time spent servicing interrupts (milliseconds)" }),
      cpuTimeNiceMs: z.number().optional().meta({ description: "Time spent in low-priority user mode (milliseconds)" }),
      cpuTimeSoftirqMs: z.number().optional().meta({ description: "Time spent servicing softirqs (milliseconds)" }),
      cpuTimeStealMs: z.number().optional().meta({ description: "Time stolen (milliseconds)" }),
      cpuTimeSystemMs: z.number().optional().meta({ description: "Time spent in system mode (milliseconds)" }),
      cpuTimeUserMs: z.number().optional().meta({ description: "Time spent in user mode (milliseconds)" }),
      delta: z.number().optional().meta({ description: "Number of network operations applied during state transition" }),
      dhcpLeases: z.array(connectorSnapshotDhcpLeases()).optional(),
      disks: z.array(connectorSnapshotDisks()).optional(),
      epsilon: z.number().optional().meta({ description: "Simulated number of network operations applied during state transition" }),
      haState: z.string().optional().meta({ description: "Name of high availability state" }),
      haValue: z.number().optional().meta({
        description:
          "Numeric value associated with high availability state (0 = disabled, 1 = active, 2 = standby, 3 = stopped, 4 = fault)",
      }),
      interfaces: z.array(connectorSnapshotInterfaces()).optional(),
      ioPressureFull10s: z
        .number()
        .optional()
        .meta({ description: "Percentage of time over a 10 second window that all tasks were stalled" }),
      ioPressureFull300s: z
        .number()
        .optional()
        .meta({ description: "Percentage of time over a 5 minute window that all tasks were stalled" }),
      ioPressureFull60s: z
        .number()
        .optional()
        .meta({ description: "Percentage of time over a 1 minute window that all tasks were stalled" }),
      ioPressureFullTotalUs: z.number().optional().meta({ description: "Total stall time (microseconds)" }),
      ioPressureSome10s: z
        .number()
        .optional()
        .meta({ description: "Percentage of time over a 10 second window that some tasks were stalled" }),
      ioPressureSome300s: z
        .number()
        .optional()
        .meta({ description: "Percentage of time over a 3 minute window that some tasks were stalled" }),
      ioPressureSome60s: z
        .number()
        .optional()
        .meta({ description: "Percentage of time over a 1 minute window that some tasks were stalled" }),
      ioPressureSomeTotalUs: z.number().optional().meta({ description: "Total stall time (microseconds)" }),
      kernelBtime: z.number().optional().meta({ description: "Boot time (seconds since Unix epoch)" }),
      kernelCtxt: z.number().optional().meta({ description: "Number of context switches that the system underwent" }),
      kernelProcesses: z.number().optional().meta({ description: "Number of forks since boot" }),
      kernelProcessesBlocked: z.number().optional().meta({ description: "Number of processes blocked waiting for I/O" }),
      kernelProcessesRunning: z.number().optional().meta({ description: "Number of processes in runnable state" }),
      loadAverage15m: z.number().optional().meta({ description: "The fifteen-minute load average" }),
      loadAverage1m: z.number().optional().meta({ description: "The one-minute load average" }),
      loadAverage5m: z.number().optional().meta({ description: "The five-minute load average" }),
      loadAverageCur: z.number().optional().meta({ description: "Number of currently runnable kernel scheduling entities" }),
      loadAverageMax: z
        .number()
        .optional()
        .meta({ description: "Number of kernel scheduling entities that currently exist on the system" }),
      memoryActiveBytes: z.number().optional().meta({ description: "Memory that has been used more recently" }),
      memoryAnonHugepagesBytes: z
        .number()
        .optional()
        .meta({ description: "Non-file backed huge pages mapped into user-space page tables" }),
      memoryAnonPagesBytes: z.number().optional().meta({ description: "Non-file backed pages mapped into user-space page tables" }),
      memoryAvailableBytes: z
        .number()
        .optional()
        .meta({ description: "Estimate of how much memory is available for starting new applications" }),
      memoryBounceBytes: z.number().optional().meta({ description: "Memory used for block device bounce buffers" }),
      memoryBuffersBytes: z.number().optional().meta({ description: "Relatively temporary storage for raw disk blocks" }),
      memoryCachedBytes: z.number().optional().meta({ description: "In-memory cache for files read from the disk" }),
      memoryCmaFreeBytes: z.number().optional().meta({ description: "Free CMA (Contiguous Memory Allocator) pages" }),
      memoryCmaTotalBytes: z.number().optional().meta({ description: "Total CMA (Contiguous Memory Allocator) pages" }),
      memoryCommitLimitBytes: z
        .number()
        .optional()
        .meta({ description: "Total amount of memory currently available to be allocated on the system" }),
      memoryCommittedAsBytes: z.number().optional().meta({ description: "Amount of memory presently allocated on the system" }),
      memoryDirtyBytes: z.number().optional().meta({ description: "Memory which is waiting to get written back to the disk" }),
      memoryFreeBytes: z.number().optional().meta({ description: "The sum of LowFree and HighFree" }),
      memoryHighFreeBytes: z.number().optional().meta({ description: "Amount of free highmem" }),
      memoryHighTotalBytes: z.number().optional().meta({ description: "Total amount of highmem" }),
      memoryHugepagesFree: z.number().optional().meta({ description: "The number of huge pages in the pool that are not yet allocated" }),
      memoryHugepagesRsvd: z
        .number()
        .optional()
        .meta({ description: "Number of huge pages for which a commitment has been made, but no allocation has yet been made" }),
      memoryHugepagesSurp: z.number().optional().meta({ description: "Number of huge pages in the pool above the threshold" }),
      memoryHugepagesTotal: z.number().optional().meta({ description: "The size of the pool of huge pages" }),
      memoryHugepagesizeBytes: z.number().optional().meta({ description: "The size of huge pages" }),
      memoryInactiveBytes: z.number().optional().meta({ description: "Memory which has been less recently used" }),
      memoryKReclaimableBytes: z
        .number()
        .optional()
        .meta({ description: "Kernel allocations that the kernel will attempt to reclaim under memory pressure" }),
      memoryKernelStackBytes: z.number().optional().meta({ description: "Amount of memory allocated to kernel stacks" }),
      memoryLowFreeBytes: z.number().optional().meta({ description: "Amount of free lowmem" }),
      memoryLowTotalBytes: z.number().optional().meta({ description: "Total amount of lowmem" }),
      memoryMappedBytes: z.number().optional().meta({ description: "Files which have been mapped into memory" }),
      memoryPageTablesBytes: z.number().optional().meta({ description: "Amount of memory dedicated to the lowest level of page tables" }),
      memoryPerCpuBytes: z
        .number()
        .optional()
        .meta({ description: "Memory allocated to the per-cpu alloctor used to back per-cpu allocations" }),
      memoryPressureFull10s: z
        .number()
        .optional()
        .meta({ description: "Percentage of time over a 10 second window that all tasks were stalled" }),
      memoryPressureFull300s: z
        .number()
        .optional()
        .meta({ description: "Percentage of time over a 5 minute window that all tasks were stalled" }),
      memoryPressureFull60s: z
        .number()
        .optional()
        .meta({ description: "Percentage of time over a 1 minute window that all tasks were stalled" }),
      memoryPressureFullTotalUs: z.number().optional().meta({ description: "Total stall time (microseconds)" }),
      memoryPressureSome10s: z
        .number()
        .optional()
        .meta({ description: "Percentage of time over a 10 second window that some tasks were stalled" }),
      memoryPressureSome300s: z
        .number()
        .optional()
        .meta({ description: "Percentage of time over a 5 minute window that some tasks were stalled" }),
      memoryPressureSome60s: z
        .number()
        .optional()
        .meta({ description: "Percentage of time over a 1 minute window that some tasks were stalled" }),
      memoryPressureSomeTotalUs: z.number().optional().meta({ description: "Total stall time (microseconds)" }),
      memorySReclaimableBytes: z.number().optional().meta({ description: "Part of slab that can be reclaimed on memory pressure" }),
      memorySUnreclaimBytes: z.number().optional().meta({ description: "Part of slab that cannot be reclaimed on memory pressure" }),
      memorySecondaryPageTablesBytes: z
        .number()
        .optional()
        .meta({ description: "Amount of memory dedicated to the lowest level of page tables" }),
      memoryShmemBytes: z.number().optional().meta({ description: "Amount of memory consumed by tmpfs" }),
      memoryShmemHugepagesBytes: z.number().optional().meta({ description: "Memory used by shmem and tmpfs, allocated with huge pages" }),
      memoryShmemPmdMappedBytes: z.number().optional().meta({ description: "Shared memory mapped into user space with huge pages" }),
      memorySlabBytes: z.number().optional().meta({ description: "In-kernel data structures cache" }),
      memorySwapCachedBytes: z.number().optional().meta({ description: "Memory swapped out and back in while still in swap file" }),
      memorySwapFreeBytes: z.number().optional().meta({ description: "Amount of swap space that is currently unused" }),
      memorySwapTotalBytes: z.number().optional().meta({ description: "Total amount of swap space available" }),
      memoryTotalBytes: z.number().optional().meta({ description: "Total usable RAM" }),
      memoryVmallocChunkBytes: z.number().optional().meta({ description: "Largest contiguous block of vmalloc area which is free" }),
      memoryVmallocTotalBytes: z.number().optional().meta({ description: "Total size of vmalloc memory area" }),
      memoryVmallocUsedBytes: z.number().optional().meta({ description: "Amount of vmalloc area which is used" }),
      memoryWritebackBytes: z.number().optional().meta({ description: "Memory which is actively being written back to the disk" }),
      memoryWritebackTmpBytes: z.number().optional().meta({ description: "Memory used by FUSE for temporary writeback buffers" }),
      memoryZSwapBytes: z.number().optional().meta({ description: "Memory consumed by the zswap backend, compressed" }),
      memoryZSwappedBytes: z.number().optional().meta({ description: "Amount of anonymous memory stored in zswap, uncompressed" }),
      mounts: z.array(connectorSnapshotMounts()).optional(),
      netdevs: z.array(connectorSnapshotNetdevs()).optional(),
      platform: z.string().optional().meta({ description: "Platform identifier" }),
      routes: z.array(connectorSnapshotRoutes()).optional(),
      siteId: z.string().optional().meta({ description: "Site identifier" }),
      snmpIcmpInAddrMaskReps: z.number().optional().meta({ description: "Number of ICMP Address Mask Reply messages received" }),
      snmpIcmpInAddrMasks: z.number().optional().meta({ description: "Number of ICMP Address Mask Request messages received" }),
      snmpIcmpInCsumErrors: z.number().optional().meta({ description: "Number of ICMP messages received with bad checksums" }),
      snmpIcmpInDestUnreachs: z.number().optional().meta({ description: "Number of ICMP Destination Unreachable messages received" }),
      snmpIcmpInEchoReps: z.number().optional().meta({ description: "Number of ICMP Echo Reply messages received" }),
      snmpIcmpInEchos: z.number().optional().meta({ description: "Number of ICMP Echo (request) messages received" }),
      snmpIcmpInErrors: z.number().optional().meta({ description: "Number of ICMP messages received with ICMP-specific errors" }),
      snmpIcmpInMsgs: z.number().optional().meta({ description: "Number of ICMP messages received" }),
      snmpIcmpInParmProbs: z.number().optional().meta({ description: "Number of ICMP Parameter Problem messages received" }),
      snmpIcmpInRedirects: z.number().optional().meta({ description: "Number of ICMP Redirect messages received" }),
      snmpIcmpInSrcQuenchs: z.number().optional().meta({ description: "Number of ICMP Source Quench messages received" }),
      snmpIcmpInTimeExcds: z.number().optional().meta({ description: "Number of ICMP Time Exceeded messages received" }),
      snmpIcmpInTimestampReps: z.number().optional().meta({ description: "Number of ICMP Address Mask Request messages received" }),
      snmpIcmpInTimestamps: z.number().optional().meta({ description: "Number of ICMP Timestamp (request) messages received" }),
      snmpIcmpOutAddrMaskReps: z.number().optional().meta({ description: "Number of ICMP Address Mask Reply messages sent" }),
      snmpIcmpOutAddrMasks: z.number().optional().meta({ description: "Number of ICMP Address Mask Request messages sent" }),
      snmpIcmpOutDestUnreachs: z.number().optional().meta({ description: "Number of ICMP Destination Unreachable messages sent" }),
      snmpIcmpOutEchoReps: z.number().optional().meta({ description: "Number of ICMP Echo Reply messages sent" }),
      snmpIcmpOutEchos: z.number().optional().meta({ description: "Number of ICMP Echo (request) messages sent" }),
      snmpIcmpOutErrors: z
        .number()
        .optional()
        .meta({ description: "Number of ICMP messages which this entity did not send due to ICMP-specific errors" }),
      snmpIcmpOutMsgs: z.number().optional().meta({ description: "Number of ICMP messages attempted to send" }),
      snmpIcmpOutParmProbs: z.number().optional().meta({ description: "Number of ICMP Parameter Problem messages sent" }),
      snmpIcmpOutRedirects: z.number().optional().meta({ description: "Number of ICMP Redirect messages sent" }),
      snmpIcmpOutSrcQuenchs: z.number().optional().meta({ description: "Number of ICMP Source Quench messages sent" }),
      snmpIcmpOutTimeExcds: z.number().optional().meta({ description: "Number of ICMP Time Exceeded messages sent" }),
      snmpIcmpOutTimestampReps: z.number().optional().meta({ description: "Number of ICMP Timestamp Reply messages sent" }),
      snmpIcmpOutTimestamps: z.number().optional().meta({ description: "Number of ICMP Timestamp (request) messages sent" }),
      snmpIpDefaultTtl: z.number().optional().meta({ description: "Default value of the Time-To-Live field of the IP header" }),
      snmpIpForwDatagrams: z.number().optional().meta({ description: "Number of datagrams forwarded to their final destination" }),
      snmpIpForwardingEnabled: z.boolean().optional().meta({ description: "Set when acting as an IP gateway" }),
      snmpIpFragCreates: z.number().optional().meta({ description: "Number of datagrams generated by fragmentation" }),
      snmpIpFragFails: z.number().optional().meta({ description: "Number of datagrams discarded because fragmentation failed" }),
      snmpIpFragOks: z.number().optional().meta({ description: "Number of datagrams successfully fragmented" }),
      snmpIpInAddrErrors: z
        .number()
        .optional()
        .meta({ description: "Number of input datagrams discarded due to errors in the IP address" }),
      snmpIpInDelivers: z
        .number()
        .optional()
        .meta({ description: "Number of input datagrams successfully delivered to IP user-protocols" }),
      snmpIpInDiscards: z.number().optional().meta({ description: "Number of input datagrams otherwise discarded" }),
      snmpIpInHdrErrors: z.number().optional().meta({ description: "Number of input datagrams discarded due to errors in the IP header" }),
      snmpIpInReceives: z.number().optional().meta({ description: "Number of input datagrams received from interfaces" }),
      snmpIpInUnknownProtos: z
        .number()
        .optional()
        .meta({ description: "Number of input datagrams discarded due unknown or unsupported protocol" }),
      snmpIpOutDiscards: z.number().optional().meta({ description: "Number of output datagrams otherwise discarded" }),
      snmpIpOutNoRoutes: z.number().optional().meta({ description: "Number of output datagrams discarded because no route matched" }),
      snmpIpOutRequests: z.number().optional().meta({ description: "Number of datagrams supplied for transmission" }),
      snmpIpReasmFails: z.number().optional().meta({ description: "Number of failures detected by the reassembly algorithm" }),
      snmpIpReasmOks: z.number().optional().meta({ description: "Number of datagrams successfully reassembled" }),
      snmpIpReasmReqds: z.number().optional().meta({ description: "Number of fragments received which needed to be reassembled" }),
      snmpIpReasmTimeout: z.number().optional().meta({ description: "Number of seconds fragments are held while awaiting reassembly" }),
      snmpTcpActiveOpens: z.number().optional().meta({ description: "Number of times TCP transitions to SYN-SENT from CLOSED" }),
      snmpTcpAttemptFails: z.number().optional().meta({
        description: "Number of times TCP transitions to CLOSED from SYN-SENT or SYN-RCVD, plus transitions to LISTEN from SYN-RCVD",
      }),
      snmpTcpCurrEstab: z.number().optional().meta({ description: "Number of TCP connections in ESTABLISHED or CLOSE-WAIT" }),
      snmpTcpEstabResets: z
        .number()
        .optional()
        .meta({ description: "Number of times TCP transitions to CLOSED from ESTABLISHED or CLOSE-WAIT" }),
      snmpTcpInCsumErrors: z.number().optional().meta({ description: "Number of TCP segments received with checksum errors" }),
      snmpTcpInErrs: z.number().optional().meta({ description: "Number of TCP segments received in error" }),
      snmpTcpInSegs: z.number().optional().meta({ description: "Number of TCP segments received" }),
      snmpTcpMaxConn: z.number().optional().meta({ description: "Limit on the total number of TCP connections" }),
      snmpTcpOutRsts: z.number().optional().meta({ description: "Number of TCP segments sent with RST flag" }),
      snmpTcpOutSegs: z.number().optional().meta({ description: "Number of TCP segments sent" }),
      snmpTcpPassiveOpens: z.number().optional().meta({ description: "Number of times TCP transitions to SYN-RCVD from LISTEN" }),
      snmpTcpRetransSegs: z.number().optional().meta({ description: "Number of TCP segments retransmitted" }),
      snmpTcpRtoMax: z
        .number()
        .optional()
        .meta({ description: "Maximum value permitted by a TCP implementation for the retransmission timeout (milliseconds)" }),
      snmpTcpRtoMin: z
        .number()
        .optional()
        .meta({ description: "Minimum value permitted by a TCP implementation for the retransmission timeout (milliseconds)" }),
      snmpUdpInDatagrams: z.number().optional().meta({ description: "Number of UDP datagrams delivered to UDP applications" }),
      snmpUdpInErrors: z.number().optional().meta({
        description: "Number of UDP datagrams failed to be delivered for reasons other than lack of application at the destination port",
      }),
      snmpUdpNoPorts: z
        .number()
        .optional()
        .meta({ description: "Number of UDP datagrams received for which there was not application at the destination port" }),
      snmpUdpOutDatagrams: z.number().optional().meta({ description: "Number of UDP datagrams sent" }),
      systemBootTimeS: z.number().optional().meta({ description: "Boottime of the system (seconds since the Unix epoch)" }),
      thermals: z.array(connectorSnapshotThermals()).optional(),
      tunnels: z.array(connectorSnapshotTunnels()).optional(),
      uptimeIdleMs: z.number().optional().meta({ description: "Sum of how much time each core has spent idle" }),
      uptimeTotalMs: z.number().optional().meta({ description: "Uptime of the system, including time spent in suspend" }),
    })
    .meta({
      state: "ConnectorSnapshot",
      description:
        'A connector snapshot: every metric the "Get Snapshot" answer documents, camelCase. Only the first six are always present.',
    });

/** "Event kinds" of "Get Event" (the official SDK's list: the reference names 16 of them). */
const EVENT_KINDS = [
  "Init",
  "Leave",
  "StartAttestation",
  "FinishAttestationSuccess",
  "FinishAttestationFailure",
  "StartRotateCryptKey",
  "FinishRotateCryptKeySuccess",
  "FinishRotateCryptKeyFailure",
  "StartRotatePki",
  "FinishRotatePkiSuccess",
  "FinishRotatePkiFailure",
  "StartUpgrade",
  "FinishUpgradeSuccess",
  "FinishUpgradeFailure",
  "BlessSlotSuccess",
  "BlessSlotPending",
  "BlessSlotFailure",
  "Reconcile",
  "ConfigureCloudflaredTunnel",
  "RekeyInstallBoth",
  "RekeyStart",
  "RekeyRestart",
  "RekeyAdvance",
  "RekeyComplete",
  "RekeyReset",
  "HaTransition",
  "HaError",
  "HaInit",
  "HaLeave",
] as const;

const eventKind = () => z.enum(EVENT_KINDS).meta({ name: "ConnectorEventKind", description: "What kind of event a connector recorded." });

/** One item of "List Events": when and what, without the event's payload. */
export const connectorEventSummary = () =>
  z
    .object({
      a: z.number().meta({ description: "Time the event was collected (seconds since the Unix epoch)." }),
      k: eventKind().meta({ description: "Kind." }),
      n: z.number().meta({ description: "Sequence number, used to order events with the same timestamp." }),
      t: z.number().meta({ description: "Time the event was recorded (seconds since the Unix epoch)." }),
    })
    .meta({ state: "ConnectorEventSummary", description: "One event as the events list gives it." });

/** "Get Event" (and each item of "List Latest Events"). */
export const connectorEvent = () =>
  z
    .object({
      e: z
        .object({
          k: eventKind().meta({ description: "Event kind." }),
          url: z.string().optional().meta({ description: "`StartUpgrade`: the location of the upgrade bundle." }),
        })
        .meta({ description: "What happened: the kind, and for `StartUpgrade` the location of the upgrade bundle." }),
      n: z.number().meta({ description: "Sequence number, used to order events with the same timestamp." }),
      t: z.number().meta({ description: "Time the event was recorded (seconds since the Unix epoch)." }),
      v: z.string().optional().meta({ description: "Connector version." }),
    })
    .meta({ state: "ConnectorEvent", description: "One recorded event in full (single event and latest events)." });

/** One item of "List Snapshots": the times of a snapshot, to get it in full by `t`. */
export const connectorSnapshotSummary = () =>
  z
    .object({
      a: z.number().meta({ description: "Time the snapshot was collected (seconds since the Unix epoch)." }),
      t: z.number().meta({
        description: "Time the snapshot was recorded (seconds since the Unix epoch); the id for `getConnectorSnapshot`.",
      }),
    })
    .meta({ state: "ConnectorSnapshotSummary", description: "One snapshot as the snapshots list gives it." });
