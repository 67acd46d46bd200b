/** Plain-value helpers live in the shared layer (the sdk's lookups use them too); the provider imports them from here. */
export * from "../../shared/values";
