export * from './lease-timing';
export * from './settings.schema';
export * from './parse-settings';
export * from './configuration-table';
export { hostOrCidrRule, normalizeHost } from './setting-types';
