import * as v from 'valibot';
import { m } from '../i18n/paraglide/messages.js';
import { fail, ok, type Result } from '../core/result';
import { count } from './bounds';
import { APP, type SavedFormat } from './savedActor';

/**
 * Reading what `savedActor.ts` wrote: the envelope checked, the data migrated one version at a
 * time and validated with valibot. Apart from the writing, so that only data to read loads it.
 */

const envelopeSchema = v.object({
  app: v.literal(APP),
  // Progress saved before the workshop had an envelope too carries no kind.
  kind: v.optional(v.pipe(v.string(), v.maxLength(40)), 'progress'),
  schemaVersion: v.pipe(count(1000), v.minValue(1)),
  appVersion: v.pipe(v.string(), v.maxLength(100)),
  savedAt: v.pipe(v.string(), v.maxLength(100)),
  data: v.unknown(),
});

function firstIssue(issues: v.BaseIssue<unknown>[]): string {
  const issue = issues[0]!;
  const path = issue.path?.map((item) => item.key).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Validates and migrates a stored or imported value; the error says why it cannot be read. Never throws. */
export function unwrap<T>(format: SavedFormat<T>, raw: unknown): Result<T> {
  const parsed = v.safeParse(envelopeSchema, raw);
  const found = parsed.success
    ? { kind: parsed.output.kind, version: parsed.output.schemaVersion, data: parsed.output.data }
    : format.legacy?.(raw) && { kind: format.kind, ...format.legacy(raw)! };
  if (!found || found.kind !== format.kind) return fail(m.platform_envelope_not_ours({ kind: format.kind }));
  if (found.version > format.version) return fail(m.platform_envelope_newer({ version: found.version }));
  let data = found.data;
  try {
    for (let version = found.version; version < format.version; version++) data = format.migrations[version]!(data);
  } catch (error) {
    // Old data that does not validate is damaged, whichever version it was saved in.
    if (error instanceof v.ValiError) return fail(m.platform_envelope_damaged({ issue: firstIssue(error.issues) }));
    return fail(m.platform_envelope_not_upgraded({ version: found.version, error: String(error) }));
  }
  const result = v.safeParse(format.schema, data);
  return result.success ? ok(result.output) : fail(m.platform_envelope_damaged({ issue: firstIssue(result.issues) }));
}
