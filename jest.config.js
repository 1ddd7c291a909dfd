// Jest projects. Server-side TypeScript is compiled by @swc/jest to CommonJS; the ESM-only
// packages we load (NestJS 12, client-node 2, p-limit, ...) are transformed too, because Jest's
// CommonJS loader has no require(esm). See jest.swc.js.
const swc = require('./jest.swc.js');

const esmPackages = [
  '@nestjs', '@kubernetes', 'p-limit', 'yocto-queue', 'openid-client', 'oauth4webapi', 'jose',
  'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', 'load-esm', 'jsonpath-plus',
  'js-yaml', 'socks-proxy-agent', 'agent-base', 'p-queue', 'eventemitter3', 'p-timeout', 'p-retry',
  'is-network-error', '@borewit',
];

const server = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swc] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  // Same aliases as tsconfig.json `paths`: a lib's public API, its test helpers, the test harness.
  moduleNameMapper: {
    '^@knm/([^/]+)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
    '^@knm/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^@test/harness$': '<rootDir>/test/harness/index.ts',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...server,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps/api,apps/kube-sim,apps/cli,libs}/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    },
    {
      ...server,
      displayName: 'integration',
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      testMatch: ['<rootDir>/{apps/api,apps/kube-sim,libs}/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/harness/long-timeout.ts'],
    },
    {
      ...server,
      displayName: 'e2e',
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/harness/long-timeout.ts'],
    },
    {
      ...server,
      displayName: 'browser',
      globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
      testMatch: ['<rootDir>/test/browser/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/harness/long-timeout.ts'],
    },
    {
      ...server,
      displayName: 'bench',
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      testMatch: ['<rootDir>/test/bench/**/*.bench.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/harness/long-timeout.ts'],
    },
    '<rootDir>/apps/console/jest.config.js',
  ],
};
