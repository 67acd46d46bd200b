// generated from provider/resources/magic/*.ts (and the common/ schemas they use): edit the definition, then run npm run generate

/** The documented defaults of the fields of HealthCheckArgs. */
export const healthCheckArgsDefaults = { enabled: true, rate: "mid", type: "reply", target: "" } as const;

/** The documented defaults of the fields of InterconnectHealthCheckArgs. */
export const interconnectHealthCheckArgsDefaults = { enabled: true, rate: "mid", type: "reply", target: "" } as const;
