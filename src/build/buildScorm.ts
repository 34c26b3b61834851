import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseLmsSettings } from '../lms/settings';
import { buildScormPackage, SCORM_OUT } from './scormPackage';

/**
 * `npm run build:scorm [-- options]`: the SCORM 1.2 package. Options (each overrides the
 * config file's field of the same meaning):
 *   --config FILE          a JSON file: { "title", "companies", "passingScore", "confidenceCounts" }
 *   --companies a,b        the company ids to include (default: all)
 *   --passing-score N      the pass mark, 0 to 100 (default 80); "none" reports "completed"
 *   --confidence-counts    the score is the certainty-based marks, and every game asks how sure
 *   --title TEXT           the course title the LMS shows
 *   --out DIR              where to write (default dist-scorm/)
 */
const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    companies: { type: 'string' },
    'passing-score': { type: 'string' },
    'confidence-counts': { type: 'boolean' },
    title: { type: 'string' },
    out: { type: 'string' },
  },
});

try {
  const file: Record<string, unknown> = values.config ? JSON.parse(readFileSync(values.config, 'utf8')) : {};
  const pass = values['passing-score'];
  const settings = parseLmsSettings({
    ...file,
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(values.companies !== undefined ? { companies: values.companies.split(',').map((id) => id.trim()) } : {}),
    ...(pass !== undefined ? { passingScore: pass === 'none' ? null : Number(pass) } : {}),
    ...(values['confidence-counts'] ? { confidenceCounts: true } : {}),
  });
  const { zip, bytes } = await buildScormPackage(settings, values.out ?? SCORM_OUT);
  const companies = settings.companies.length ? settings.companies.join(', ') : 'all companies';
  const mark = settings.passingScore === null ? 'no pass mark (completed)' : `pass mark ${settings.passingScore}`;
  console.log(
    `Wrote ${zip} (${(bytes / 1024).toFixed(1)} KB): ${companies}, ${mark}, ${settings.confidenceCounts ? 'certainty-based marks count' : 'points count'}.`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
