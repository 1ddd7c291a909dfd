import { Module } from '@nestjs/common';

/** Placeholder: implemented in its issue. */
@Module({})
export class BatchModule {}
