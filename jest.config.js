/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // middy and jose are published as ESM only: let swc turn it (and our TypeScript) into CommonJS for Jest.
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  // generous: waits poll for what they need, and a machine shared with other jobs can be slow
  testTimeout: 120_000,
  // the local runtime and CDK synth are heavy; two workers fit the 2-core machines
  maxWorkers: 2,
};
