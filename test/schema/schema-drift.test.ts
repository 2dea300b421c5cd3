import fs from 'node:fs';
import { MikroORM } from '@mikro-orm/postgresql';
import { connectOrm, migratorOf } from '../../src/database/orm';
import { printedSchema, SCHEMA_FILE } from '../../src/print-schema';

describe('committed schema', () => {
  it('schema/schema.graphql matches the code (run `npm run schema:print` after changing the API)', async () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printedSchema());
  });

  describe('migrations', () => {
    let orm: MikroORM;
    beforeAll(async () => {
      orm = await connectOrm(process.env.DATABASE_URL as string, process.env.TEST_EMBEDDED_DB === '1');
    });
    afterAll(() => orm.close());

    it('leave nothing pending and agree with the entities (run `npm run migration:create` after changing an entity)', async () => {
      expect(await (await migratorOf(orm)).getPendingMigrations()).toEqual([]);
      const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false });
      expect(diff.trim()).toBe('');
    });
  });
});
