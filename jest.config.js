/** Jest configuration: TypeScript tests under tests/, compiled by ts-jest. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json" }],
  },
  // Host-protocol tests spawn Pulumi's provider host and an emulator; give them room.
  testTimeout: 60000,
  // Two cores: keep workers low so spawned provider hosts do not starve each other.
  maxWorkers: 2,
};
