/** @type {import('jest').Config} */
module.exports = {
  // Node's environment, with Node's typed array constructors shared so tfjs-node's data passes tfjs's checks.
  testEnvironment: "<rootDir>/test/environment/shared-typed-arrays.js",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json" }],
  },
  // Integration tests start kernels and train small models; two cores run them one file at a time.
  maxWorkers: 1,
  testTimeout: 60000,
};
