import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { build } from 'vite';
import type { LmsSettings } from '../lms/settings.ts';
import { lmsSettings } from './lmsSettingsPlugin.ts';
import { questionBank } from './questionBankPlugin.ts';
import { filesIn, type BuiltFile } from './serviceWorker.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where `npm run build:scorm` writes: the built app in `package/`, and the zip beside it. */
export const SCORM_OUT = join(root, 'dist-scorm');
export const SCORM_ZIP = 'role-call-scorm.zip';
export const MANIFEST = 'imsmanifest.xml';
/** Identifiers in the manifest: the LMS knows the course, and an update of it, by the first. */
export const IDS = {
  manifest: 'role-call',
  organization: 'role-call-course',
  item: 'role-call-game',
  resource: 'role-call-sco',
};

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * The SCORM 1.2 manifest for a package's files: one organization with one item, launching one
 * SCO (`index.html`) that lists every file. A pass mark goes in as `adlcp:masteryscore`, from
 * which the LMS gives the app `cmi.student_data.mastery_score`.
 */
export function scormManifest(settings: LmsSettings, files: readonly string[], version: string): string {
  const title = escapeXml(settings.title);
  const mastery =
    settings.passingScore === null ? '' : `\n        <adlcp:masteryscore>${settings.passingScore}</adlcp:masteryscore>`;
  const fileList = [...files]
    .sort()
    .map((file) => `\n      <file href="${escapeXml(file)}"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${IDS.manifest}" version="${escapeXml(version)}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${IDS.organization}">
    <organization identifier="${IDS.organization}">
      <title>${title}</title>
      <item identifier="${IDS.item}" identifierref="${IDS.resource}" isvisible="true">
        <title>${title}</title>${mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${IDS.resource}" type="webcontent" adlcp:scormtype="sco" href="index.html">${fileList}
    </resource>
  </resources>
</manifest>
`;
}

/**
 * The zip an LMS takes: the manifest at its root, then the app's files under their relative
 * paths. Dated 1 January 2000 so the same build gives the same bytes.
 */
export function zipPackage(manifest: string, files: readonly BuiltFile[]): Uint8Array {
  const mtime = new Date(2000, 0, 1);
  const entries: Zippable = { [MANIFEST]: [new TextEncoder().encode(manifest), { mtime }] };
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const bytes = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes;
    entries[file.name] = [bytes, { mtime }];
  }
  return zipSync(entries, { level: 9 });
}

/**
 * Builds the app for an LMS (no service worker, only the chosen companies, the settings in
 * `virtual:lms-settings`) into `out/package/`, and writes the SCORM 1.2 zip `out/role-call-scorm.zip`.
 */
export async function buildScormPackage(
  settings: LmsSettings,
  out = SCORM_OUT,
): Promise<{ zip: string; bytes: number }> {
  const appDir = join(resolve(out), 'package');
  await build({
    configFile: join(root, 'vite.config.ts'),
    mode: 'scorm',
    logLevel: 'warn',
    build: { outDir: appDir, emptyOutDir: true },
    plugins: [questionBank(join(root, 'questions'), settings.companies), lmsSettings(settings)],
  });
  const files = filesIn(appDir);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const zip = zipPackage(
    scormManifest(
      settings,
      files.map((file) => file.name),
      version,
    ),
    files,
  );
  const path = join(resolve(out), SCORM_ZIP);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, zip);
  return { zip: path, bytes: zip.length };
}
