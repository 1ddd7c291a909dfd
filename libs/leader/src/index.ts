export * from './leader.module';
export * from './lease-coordinator';
export * from './local-lease-coordinator';
export * from './db-lease-coordinator';
export * from './lease-store';
export * from './postgres-lease-store';
export * from './sqlite-lease-store';
