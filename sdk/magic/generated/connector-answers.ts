// generated from provider/resources/magic/connector.ts: edit the definition, then run npm run generate

/** One recorded event in full (single event and latest events). */
export interface ConnectorEvent {
  /** What happened: the kind, and for `StartUpgrade` the location of the upgrade bundle. */
  e: { k: ConnectorEventKind; url?: string };
  /** Sequence number, used to order events with the same timestamp. */
  n: number;
  /** Time the event was recorded (seconds since the Unix epoch). */
  t: number;
  /** Connector version. */
  v?: string;
}

/** What kind of event a connector recorded. */
export type ConnectorEventKind =
  | "Init"
  | "Leave"
  | "StartAttestation"
  | "FinishAttestationSuccess"
  | "FinishAttestationFailure"
  | "StartRotateCryptKey"
  | "FinishRotateCryptKeySuccess"
  | "FinishRotateCryptKeyFailure"
  | "StartRotatePki"
  | "FinishRotatePkiSuccess"
  | "FinishRotatePkiFailure"
  | "StartUpgrade"
  | "FinishUpgradeSuccess"
  | "FinishUpgradeFailure"
  | "BlessSlotSuccess"
  | "BlessSlotPending"
  | "BlessSlotFailure"
  | "Reconcile"
  | "ConfigureCloudflaredTunnel"
  | "RekeyInstallBoth"
  | "RekeyStart"
  | "RekeyRestart"
  | "RekeyAdvance"
  | "RekeyComplete"
  | "RekeyReset"
  | "HaTransition"
  | "HaError"
  | "HaInit"
  | "HaLeave";

/** One event as the events list gives it. */
export interface ConnectorEventSummary {
  /** Time the event was collected (seconds since the Unix epoch). */
  a: number;
  /** Kind. */
  k: ConnectorEventKind;
  /** Sequence number, used to order events with the same timestamp. */
  n: number;
  /** Time the event was recorded (seconds since the Unix epoch). */
  t: number;
}

/**
 * A connector snapshot: every metric the "Get Snapshot" answer documents, camelCase. Only the first
 * six are always present.
 */
