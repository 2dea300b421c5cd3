import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { registrySchema } from './schema';

/** Where the committed SDL lives. */
export const SCHEMA_FILE = path.join(__dirname, '..', 'schema', 'schema.graphql');

/** The schema as sorted SDL: the form committed in schema/schema.graphql. */
export async function printedSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await registrySchema())) + '\n';
}

if (require.main === module) {
  printedSchema().then((sdl) => {
    fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
    fs.writeFileSync(SCHEMA_FILE, sdl);
    console.log(`Wrote ${SCHEMA_FILE}`);
  });
}
