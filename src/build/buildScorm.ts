import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseLmsSettings } from '../lms/settings';
import { buildLocale, compileMessages } from './messages';

/**
 * `npm run build:scorm [-- options]`: the LMS package, SCORM 1.2 unless told otherwise. Options
 * (each overrides the config file's field of the same meaning):
 *   --standard S           1.2 (default), 2004 (SCORM 2004 4th edition) or cmi5
 *   --config FILE          a JSON file: { "standard", "language", "title", "companies", "passingScore", "confidenceCounts" }
 *   --language L           the package's one language: en (default), de, es or fr; its interface,
 *                          and its questions where the language has its own (questions/de)
 *   --companies a,b        the company ids to include (default: all)
 *   --passing-score N      the pass mark, 0 to 100 (default 80); "none" reports "completed"
 *   --confidence-counts    the score is the certainty-based marks, and every game asks how sure
 *   --title TEXT           the course title the LMS shows (default: "Role Call: PM or PMM?" in the package's language)
 *   --out DIR              where to write (default dist-scorm/)
 */
const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    standard: { type: 'string' },
    language: { type: 'string' },
    companies: { type: 'string' },
    'passing-score': { type: 'string' },
    'confidence-counts': { type: 'boolean' },
    title: { type: 'string' },
    out: { type: 'string' },
  },
});

try {
  const { language: fileLanguage, ...file }: Record<string, unknown> = values.config
    ? JSON.parse(readFileSync(values.config, 'utf8'))
    : {};
  const language = buildLocale(values.language ?? (fileLanguage as string | undefined), 'The language');
  const pass = values['passing-score'];
  const settings = parseLmsSettings({
    ...file,
    ...(values.standard !== undefined ? { standard: values.standard } : {}),
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(values.companies !== undefined ? { companies: values.companies.split(',').map((id) => id.trim()) } : {}),
    ...(pass !== undefined ? { passingScore: pass === 'none' ? null : Number(pass) } : {}),
    ...(values['confidence-counts'] ? { confidenceCounts: true } : {}),
  });
  // The package's manifest is written with the compiled messages, which a fresh checkout has yet to compile.
  await compileMessages();
  const { buildScormPackage, SCORM_OUT } = await import('./scormPackage');
  const { zip, bytes } = await buildScormPackage(settings, values.out ?? SCORM_OUT, language);
  const companies = settings.companies.length ? settings.companies.join(', ') : 'all companies';
  const mark = settings.passingScore === null ? 'no pass mark (completed)' : `pass mark ${settings.passingScore}`;
  const standard = settings.standard === 'cmi5' ? 'cmi5' : `SCORM ${settings.standard}`;
  console.log(
    `Wrote ${zip} (${(bytes / 1024).toFixed(1)} KB): ${standard}, ${language}, ${companies}, ${mark}, ${settings.confidenceCounts ? 'certainty-based marks count' : 'points count'}.`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