export interface ConnectorSnapshot {
  /** Count of failures to reclaim space */
  countReclaimFailures: number;
  /** Count of reclaimed paths */
  countReclaimedPaths: number;
  /** Count of failed snapshot recordings */
  countRecordFailed: number;
  /** Count of failed snapshot transmissions */
  countTransmitFailures: number;
  /** Time the Snapshot was recorded (seconds since the Unix epoch) */
  t: number;
  /** Version */
  v: string;
  bonds?: ConnectorSnapshotBonds[];
  /** Count of processors/cores */
  cpuCount?: number;
  /** Percentage of time over a 10 second window that tasks were stalled */
  cpuPressure10s?: number;
  /** Percentage of time over a 5 minute window that tasks were stalled */
  cpuPressure300s?: number;
  /** Percentage of time over a 1 minute window that tasks were stalled */
  cpuPressure60s?: number;
  /** Total stall time (microseconds) */
  cpuPressureTotalUs?: number;
  /** Time spent running a virtual CPU or guest OS (milliseconds) */
  cpuTimeGuestMs?: number;
  /** Time spent running a niced guest (milliseconds) */
  cpuTimeGuestNiceMs?: number;
  /** Time spent in idle state (milliseconds) */
  cpuTimeIdleMs?: number;
  /** Time spent wait for I/O to complete (milliseconds) */
  cpuTimeIowaitMs?: number;
  /** Time spent servicing interrupts (milliseconds) */
  cpuTimeIrqMs?: number;
  /** Time spent in low-priority user mode (milliseconds) */
  cpuTimeNiceMs?: number;
  /** Time spent servicing softirqs (milliseconds) */
  cpuTimeSoftirqMs?: number;
  /** Time stolen (milliseconds) */
  cpuTimeStealMs?: number;
  /** Time spent in system mode (milliseconds) */
  cpuTimeSystemMs?: number;
  /** Time spent in user mode (milliseconds) */
  cpuTimeUserMs?: number;
  /** Number of network operations applied during state transition */
  delta?: number;
  dhcpLeases?: ConnectorSnapshotDhcpLeases[];
  disks?: ConnectorSnapshotDisks[];
  /** Simulated number of network operations applied during state transition */
  epsilon?: number;
  /** Name of high availability state */
  haState?: string;
  /**
   * Numeric value associated with high availability state (0 = disabled, 1 = active, 2 = standby, 3 =
   * stopped, 4 = fault)
   */
  haValue?: number;
  interfaces?: ConnectorSnapshotInterfaces[];
  /** Percentage of time over a 10 second window that all tasks were stalled */
  ioPressureFull10s?: number;
  /** Percentage of time over a 5 minute window that all tasks were stalled */
  ioPressureFull300s?: number;
  /** Percentage of time over a 1 minute window that all tasks were stalled */
  ioPressureFull60s?: number;
  /** Total stall time (microseconds) */
  ioPressureFullTotalUs?: number;
  /** Percentage of time over a 10 second window that some tasks were stalled */
  ioPressureSome10s?: number;
  /** Percentage of time over a 3 minute window that some tasks were stalled */
  ioPressureSome300s?: number;
  /** Percentage of time over a 1 minute window that some tasks were stalled */
  ioPressureSome60s?: number;
  /** Total stall time (microseconds) */
  ioPressureSomeTotalUs?: number;
  /** Boot time (seconds since Unix epoch) */
  kernelBtime?: number;
  /** Number of context switches that the system underwent */
  kernelCtxt?: number;
  /** Number of forks since boot */
  kernelProcesses?: number;
  /** Number of processes blocked waiting for I/O */
  kernelProcessesBlocked?: number;
  /** Number of processes in runnable state */
  kernelProcessesRunning?: number;
  /** The fifteen-minute load average */
  loadAverage15m?: number;
  /** The one-minute load average */
  loadAverage1m?: number;
  /** The five-minute load average */
  loadAverage5m?: number;
  /** Number of currently runnable kernel scheduling entities */
  loadAverageCur?: number;
  /** Number of kernel scheduling entities that currently exist on the system */
  loadAverageMax?: number;
  /** Memory that has been used more recently */
  memoryActiveBytes?: number;
  /** Non-file backed huge pages mapped into user-space page tables */
  memoryAnonHugepagesBytes?: number;
  /** Non-file backed pages mapped into user-space page tables */
  memoryAnonPagesBytes?: number;
  /** Estimate of how much memory is available for starting new applications */
  memoryAvailableBytes?: number;
  /** Memory used for block device bounce buffers */
  memoryBounceBytes?: number;
  /** Relatively temporary storage for raw disk blocks */
  memoryBuffersBytes?: number;
  /** In-memory cache for files read from the disk */
  memoryCachedBytes?: number;
  /** Free CMA (Contiguous Memory Allocator) pages */
  memoryCmaFreeBytes?: number;
  /** Total CMA (Contiguous Memory Allocator) pages */
  memoryCmaTotalBytes?: number;
  /** Total amount of memory currently available to be allocated on the system */
  memoryCommitLimitBytes?: number;
  /** Amount of memory presently allocated on the system */
  memoryCommittedAsBytes?: number;
  /** Memory which is waiting to get written back to the disk */
  memoryDirtyBytes?: number;
  /** The sum of LowFree and HighFree */
  memoryFreeBytes?: number;
  /** Amount of free highmem */
  memoryHighFreeBytes?: number;
  /** Total amount of highmem */
  memoryHighTotalBytes?: number;
  /** The number of huge pages in the pool that are not yet allocated */
  memoryHugepagesFree?: number;
  /** Number of huge pages for which a commitment has been made, but no allocation has yet been made */
  memoryHugepagesRsvd?: number;
  /** Number of huge pages in the pool above the threshold */
  memoryHugepagesSurp?: number;
  /** The size of the pool of huge pages */
  memoryHugepagesTotal?: number;
  /** The size of huge pages */
  memoryHugepagesizeBytes?: number;
  /** Memory which has been less recently used */
  memoryInactiveBytes?: number;
  /** Kernel allocations that the kernel will attempt to reclaim under memory pressure */
  memoryKReclaimableBytes?: number;
  /** Amount of memory allocated to kernel stacks */
  memoryKernelStackBytes?: number;
  /** Amount of free lowmem */
  memoryLowFreeBytes?: number;
  /** Total amount of lowmem */
  memoryLowTotalBytes?: number;
  /** Files which have been mapped into memory */
  memoryMappedBytes?: number;
  /** Amount of memory dedicated to the lowest level of page tables */
  memoryPageTablesBytes?: number;
  /** Memory allocated to the per-cpu alloctor used to back per-cpu allocations */
  memoryPerCpuBytes?: number;
  /** Percentage of time over a 10 second window that all tasks were stalled */
  memoryPressureFull10s?: number;
  /** Percentage of time over a 5 minute window that all tasks were stalled */
  memoryPressureFull300s?: number;
  /** Percentage of time over a 1 minute window that all tasks were stalled */
  memoryPressureFull60s?: number;
  /** Total stall time (microseconds) */
  memoryPressureFullTotalUs?: number;
  /** Percentage of time over a 10 second window that some tasks were stalled */
  memoryPressureSome10s?: number;
  /** Percentage of time over a 5 minute window that some tasks were stalled */
  memoryPressureSome300s?: number;
  /** Percentage of time over a 1 minute window that some tasks were stalled */
  memoryPressureSome60s?: number;
  /** Total stall time (microseconds) */
  memoryPressureSomeTotalUs?: number;
  /** Part of slab that can be reclaimed on memory pressure */
  memorySReclaimableBytes?: number;
  /** Part of slab that cannot be reclaimed on memory pressure */
  memorySUnreclaimBytes?: number;
  /** Amount of memory dedicated to the lowest level of page tables */
  memorySecondaryPageTablesBytes?: number;
  /** Amount of memory consumed by tmpfs */
  memoryShmemBytes?: number;
  /** Memory used by shmem and tmpfs, allocated with huge pages */
  memoryShmemHugepagesBytes?: number;
  /** Shared memory mapped into user space with huge pages */
  memoryShmemPmdMappedBytes?: number;
  /** In-kernel data structures cache */
  memorySlabBytes?: number;
  /** Memory swapped out and back in while still in swap file */
  memorySwapCachedBytes?: number;
  /** Amount of swap space that is currently unused */
  memorySwapFreeBytes?: number;
  /** Total amount of swap space available */
  memorySwapTotalBytes?: number;
  /** Total usable RAM */
  memoryTotalBytes?: number;
  /** Largest contiguous block of vmalloc area which is free */
  memoryVmallocChunkBytes?: number;
  /** Total size of vmalloc memory area */
  memoryVmallocTotalBytes?: number;
  /** Amount of vmalloc area which is used */
  memoryVmallocUsedBytes?: number;
  /** Memory which is actively being written back to the disk */
  memoryWritebackBytes?: number;
  /** Memory used by FUSE for temporary writeback buffers */
  memoryWritebackTmpBytes?: number;
  /** Memory consumed by the zswap backend, compressed */
  memoryZSwapBytes?: number;
  /** Amount of anonymous memory stored in zswap, uncompressed */
  memoryZSwappedBytes?: number;
  mounts?: ConnectorSnapshotMounts[];
  netdevs?: ConnectorSnapshotNetdevs[];
  /** Platform identifier */
  platform?: string;
  routes?: ConnectorSnapshotRoutes[];
  /** Site identifier */
  siteId?: string;
  /** Number of ICMP Address Mask Reply messages received */
  snmpIcmpInAddrMaskReps?: number;
  /** Number of ICMP Address Mask Request messages received */
  snmpIcmpInAddrMasks?: number;
  /** Number of ICMP messages received with bad checksums */
  snmpIcmpInCsumErrors?: number;
  /** Number of ICMP Destination Unreachable messages received */
  snmpIcmpInDestUnreachs?: number;
  /** Number of ICMP Echo Reply messages received */
  snmpIcmpInEchoReps?: number;
  /** Number of ICMP Echo (request) messages received */
  snmpIcmpInEchos?: number;
  /** Number of ICMP messages received with ICMP-specific errors */
  snmpIcmpInErrors?: number;
  /** Number of ICMP messages received */
  snmpIcmpInMsgs?: number;
  /** Number of ICMP Parameter Problem messages received */
  snmpIcmpInParmProbs?: number;
  /** Number of ICMP Redirect messages received */
  snmpIcmpInRedirects?: number;
  /** Number of ICMP Source Quench messages received */
  snmpIcmpInSrcQuenchs?: number;
  /** Number of ICMP Time Exceeded messages received */
  snmpIcmpInTimeExcds?: number;
  /** Number of ICMP Address Mask Request messages received */
  snmpIcmpInTimestampReps?: number;
  /** Number of ICMP Timestamp (request) messages received */
  snmpIcmpInTimestamps?: number;
  /** Number of ICMP Address Mask Reply messages sent */
  snmpIcmpOutAddrMaskReps?: number;
  /** Number of ICMP Address Mask Request messages sent */
  snmpIcmpOutAddrMasks?: number;
  /** Number of ICMP Destination Unreachable messages sent */
  snmpIcmpOutDestUnreachs?: number;
  /** Number of ICMP Echo Reply messages sent */
  snmpIcmpOutEchoReps?: number;
  /** Number of ICMP Echo (request) messages sent */
  snmpIcmpOutEchos?: number;
  /** Number of ICMP messages which this entity did not send due to ICMP-specific errors */
  snmpIcmpOutErrors?: number;
  /** Number of ICMP messages attempted to send */
  snmpIcmpOutMsgs?: number;
  /** Number of ICMP Parameter Problem messages sent */
  snmpIcmpOutParmProbs?: number;
  /** Number of ICMP Redirect messages sent */
  snmpIcmpOutRedirects?: number;
  /** Number of ICMP Source Quench messages sent */
  snmpIcmpOutSrcQuenchs?: number;
  /** Number of ICMP Time Exceeded messages sent */
  snmpIcmpOutTimeExcds?: number;
  /** Number of ICMP Timestamp Reply messages sent */
  snmpIcmpOutTimestampReps?: number;
  /** Number of ICMP Timestamp (request) messages sent */
  snmpIcmpOutTimestamps?: number;
  /** Default value of the Time-To-Live field of the IP header */
  snmpIpDefaultTtl?: number;
  /** Number of datagrams forwarded to their final destination */
  snmpIpForwDatagrams?: number;
  /** Set when acting as an IP gateway */
  snmpIpForwardingEnabled?: boolean;
  /** Number of datagrams generated by fragmentation */
  snmpIpFragCreates?: number;
  /** Number of datagrams discarded because fragmentation failed */
  snmpIpFragFails?: number;
  /** Number of datagrams successfully fragmented */
  snmpIpFragOks?: number;
  /** Number of input datagrams discarded due to errors in the IP address */
  snmpIpInAddrErrors?: number;
  /** Number of input datagrams successfully delivered to IP user-protocols */
  snmpIpInDelivers?: number;
  /** Number of input datagrams otherwise discarded */
  snmpIpInDiscards?: number;
  /** Number of input datagrams discarded due to errors in the IP header */
  snmpIpInHdrErrors?: number;
  /** Number of input datagrams received from interfaces */
  snmpIpInReceives?: number;
  /** Number of input datagrams discarded due unknown or unsupported protocol */
  snmpIpInUnknownProtos?: number;
  /** Number of output datagrams otherwise discarded */
  snmpIpOutDiscards?: number;
  /** Number of output datagrams discarded because no route matched */
  snmpIpOutNoRoutes?: number;
  /** Number of datagrams supplied for transmission */
  snmpIpOutRequests?: number;
  /** Number of failures detected by the reassembly algorithm */
  snmpIpReasmFails?: number;
  /** Number of datagrams successfully reassembled */
  snmpIpReasmOks?: number;
  /** Number of fragments received which needed to be reassembled */
  snmpIpReasmReqds?: number;
  /** Number of seconds fragments are held while awaiting reassembly */
  snmpIpReasmTimeout?: number;
  /** Number of times TCP transitions to SYN-SENT from CLOSED */
  snmpTcpActiveOpens?: number;
  /**
   * Number of times TCP transitions to CLOSED from SYN-SENT or SYN-RCVD, plus transitions to LISTEN
   * from SYN-RCVD
   */
  snmpTcpAttemptFails?: number;
  /** Number of TCP connections in ESTABLISHED or CLOSE-WAIT */
  snmpTcpCurrEstab?: number;
  /** Number of times TCP transitions to CLOSED from ESTABLISHED or CLOSE-WAIT */
  snmpTcpEstabResets?: number;
  /** Number of TCP segments received with checksum errors */
  snmpTcpInCsumErrors?: number;
  /** Number of TCP segments received in error */
  snmpTcpInErrs?: number;
  /** Number of TCP segments received */
  snmpTcpInSegs?: number;
  /** Limit on the total number of TCP connections */
  snmpTcpMaxConn?: number;
  /** Number of TCP segments sent with RST flag */
  snmpTcpOutRsts?: number;
  /** Number of TCP segments sent */
  snmpTcpOutSegs?: number;
  /** Number of times TCP transitions to SYN-RCVD from LISTEN */
  snmpTcpPassiveOpens?: number;
  /** Number of TCP segments retransmitted */
  snmpTcpRetransSegs?: number;
  /** Maximum value permitted by a TCP implementation for the retransmission timeout (milliseconds) */
  snmpTcpRtoMax?: number;
  /** Minimum value permitted by a TCP implementation for the retransmission timeout (milliseconds) */
  snmpTcpRtoMin?: number;
  /** Number of UDP datagrams delivered to UDP applications */
  snmpUdpInDatagrams?: number;
  /**
   * Number of UDP datagrams failed to be delivered for reasons other than lack of application at the
   * destination port
   */
  snmpUdpInErrors?: number;
  /** Number of UDP datagrams received for which there was not application at the destination port */
  snmpUdpNoPorts?: number;
  /** Number of UDP datagrams sent */
  snmpUdpOutDatagrams?: number;
  /** Boottime of the system (seconds since the Unix epoch) */
  systemBootTimeS?: number;
  thermals?: ConnectorSnapshotThermals[];
  tunnels?: ConnectorSnapshotTunnels[];
  /** Sum of how much time each core has spent idle */
  uptimeIdleMs?: number;
  /** Uptime of the system, including time spent in suspend */
  uptimeTotalMs?: number;
}

