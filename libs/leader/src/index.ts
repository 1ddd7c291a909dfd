export * from './leader.module';
export * from './lease-coordinator';
export * from './local-lease-coordinator';
