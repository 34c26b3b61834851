import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import type { LmsStandard } from '../../src/lms/settings';

const SCHEMAS = join(import.meta.dirname, 'fixtures', 'schemas');

/** Each standard's schema folder and the schema a document is checked against first. */
const ENTRY: Record<LmsStandard, { folder: string; schema: string }> = {
  '1.2': { folder: 'scorm12', schema: 'manifest.xsd' },
  '2004': { folder: 'scorm2004', schema: 'manifest.xsd' },
  cmi5: { folder: 'cmi5', schema: 'CourseStructure.xsd' },
};

/**
 * What libxml2 finds wrong with a package's manifest (SCORM) or course structure (cmi5) against
 * its standard's schemas (`fixtures/schemas/README.md`), one line each; empty when it is valid.
 */
export async function schemaErrors(xml: string, standard: LmsStandard): Promise<string[]> {
  const { folder, schema } = ENTRY[standard];
  const dir = join(SCHEMAS, folder);
  const files = readdirSync(dir).map((fileName) => ({ fileName, contents: readFileSync(join(dir, fileName), 'utf8') }));
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: [files.find((file) => file.fileName === schema)!],
    preload: files.filter((file) => file.fileName !== schema),
  });
  return result.errors.map((error) => error.message);
}