/** Snapshot Bond */
export interface ConnectorSnapshotBonds {
  /** Name of the network interface */
  name: string;
  /** Current status of the network interface */
  status: string;
}

/** Snapshot DHCP lease */
export interface ConnectorSnapshotDhcpLeases {
  /** Client ID of the device the IP Address was leased to */
  clientId: string;
  /** Expiry time of the DHCP lease (seconds since the Unix epoch) */
  expiryTime: number;
  /** Hostname of the device the IP Address was leased to */
  hostname: string;
  /** Name of the network interface */
  interfaceName: string;
  /** IP Address that was leased */
  ipAddress: string;
  /** MAC Address of the device the IP Address was leased to */
  macAddress: string;
}

/** Snapshot Disk */
export interface ConnectorSnapshotDisks {
  /** I/Os currently in progress */
  inProgress: number;
  /** Device major number */
  major: number;
  /** Reads merged */
  merged: number;
  /** Device minor number */
  minor: number;
  /** Device name */
  name: string;
  /** Reads completed successfully */
  reads: number;
  /** Sectors read successfully */
  sectorsRead: number;
  /** Sectors written successfully */
  sectorsWritten: number;
  /** Time spent doing I/Os (milliseconds) */
  timeInProgressMs: number;
  /** Time spent reading (milliseconds) */
  timeReadingMs: number;
  /** Time spent writing (milliseconds) */
  timeWritingMs: number;
  /** Weighted time spent doing I/Os (milliseconds) */
  weightedTimeInProgressMs: number;
  /** Writes completed */
  writes: number;
  /** Writes merged */
  writesMerged: number;
  /** Discards completed successfully */
  discards?: number;
  /** Discards merged */
  discardsMerged?: number;
  /** Flushes completed successfully */
  flushes?: number;
  /** Sectors discarded */
  sectorsDiscarded?: number;
  /** Time spent discarding (milliseconds) */
  timeDiscardingMs?: number;
  /** Time spent flushing (milliseconds) */
  timeFlushingMs?: number;
}

