import { InitialSchema1732170000000 } from './1732170000000-initial-schema';

/** Every migration in order. A new migration is a new file plus one line here. */
export const ALL_MIGRATIONS = [InitialSchema1732170000000];
