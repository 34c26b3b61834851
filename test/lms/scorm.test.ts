import { describe, expect, it, vi } from 'vitest';
import { findScormApi, SCORM_12_API, SCORM_2004_API, ScormSession } from '../../src/lms/scorm';
import { isoDuration, isoMoment, timeOfDay, timespan } from '../../src/lms/times';
import { fakeApi } from '../support/fakeLms';

function frame(parent?: object, fields: object = {}): Window {
  const win = { ...fields } as Record<string, unknown>;
  win.parent = parent ?? win;
  win.top = parent ? (parent as Record<string, unknown>).top : win;
  win.opener = null;
  return win as unknown as Window;
}

describe('finding the LMS', () => {
  it('finds window.API in a parent frame, the nearest first', () => {
    const api = fakeApi();
    const lms = frame(undefined, { API: api });
    const middle = frame(lms);
    expect(findScormApi(frame(middle), SCORM_12_API)).toBe(api);
    const nearer = fakeApi();
    expect(findScormApi(frame(frame(lms, { API: nearer })), SCORM_12_API)).toBe(nearer);
  });

  it('finds it in the window that opened the course, and skips frames of another origin', () => {
    const api = fakeApi();
    const opener = frame(undefined, { API: api });
    const foreign = {} as Record<string, unknown>;
    Object.defineProperty(foreign, 'API', {
      get: () => {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    });
    foreign.parent = foreign;
    const popup = frame(foreign as unknown as Window);
    (popup as unknown as { top: unknown }).top = { opener };
    expect(findScormApi(popup, SCORM_12_API)).toBe(api);
  });

  it('finds nothing in a page with no LMS, or one whose API is not SCORM 1.2', () => {
    expect(findScormApi(frame(), SCORM_12_API)).toBeUndefined();
    expect(findScormApi(frame(frame(undefined, { API: { Initialize: () => 'true' } })), SCORM_12_API)).toBeUndefined();
  });

  it('finds a SCORM 2004 API_1484_11 in a parent frame or the opener, and not a 1.2 API in its place', () => {
    const api = { Initialize: vi.fn(), Terminate: vi.fn(), GetValue: vi.fn(), SetValue: vi.fn(), Commit: vi.fn() };
    expect(findScormApi(frame(frame(frame(undefined, { API_1484_11: api }))), SCORM_2004_API)).toBe(api);
    const popup = frame();
    (popup as unknown as { top: unknown }).top = { opener: frame(undefined, { API_1484_11: api }) };
    expect(findScormApi(popup, SCORM_2004_API)).toBe(api);
    expect(findScormApi(frame(frame(undefined, { API: fakeApi() })), SCORM_2004_API)).toBeUndefined();
  });
});

describe('a SCORM session', () => {
  it('says why the LMS would not start one, in its own words', () => {
    const refused = ScormSession.open(
      fakeApi({ LMSInitialize: () => 'false', LMSGetLastError: () => '101' }),
      SCORM_12_API,
    );
    expect(refused).toEqual({ ok: false, error: 'it did not start a session (General exception, error 101)' });
    const thrown = ScormSession.open(
      fakeApi({
        LMSInitialize: () => {
          throw new Error('no session');
        },
      }),
      SCORM_12_API,
    );
    expect(thrown).toEqual({ ok: false, error: 'it did not start a session (no session)' });
  });

  it('reads a value only when the LMS has it, and never throws', () => {
    const values: Record<string, string> = { 'cmi.suspend_data': 'r=abc' };
    let code = '0';
    const session = ScormSession.open(
      fakeApi({
        LMSGetValue: (element) => {
          if (element === 'cmi.boom') throw new Error('boom');
          code = element in values ? '0' : '401';
          return values[element] ?? '';
        },
        LMSGetLastError: () => code,
      }),
      SCORM_12_API,
    );
    if (!session.ok) throw new Error(session.error);
    expect(session.value.get('cmi.suspend_data')).toBe('r=abc');
    expect(session.value.get('cmi.interactions._children')).toBeUndefined();
    expect(session.value.get('cmi.boom')).toBeUndefined();
  });

  it('reports a commit answered "false" or thrown, and ends once', () => {
    const finish = vi.fn(() => 'true');
    let commit = () => 'false';
    const session = ScormSession.open(
      fakeApi({ LMSCommit: () => commit(), LMSGetLastError: () => '101', LMSFinish: finish }),
      SCORM_12_API,
    );
    if (!session.ok) throw new Error(session.error);
    expect(session.value.commit()).toEqual({ ok: false, error: 'General exception, error 101' });
    commit = () => {
      throw new TypeError('Failed to fetch');
    };
    expect(session.value.commit()).toEqual({ ok: false, error: 'Failed to fetch' });
    session.value.finish();
    session.value.finish();
    expect(finish).toHaveBeenCalledTimes(1);
    expect(session.value.set('cmi.core.exit', '')).toEqual({ ok: false, error: 'the session is over' });
  });
});

describe('times as each standard writes them', () => {
  it('writes a SCORM 1.2 session time as HHHH:MM:SS.SS and a moment as HH:MM:SS', () => {
    expect(timespan(0)).toBe('0000:00:00.00');
    expect(timespan(((2 * 60 + 3) * 60 + 4) * 1000 + 567)).toBe('0002:03:04.57');
    expect(timeOfDay(new Date(2026, 0, 5, 9, 8, 7).getTime())).toBe('09:08:07');
  });

  it('writes a SCORM 2004 and xAPI duration in ISO 8601, and a 2004 moment with its fraction before the zone', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(2500)).toBe('PT2.5S');
    expect(isoDuration(((2 * 60 + 3) * 60 + 4) * 1000 + 567)).toBe('PT2H3M4.57S');
    expect(isoDuration(60_000)).toBe('PT1M0S');
    expect(isoMoment(Date.UTC(2026, 0, 5, 9, 8, 7, 456))).toBe('2026-01-05T09:08:07.45Z');
  });
});
