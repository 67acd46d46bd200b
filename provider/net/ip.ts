/** IP arithmetic lives in the shared layer (used by the sdk's planning as well); this path stays for its tests. */
export * from "../../shared/ip";
