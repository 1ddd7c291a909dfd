export * from './label-selector-conformance';
