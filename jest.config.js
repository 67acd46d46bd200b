/** Jest configuration: TypeScript tests under tests/, compiled by ts-jest. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // Builds dist/ first when a source is newer than its build (the provider host loads dist/).
  globalSetup: "<rootDir>/tests/global-setup.js",
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json" }],
  },
  // Host-protocol tests spawn Pulumi's provider host and an emulator; give them room.
  testTimeout: 60000,
  // Two cores: keep workers low so spawned provider hosts do not starve each other.
  maxWorkers: 2,
};