/** Snapshot Interface */
export interface ConnectorSnapshotInterfaces {
  /** Name of the network interface */
  name: string;
  /** UP/DOWN state of the network interface */
  operstate: string;
  /** Comma-separated list of reasons for health score */
  healthReason?: string;
  /** Aggregate health score (0-100) */
  healthScore?: number;
  ipAddresses?: ConnectorSnapshotInterfacesIpAddresses[];
  /** Speed of the network interface (bits per second) */
  speed?: number;
}

/** Snapshot Interface Address */
export interface ConnectorSnapshotInterfacesIpAddresses {
  /** Name of the network interface */
  interfaceName: string;
  /** IP address of the network interface */
  ipAddress: string;
}

/** Snapshot Mount */
export interface ConnectorSnapshotMounts {
  /** File system on disk (EXT4, NTFS, etc.) */
  fileSystem: string;
  /** Kind of disk (HDD, SSD, etc.) */
  kind: string;
  /** Path where disk is mounted */
  mountPoint: string;
  /** Name of the disk mount */
  name: string;
  /** Available disk size (bytes) */
  availableBytes?: number;
  /** Available inodes on filesystem */
  availableInodes?: number;
  /** Determines whether the disk is read-only */
  isReadOnly?: boolean;
  /** Determines whether the disk is removable */
  isRemovable?: boolean;
  /** Total disk size (bytes) */
  totalBytes?: number;
  /** Total inodes on filesystem */
  totalInodes?: number;
}

