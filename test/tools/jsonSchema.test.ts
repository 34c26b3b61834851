import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SCHEMA_PATH, scenarioJsonSchema } from '../../src/tools/jsonSchema';

it('keeps the editor schema in questions/ in step with the validation schema', () => {
  // When this fails, run `npm run questions:schema` and commit the result.
  expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(scenarioJsonSchema());
});
