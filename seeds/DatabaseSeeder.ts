import { EntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { seedDemoOnce } from './demo';

/** Entry point of `mikro-orm seeder:run`: seeds the demo unless data is already there. */
export class DatabaseSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    await seedDemoOnce(em);
  }
}
