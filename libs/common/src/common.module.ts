import { Global, Module } from '@nestjs/common';
import { Clock, RandomSource } from './clock';

/** Clock and randomness for every module. AppConfig is provided by the app (see apps/api/src/config). */
@Global()
@Module({
  providers: [Clock, RandomSource],
  exports: [Clock, RandomSource],
})
export class CommonModule {}
