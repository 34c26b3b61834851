import type { IndexedBank } from '../core/bank';
import { Cmi5Channel } from './cmi5Channel';
import { LmsReporter } from './reporter.svelte';
import { SCORM_12, SCORM_2004, ScormChannel } from './scormChannel';
import type { LmsSettings } from './settings';

/**
 * Opens the LMS session of a package, in the standard it was built for. The build's mode names
 * the standard (`LMS_MODES`), so the code of the other standards is left out of the package.
 * Never throws: a course that cannot reach its LMS is played all the same.
 */
export async function openReporter(win: Window, settings: LmsSettings, bank: IndexedBank): Promise<LmsReporter> {
  const mode = import.meta.env.MODE;
  const channel =
    mode === 'cmi5'
      ? await Cmi5Channel.open(win, settings)
      : ScormChannel.open(win, mode === 'scorm2004' ? SCORM_2004 : SCORM_12, settings);
  return new LmsReporter(channel, { bank, settings });
}
