// generated from provider/resources/cni/*.ts (and the common/ schemas they use): edit the definition, then run npm run generate

/** The documented defaults of the fields of CniBgpArgs. */
export const cniBgpArgsDefaults = { extraPrefixes: [] } as const;

/** The documented defaults of the fields of InterconnectWaitArgs. */
export const interconnectWaitArgsDefaults = { timeoutSeconds: 600 } as const;
