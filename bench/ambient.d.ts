/**
 * tests/harness/program.ts looks for jest's global (`typeof jest !== "undefined"`) to load module
 * programs under jest. The benchmark runs under plain node (where it is undefined), so it declares
 * just that much instead of pulling in the jest types.
 */
declare const jest: { isolateModulesAsync(fn: () => Promise<void>): Promise<void> };
