import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { build } from 'vite';
import { cmi5CourseStructure, MANIFEST_FILE, scorm2004Manifest, scormManifest } from '../lms/manifests.ts';
import { LMS_MODES, type LmsSettings, type LmsStandard } from '../lms/settings.ts';
import { lmsSettings } from './lmsSettingsPlugin.ts';
import { compileMessages, LOCALES, questionsFor, translationsOf, type Locale } from './messages.ts';
import { questionBank } from './questionBankPlugin.ts';
import { filesIn, type BuiltFile } from './serviceWorker.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where `npm run build:scorm` writes: the built app in `package/`, and the zip beside it. */
export const SCORM_OUT = join(root, 'dist-scorm');
/** The zip of each standard's package; SCORM 1.2's keeps the name it had when it was the only one. */
export const PACKAGE_ZIPS: Record<LmsStandard, string> = {
  '1.2': 'role-call-scorm.zip',
  '2004': 'role-call-scorm2004.zip',
  cmi5: 'role-call-cmi5.zip',
};
export const SCORM_ZIP = PACKAGE_ZIPS['1.2'];
export const MANIFEST = MANIFEST_FILE['1.2'];

/** The file that tells the standard's LMS about the package, for the package's files, in its language. */
export function manifestFor(
  settings: LmsSettings,
  files: readonly string[],
  version: string,
  language: Locale,
): string {
  if (settings.standard === 'cmi5') return cmi5CourseStructure(settings, language);
  return (settings.standard === '2004' ? scorm2004Manifest : scormManifest)(settings, files, version, language);
}

/**
 * The zip an LMS takes: the manifest at its root, then the app's files under their relative
 * paths. Dated 1 January 2000 so the same build gives the same bytes.
 */
export function zipPackage(manifest: string, files: readonly BuiltFile[], manifestFile = MANIFEST): Uint8Array {
  const mtime = new Date(2000, 0, 1);
  const entries: Zippable = { [manifestFile]: [new TextEncoder().encode(manifest), { mtime }] };
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const bytes = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes;
    entries[file.name] = [bytes, { mtime }];
  }
  return zipSync(entries, { level: 9 });
}

/**
 * Builds the app for an LMS (no service worker, only the chosen companies, the settings in
 * `virtual:lms-settings`, in the mode of its standard) into `out/package/`, and writes the
 * standard's zip beside it (`PACKAGE_ZIPS`). A package holds one language: its interface, its
 * manifest, and its questions where that language has its own (`questions/de`), else English.
 * The Vite config reads the language from ROLE_CALL_LOCALE, so a process builds packages of one
 * language at a time.
 */
export async function buildScormPackage(
  settings: LmsSettings,
  out = SCORM_OUT,
  language: Locale = LOCALES[0],
): Promise<{ zip: string; bytes: number }> {
  const appDir = join(resolve(out), 'package');
  await compileMessages();
  const before = process.env.ROLE_CALL_LOCALE;
  process.env.ROLE_CALL_LOCALE = language;
  try {
    await build({
      configFile: join(root, 'vite.config.ts'),
      mode: LMS_MODES[settings.standard],
      logLevel: 'warn',
      build: { outDir: appDir, emptyOutDir: true },
      plugins: [
        questionBank(
          questionsFor(join(root, 'questions'), language),
          settings.companies,
          translationsOf(join(root, 'questions'), language),
        ),
        lmsSettings(settings),
      ],
    });
  } finally {
    if (before === undefined) delete process.env.ROLE_CALL_LOCALE;
    else process.env.ROLE_CALL_LOCALE = before;
  }
  const files = filesIn(appDir);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const manifest = manifestFor(
    settings,
    files.map((file) => file.name),
    version,
    language,
  );
  const zip = zipPackage(manifest, files, MANIFEST_FILE[settings.standard]);
  const path = join(resolve(out), PACKAGE_ZIPS[settings.standard]);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, zip);
  return { zip: path, bytes: zip.length };
}