/** Snapshot Netdev */
export interface ConnectorSnapshotNetdevs {
  /** Name of the network device */
  name: string;
  /** Total bytes received */
  recvBytes: number;
  /** Compressed packets received */
  recvCompressed: number;
  /** Packets dropped */
  recvDrop: number;
  /** Bad packets received */
  recvErrs: number;
  /** FIFO overruns */
  recvFifo: number;
  /** Frame alignment errors */
  recvFrame: number;
  /** Multicast packets received */
  recvMulticast: number;
  /** Total packets received */
  recvPackets: number;
  /** Total bytes transmitted */
  sentBytes: number;
  /** Number of packets not sent due to carrier errors */
  sentCarrier: number;
  /** Number of collisions */
  sentColls: number;
  /** Number of compressed packets transmitted */
  sentCompressed: number;
  /** Number of packets dropped during transmission */
  sentDrop: number;
  /** Number of transmission errors */
  sentErrs: number;
  /** FIFO overruns */
  sentFifo: number;
  /** Total packets transmitted */
  sentPackets: number;
}

/** Snapshot Route */
export interface ConnectorSnapshotRoutes {
  /** Route destination as default or an IPv4 CIDR */
  destination: string;
  /** Interface used by the next hop */
  interfaceName: string;
  /** Routing decision type: tunnel, breakout, or lan */
  kind: string;
  /** Route metric; lower metrics are preferred */
  metric: number;
  /** Gateway address for the next hop */
  gateway?: string;
  /** Relative weight within an equal-cost route */
  weight?: number;
}

