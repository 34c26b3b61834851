import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { scenarioSchema, packSchema } from '../core/questionSchema';

/** Where the editor schemas live; scenario files and packs point at them in their first line. */
export const SCHEMA_PATH = 'questions/scenario.schema.json';
export const PACK_SCHEMA_PATH = 'public/packs/pack.schema.json';

function jsonSchema(schema: v.GenericSchema, title: string): string {
  return `${JSON.stringify({ ...toJsonSchema(schema, { errorMode: 'ignore' }), title }, null, 2)}\n`;
}

/** The JSON Schema editors use for completion in a scenario file, generated from the valibot schema. */
export const scenarioJsonSchema = () => jsonSchema(scenarioSchema, 'Role Call scenario');

/** The same for a trainer pack. */
export const packJsonSchema = () => jsonSchema(packSchema, 'Role Call trainer pack');
