import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { LMS_STANDARDS } from '../../src/lms/settings';
import { buildScormPackage } from '../../src/build/scormPackage';
import { courseSettings } from './lmsPackages';

/**
 * Builds the test package of each LMS standard once for the whole browser run, side by side
 * (the builds share the machine's cores better than they would one after another), and hands
 * the zips to the tests that launch them.
 */
export default async function buildLmsPackages(project: TestProject) {
  const out = mkdtempSync(join(tmpdir(), 'role-call-lms-'));
  const built = await Promise.all(
    LMS_STANDARDS.map(async (standard) => {
      const { zip } = await buildScormPackage(courseSettings(standard), join(out, standard));
      return [standard, zip] as const;
    }),
  );
  project.provide('lmsPackages', Object.fromEntries(built) as Record<(typeof built)[number][0], string>);
  return () => rmSync(out, { recursive: true, force: true });
}
