// Jest: unit specs beside the code (src/**/*.spec.ts), end-to-end tests under test/.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.test.ts'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
  maxWorkers: 2,
  // A worker that holds more than this after a test file is replaced before the next one. Each file
  // loads the app's modules afresh in the same worker, and what earlier files leave behind grew a
  // worker past 1 GB; the liveness test measures the RSS growth of its worker under abuse, which
  // from that base was 300–400 MB against ≈ 150 MB from a fresh one.
  workerIdleMemoryLimit: '512MB',
};
