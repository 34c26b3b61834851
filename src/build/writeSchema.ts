import { writeFileSync } from 'node:fs';
import { PACK_SCHEMA_PATH, packJsonSchema, scenarioJsonSchema, SCHEMA_PATH } from './jsonSchema';

for (const [path, schema] of [
  [SCHEMA_PATH, scenarioJsonSchema()],
  [PACK_SCHEMA_PATH, packJsonSchema()],
] as const) {
  writeFileSync(path, schema);
  console.log(`Wrote ${path}`);
}
