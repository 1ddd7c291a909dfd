export * from './informer.module';
