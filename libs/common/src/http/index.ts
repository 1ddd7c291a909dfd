export * from './origin-policy';
export * from './json-body.middleware';
export * from './request-input';
export * from './openapi-from-zod';
