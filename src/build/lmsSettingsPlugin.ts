import type { Plugin } from 'vite';
import type { LmsSettings } from '../lms/settings.ts';

const ID = 'virtual:lms-settings';
const RESOLVED = `\0${ID}`;

/**
 * Serves `virtual:lms-settings`: a SCORM package's settings (see `scormPackage.ts`), or null
 * in every other build, where the app reports to no LMS.
 */
export function lmsSettings(settings: LmsSettings | null): Plugin {
  return {
    name: 'role-call:lms-settings',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `export const lmsSettings = ${JSON.stringify(settings)};` : undefined),
  };
}
