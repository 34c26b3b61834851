import { toJsonSchema } from '@valibot/to-json-schema';
import { scenarioSchema } from '../game/schema';

/** Where the editor schema lives; scenario files point at it in their first line. */
export const SCHEMA_PATH = 'questions/scenario.schema.json';

/** The JSON Schema editors use for completion, generated from the valibot schema. */
export function scenarioJsonSchema(): string {
  const schema = toJsonSchema(scenarioSchema, { errorMode: 'ignore' });
  return `${JSON.stringify({ ...schema, title: 'Role Call scenario' }, null, 2)}\n`;
}
