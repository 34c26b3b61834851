import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema, SCHEMA_PATH } from './jsonSchema';

writeFileSync(SCHEMA_PATH, scenarioJsonSchema());
console.log(`Wrote ${SCHEMA_PATH}`);
