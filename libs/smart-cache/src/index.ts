export * from './smart-cache.module';
export * from './smart-cache.service';
export * from './node-index';
export * from './node-selector';
export * from './drain-filters';
export { computeFacets, ZONE_LABEL } from './node-query';
