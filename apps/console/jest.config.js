// Console unit tests: jest-preset-angular (ts-jest + Angular compiler transforms), jsdom, zoneless.
const { createCjsPreset } = require('jest-preset-angular/presets');

const preset = createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' });

/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: 'console',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // @jsverse/utils (Transloco's helper) ships ESM as .js, which the preset's pattern (only .mjs) skips.
  transformIgnorePatterns: ['node_modules/(?!(.*\\.mjs$|@angular/common/locales/.*\\.js$|@jsverse/))'],
  moduleNameMapper: {
    '^@knm/contracts$': '<rootDir>/../../libs/contracts/src/index.ts',
    '^@knm/contracts/testing$': '<rootDir>/../../libs/contracts/src/testing/index.ts',
  },
};
