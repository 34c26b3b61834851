import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { PACK_SCHEMA_PATH, packJsonSchema, SCHEMA_PATH, scenarioJsonSchema } from '../../src/build/jsonSchema';

// When these fail, run `npm run questions:schema` and commit the result.
it('keeps the editor schema in questions/ in step with the validation schema', () => {
  expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(scenarioJsonSchema());
});

it('keeps the pack schema beside the pack template in step with the pack validation', () => {
  expect(readFileSync(PACK_SCHEMA_PATH, 'utf8')).toBe(packJsonSchema());
});
