export * from './domain-error';
export * from './clock';
export * from './app-config';
export * from './common.module';
export * from './domain-exception.filter';
export * from './request-id.middleware';
export * from './http';
export * from './config';
