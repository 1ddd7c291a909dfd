export * from './leader.module';