/** One snapshot as the snapshots list gives it. */
export interface ConnectorSnapshotSummary {
  /** Time the snapshot was collected (seconds since the Unix epoch). */
  a: number;
  /** Time the snapshot was recorded (seconds since the Unix epoch); the id for `getConnectorSnapshot`. */
  t: number;
}

/** Snapshot Thermal */
export interface ConnectorSnapshotThermals {
  /** Sensor identifier for the component */
  label: string;
  /** Critical failure temperature of the component (degrees Celsius) */
  criticalCelcius?: number;
  /** Current temperature of the component (degrees Celsius) */
  currentCelcius?: number;
  /** Maximum temperature of the component (degrees Celsius) */
  maxCelcius?: number;
}

/** Snapshot Tunnels */
export interface ConnectorSnapshotTunnels {
  /** Name of tunnel health state (unknown, healthy, degraded, down) */
  healthState: string;
  /** Numeric value associated with tunnel state (0 = unknown, 1 = healthy, 2 = degraded, 3 = down) */
  healthValue: number;
  /** The tunnel interface name (i.e. xfrm1, xfrm3.99, etc.) */
  interfaceName: string;
  /** Tunnel identifier */
  tunnelId: string;
  /** Tunnel round-trip latency variation in milliseconds */
  jitterMs?: number;
  /** 50th percentile tunnel round-trip latency in milliseconds */
  latencyMs?: number;
  /** Public socket address returned by the NAT detector */
  natdResult?: string;
  /** Numeric NAT detector state (0 = detected, 1 = missing result, 2 = stale result) */
  natdState?: number;
  /** Target socket address probed by the NAT detector, using the detector source port */
  natdTarget?: string;
  /** MTU as measured between the two ends of the tunnel */
  probedMtu?: number;
  /** Number of recent healthy pings for this tunnel */
  recentHealthyPings?: number;
  /** Number of recent unhealthy pings for this tunnel */
  recentUnhealthyPings?: number;
}
