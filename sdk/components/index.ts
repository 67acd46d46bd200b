/**
 * Components that compose whole deployments from the resources: `BranchSite` (a Magic WAN site),
 * `TransitOnramp` (tunnels + routes) and `CniConnection` (interconnect + CNI + routes), and the
 * pure planning functions they validate and plan with.
 */
export * from "./branch-site";
export * from "./transit-onramp";
export * from "./cni-connection";
export * from "./planning";
