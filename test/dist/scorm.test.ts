// @vitest-environment jsdom
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseLmsSettings } from '../../src/lms/settings';
import { cmi5CourseStructure, scorm2004Manifest, scormManifest } from '../../src/lms/manifests';
import { MANIFEST, SCORM_OUT, SCORM_ZIP } from '../../src/build/scormPackage';
import { schemaErrors } from '../support/xsd';

const CP = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2';
const ADLCP = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';
/** An XML ID, as the manifest's schema types every identifier. */
const XML_ID = /^[A-Za-z_][\w.-]*$/;

/** What LMSs check of a SCORM 1.2 manifest on upload; each problem as a sentence. */
function manifestProblems(xml: string, files: readonly string[]): string[] {
  const problems: string[] = [];
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return ['the manifest is not well-formed XML'];
  const root = doc.documentElement;
  const all = (name: string) => [...doc.getElementsByTagNameNS(CP, name)];
  const text = (name: string) => all(name)[0]?.textContent?.trim();
  if (root.localName !== 'manifest' || root.namespaceURI !== CP)
    problems.push('the root is not an IMS CP 1.1.2 manifest');
  if (!XML_ID.test(root.getAttribute('identifier') ?? '')) problems.push('the manifest has no valid identifier');
  if (text('schema') !== 'ADL SCORM') problems.push('metadata/schema is not "ADL SCORM"');
  if (text('schemaversion') !== '1.2') problems.push('metadata/schemaversion is not "1.2"');
  const ids = [root, ...all('organization'), ...all('item'), ...all('resource')].map((el) =>
    el.getAttribute('identifier'),
  );
  if (ids.some((id) => !XML_ID.test(id ?? ''))) problems.push('an identifier is missing or not an XML ID');
  if (new Set(ids).size !== ids.length) problems.push('identifiers repeat');
  const organizations = all('organization').map((el) => el.getAttribute('identifier'));
  if (!organizations.includes(all('organizations')[0]?.getAttribute('default') ?? null))
    problems.push('organizations/@default names no organization');
  const resources = new Map(all('resource').map((el) => [el.getAttribute('identifier'), el]));
  const items = all('item');
  if (!items.length) problems.push('the organization has no item');
  for (const item of items) {
    const resource = resources.get(item.getAttribute('identifierref'));
    if (!resource) problems.push(`item ${item.getAttribute('identifier')} launches no resource`);
    if (!item.getElementsByTagNameNS(CP, 'title')[0]?.textContent?.trim()) problems.push('an item has no title');
    const mastery = item.getElementsByTagNameNS(ADLCP, 'masteryscore')[0]?.textContent;
    if (mastery !== undefined && !/^(100|[1-9]?\d)$/.test(mastery ?? '')) problems.push('masteryscore is not 0 to 100');
  }
  for (const resource of resources.values()) {
    if (resource.getAttribute('type') !== 'webcontent') problems.push('a resource is not webcontent');
    if (resource.getAttributeNS(ADLCP, 'scormtype') !== 'sco') problems.push('a resource has no adlcp:scormtype="sco"');
    const href = resource.getAttribute('href') ?? '';
    if (!files.includes(href)) problems.push(`the resource's href "${href}" is not in the package`);
    const listed = [...resource.getElementsByTagNameNS(CP, 'file')].map((file) => file.getAttribute('href') ?? '');
    const missing = listed.filter((file) => !files.includes(file));
    if (missing.length) problems.push(`listed files are not in the package: ${missing.join(', ')}`);
    const unlisted = files.filter((file) => file !== MANIFEST && !listed.includes(file));
    if (unlisted.length) problems.push(`files in the package are not listed: ${unlisted.join(', ')}`);
  }
  return problems;
}

const zipPath = join(SCORM_OUT, SCORM_ZIP);

