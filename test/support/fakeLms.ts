import type { Scorm12Api } from '../../src/lms/scorm';

/** A SCORM 1.2 API that answers as told. */
export function fakeApi(change: Partial<Scorm12Api> = {}): Scorm12Api {
  return {
    LMSInitialize: () => 'true',
    LMSFinish: () => 'true',
    LMSGetValue: () => '',
    LMSSetValue: () => 'true',
    LMSCommit: () => 'true',
    LMSGetLastError: () => '0',
    LMSGetErrorString: (code) => (code === '101' ? 'General exception' : ''),
    ...change,
  };
}

/** What a SCORM 1.2 LMS takes for each element the course may write (RTE data model, strictly). */
const WRITABLE: Array<[RegExp, RegExp]> = [
  [/^cmi\.core\.lesson_status$/, /^(passed|completed|failed|incomplete|browsed)$/],
  [/^cmi\.core\.score\.(raw|min|max)$/, /^(100|[1-9]?\d)(\.\d+)?$/],
  [/^cmi\.core\.exit$/, /^(time-out|suspend|logout|)$/],
  [/^cmi\.core\.session_time$/, /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/],
  [/^cmi\.suspend_data$/, /^[\s\S]{0,4096}$/],
  [/^cmi\.interactions\.\d+\.id$/, /^[\x21-\x7e]{1,255}$/],
  [/^cmi\.interactions\.\d+\.type$/, /^(true-false|choice|fill-in|matching|performance|sequencing|likert|numeric)$/],
  [/^cmi\.interactions\.\d+\.(student_response|correct_responses\.0\.pattern)$/, /^.{0,255}$/],
  [/^cmi\.interactions\.\d+\.result$/, /^(correct|wrong|unanticipated|neutral|-?\d+(\.\d+)?)$/],
  [/^cmi\.interactions\.\d+\.time$/, /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/],
];

export interface StrictLms {
  api: Scorm12Api;
  /** What the LMS keeps: set on commit. */
  stored: Record<string, string>;
  /** Values set since the last commit. */
  pending: Record<string, string>;
  calls: string[];
  commits: number;
  /** What LMSCommit does: answer "true", answer "false", or throw. */
  commit: 'ok' | 'false' | 'throw';
  finished: boolean;
}

/**
 * A strict SCORM 1.2 LMS in memory: it refuses calls before LMSInitialize or after LMSFinish,
 * values outside the data model, and interactions out of order; it keeps values only on commit.
 * `readable` is what it holds for the course to read at launch.
 */
export function strictLms(readable: Record<string, string> = {}, options: { interactions?: boolean } = {}): StrictLms {
  const lms: StrictLms = {
    api: undefined!,
    stored: {},
    pending: {},
    calls: [],
    commits: 0,
    commit: 'ok',
    finished: false,
  };
  let error = '0';
  let running = false;
  let interactions = 0;
  const answer = (code: string, value = code === '0' ? 'true' : 'false') => ((error = code), value);
  const values: Record<string, string> = {
    'cmi.core.lesson_status': 'not attempted',
    'cmi.core.entry': 'ab-initio',
    'cmi.suspend_data': '',
    ...(options.interactions === false
      ? {}
      : {
          'cmi.interactions._children':
            'id,objectives,time,type,correct_responses,weighting,student_response,result,latency',
        }),
    ...readable,
  };
  lms.api = {
    LMSInitialize: () => (lms.calls.push('LMSInitialize'), running ? answer('101') : ((running = true), answer('0'))),
    LMSFinish: () => {
      lms.calls.push('LMSFinish');
      if (!running) return answer('301');
      running = false;
      lms.finished = true;
      return answer('0');
    },
    LMSGetValue: (element) => {
      if (!running) return answer('301', '');
      if (element === 'cmi.interactions._count')
        return options.interactions === false ? answer('401', '') : answer('0', String(interactions));
      return element in values ? answer('0', values[element]) : answer('401', '');
    },
    LMSSetValue: (element, value) => {
      lms.calls.push(`set ${element}`);
      if (!running) return answer('301');
      const rule = WRITABLE.find(([name]) => name.test(element));
      if (!rule || (options.interactions === false && element.startsWith('cmi.interactions.'))) return answer('401');
      if (!rule[1].test(value)) return answer('405');
      const n = /^cmi\.interactions\.(\d+)\./.exec(element)?.[1];
      if (n !== undefined) {
        if (Number(n) > interactions) return answer('201');
        if (Number(n) === interactions) interactions++;
      }
      lms.pending[element] = value;
      return answer('0');
    },
    LMSCommit: () => {
      lms.calls.push('LMSCommit');
      if (!running) return answer('301');
      if (lms.commit === 'throw') throw new Error('The LMS is down');
      if (lms.commit === 'false') return answer('101');
      Object.assign(lms.stored, lms.pending);
      lms.pending = {};
      lms.commits++;
      return answer('0');
    },
    LMSGetLastError: () => error,
    LMSGetErrorString: (code) =>
      ({
        '0': 'No error',
        '101': 'General exception',
        '201': 'Invalid argument error',
        '301': 'Not initialized',
        '401': 'Not implemented error',
        '405': 'Incorrect data type',
      })[code] ?? '',
  };
  return lms;
}

/** A window with the LMS's API on its parent, as an LMS frames a course; SCORM 2004's sits on `API_1484_11`. */
export function courseWindow(api?: object, property: 'API' | 'API_1484_11' = 'API') {
  const parent = { [property]: api } as Record<string, unknown>;
  parent.parent = parent;
  parent.top = parent;
  const win = new EventTarget() as EventTarget & Record<string, unknown>;
  win.parent = parent;
  win.top = parent;
  win.opener = null;
  const document = new EventTarget() as EventTarget & { visibilityState: string };
  document.visibilityState = 'visible';
  win.document = document;
  return win as unknown as Window & { document: EventTarget & { visibilityState: string } };
}