describe('the SCORM 1.2 manifest', () => {
  it('breaks the rules the check enforces when it should', () => {
    const good = scormManifest(parseLmsSettings({}), ['index.html', 'a.js'], '1.0.0');
    expect(manifestProblems(good, ['index.html', 'a.js', MANIFEST])).toEqual([]);
    expect(
      manifestProblems(good.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="asset"'), ['index.html', 'a.js']),
    ).toEqual(['a resource has no adlcp:scormtype="sco"']);
    expect(manifestProblems(good.replace('>1.2<', '>CAM 1.3<'), ['index.html', 'a.js'])).toEqual([
      'metadata/schemaversion is not "1.2"',
    ]);
    expect(manifestProblems(good, ['index.html'])).toEqual(['listed files are not in the package: a.js']);
    expect(manifestProblems(good.replace('href="index.html">', 'href="start.html">'), ['index.html', 'a.js'])).toEqual([
      'the resource\'s href "start.html" is not in the package',
    ]);
  });

  it('carries the title as text and the pass mark as the mastery score, if there is one', () => {
    const title = 'PM & PMM <for "sales">';
    const xml = scormManifest(parseLmsSettings({ title, passingScore: 65 }), ['index.html'], '1.0.0');
    expect(manifestProblems(xml, ['index.html'])).toEqual([]);
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    expect(doc.getElementsByTagNameNS(CP, 'title')[0]?.textContent).toBe(title);
    expect(doc.getElementsByTagNameNS(ADLCP, 'masteryscore')[0]?.textContent).toBe('65');
    const none = scormManifest(parseLmsSettings({ passingScore: null }), ['index.html'], '1.0.0');
    expect(none).not.toContain('masteryscore');
  });
});

describe("each standard's manifest, against its schema", () => {
  const files = ['index.html', 'assets/index-abc.js', 'favicon.svg'];
  const title = 'PM & PMM <for "sales">';

  it('writes a SCORM 1.2 manifest that the ADL SCORM 1.2 schemas accept', async () => {
    expect(await schemaErrors(scormManifest(parseLmsSettings({ title }), files, '1.0.0'), '1.2')).toEqual([]);
    expect(await schemaErrors(scormManifest(parseLmsSettings({ passingScore: null }), files, '1.0.0'), '1.2')).toEqual(
      [],
    );
  });

  it('writes a SCORM 2004 4th edition manifest the ADL schemas accept, with the pass mark as a scaled measure', async () => {
    const xml = scorm2004Manifest(parseLmsSettings({ title, passingScore: 65 }), files, '1.0.0');
    expect(await schemaErrors(xml, '2004')).toEqual([]);
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    expect(doc.getElementsByTagName('schemaversion')[0]?.textContent).toBe('2004 4th Edition');
    expect(doc.getElementsByTagName('title')[0]?.textContent).toBe(title);
    expect(doc.getElementsByTagName('imsss:minNormalizedMeasure')[0]?.textContent).toBe('0.65');
    expect([...doc.getElementsByTagName('file')].map((file) => file.getAttribute('href'))).toEqual([...files].sort());
    // No pass mark: no sequencing at all, the LMS's defaults.
    const none = scorm2004Manifest(parseLmsSettings({ passingScore: null }), files, '1.0.0');
    expect(none).not.toContain('imsss:sequencing');
    expect(await schemaErrors(none, '2004')).toEqual([]);
    // The check is a real one: a wrong SCO type is refused.
    expect(await schemaErrors(xml.replace('adlcp:scormType="sco"', 'adlcp:scormType="page"'), '2004')).toEqual([
      expect.stringMatching(/scormType.*'page' is not an element of the set/),
    ]);
  });

  it('writes a cmi5 course structure the schema accepts, its moveOn and mastery score from the pass mark', async () => {
    const xml = cmi5CourseStructure(parseLmsSettings({ title, passingScore: 75 }));
    expect(await schemaErrors(xml, 'cmi5')).toEqual([]);
    const au = new DOMParser().parseFromString(xml, 'application/xml').getElementsByTagName('au')[0]!;
    expect([au.getAttribute('moveOn'), au.getAttribute('masteryScore')]).toEqual(['CompletedAndPassed', '0.75']);
    expect(au.getElementsByTagName('url')[0]?.textContent).toBe('index.html');
    expect(au.getElementsByTagName('langstring')[0]?.textContent).toBe(title);
    const none = cmi5CourseStructure(parseLmsSettings({ passingScore: null }));
    expect(none).toContain('moveOn="Completed"');
    expect(none).not.toContain('masteryScore');
    expect(await schemaErrors(none, 'cmi5')).toEqual([]);
    expect(await schemaErrors(xml.replace('masteryScore="0.75"', 'masteryScore="75"'), 'cmi5')).toEqual([
      expect.stringMatching(/masteryScore.*maxInclusive/),
    ]);
  });
});

describe('the package npm run build:scorm wrote', () => {
  it('is a zip with the manifest at its root that an LMS takes, and the whole app under relative paths', async () => {
    expect(existsSync(zipPath), `${zipPath} is missing: run npm run build:scorm`).toBe(true);
    const zip = unzipSync(readFileSync(zipPath));
    const files = Object.keys(zip);
    expect(files).toContain(MANIFEST);
    expect(files).toContain('index.html');
    expect(files.filter((file) => file.startsWith('/') || file.includes('\\') || file.includes('..'))).toEqual([]);
    // An LMS serves the package itself, and may serve a new one at the same address: no worker.
    expect(files).not.toContain('sw.js');
    expect(manifestProblems(new TextDecoder().decode(zip[MANIFEST]), files)).toEqual([]);
    expect(await schemaErrors(new TextDecoder().decode(zip[MANIFEST]), '1.2')).toEqual([]);
    const html = new TextDecoder().decode(zip['index.html']);
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(refs.length).toBeGreaterThan(2);
    for (const ref of refs) {
      expect(ref).toMatch(/^\.\//);
      expect(files).toContain(ref.slice(2));
    }
    expect(html).toContain('Content-Security-Policy');
  });
});
