import { m } from '../i18n/paraglide/messages.js';
import type { Language } from '../platform/language';
import type { LmsSettings, LmsStandard } from './settings';

/**
 * What tells an LMS about a package, one file per standard at the root of its zip: the SCORM 1.2
 * and SCORM 2004 manifests (`imsmanifest.xml`) and the cmi5 course structure (`cmi5.xml`). Each
 * describes one course of one unit, the game, launched from `index.html`.
 */

/** The file each standard's LMS reads first. */
export const MANIFEST_FILE: Record<LmsStandard, string> = {
  '1.2': 'imsmanifest.xml',
  '2004': 'imsmanifest.xml',
  cmi5: 'cmi5.xml',
};

/** Identifiers in the SCORM manifests: the LMS knows the course, and an update of it, by the first. */
export const IDS = {
  manifest: 'role-call',
  organization: 'role-call-course',
  item: 'role-call-game',
  resource: 'role-call-sco',
};

/**
 * The cmi5 course and its one AU. cmi5 wants globally unique IRIs; the course has no web address
 * of its own, so they are URNs. An LMS gives the AU an activity id of its own at launch.
 */
export const CMI5_IDS = { course: 'urn:role-call:course', au: 'urn:role-call:course:game' };

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * What the package calls itself in its LMS, in the package's language (a manifest is written
 * by the build, in Node, so the language is named, not the page's): the settings' title, else
 * the default one.
 */
const titleOf = (settings: LmsSettings, language: Language) =>
  escapeXml(settings.title ?? m.lms_course_title({}, { locale: language }));

const fileList = (files: readonly string[]) =>
  [...files]
    .sort()
    .map((file) => `\n      <file href="${escapeXml(file)}"/>`)
    .join('');

/**
 * The SCORM 1.2 manifest for a package's files: one organization with one item, launching one
 * SCO (`index.html`) that lists every file. A pass mark goes in as `adlcp:masteryscore`, from
 * which the LMS gives the app `cmi.student_data.mastery_score`.
 */
export function scormManifest(
  settings: LmsSettings,
  files: readonly string[],
  version: string,
  language: Language = 'en',
): string {
  const title = titleOf(settings, language);
  const mastery =
    settings.passingScore === null ? '' : `\n        <adlcp:masteryscore>${settings.passingScore}</adlcp:masteryscore>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${IDS.manifest}" version="${escapeXml(version)}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${IDS.organization}">
    <organization identifier="${IDS.organization}">
      <title>${title}</title>
      <item identifier="${IDS.item}" identifierref="${IDS.resource}" isvisible="true">
        <title>${title}</title>${mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${IDS.resource}" type="webcontent" adlcp:scormtype="sco" href="index.html">${fileList(files)}
    </resource>
  </resources>
</manifest>
`;
}

/**
 * The SCORM 2004 4th edition manifest: one organization with one item and one SCO, and no
 * sequencing but the defaults. A pass mark goes in as the item's primary objective, satisfied
 * by a normalized measure: the LMS gives it to the app as `cmi.scaled_passing_score`. An LMS
 * that takes no sequencing (many take 2004 "without sequencing") ignores it, and the app
 * judges by the package's pass mark, which is the same.
 */
export function scorm2004Manifest(
  settings: LmsSettings,
  files: readonly string[],
  version: string,
  language: Language = 'en',
): string {
  const title = titleOf(settings, language);
  const mastery =
    settings.passingScore === null
      ? ''
      : `
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="${IDS.item}-passed" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${settings.passingScore / 100}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${IDS.manifest}" version="${escapeXml(version)}"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd
    http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd
    http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd
    http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd
    http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="${IDS.organization}">
    <organization identifier="${IDS.organization}">
      <title>${title}</title>
      <item identifier="${IDS.item}" identifierref="${IDS.resource}" isvisible="true">
        <title>${title}</title>${mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${IDS.resource}" type="webcontent" adlcp:scormType="sco" href="index.html">${fileList(files)}
    </resource>
  </resources>
</manifest>
`;
}

/**
 * The cmi5 course structure: the course and one AU, launched from `index.html` in any window.
 * Its moveOn follows the pass mark: completed and passed when there is one (a finished game is
 * always completed, and passed at the mark, given as a scaled masteryScore), completed alone
 * when there is none.
 */
export function cmi5CourseStructure(settings: LmsSettings, language: Language = 'en'): string {
  const title = `<title><langstring lang="${language}">${titleOf(settings, language)}</langstring></title>`;
  // What the course is, for an LMS's catalogue (cmi5 requires a description).
  const about = escapeXml(m.lms_course_description({}, { locale: language }));
  const description = `<description><langstring lang="${language}">${about}</langstring></description>`;
  const judged = settings.passingScore !== null;
  const moveOn = judged
    ? `moveOn="CompletedAndPassed" masteryScore="${settings.passingScore! / 100}"`
    : 'moveOn="Completed"';
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${CMI5_IDS.course}">
    ${title}
    ${description}
  </course>
  <au id="${CMI5_IDS.au}" ${moveOn} launchMethod="AnyWindow">
    ${title}
    ${description}
    <url>index.html</url>
  </au>
</courseStructure>
`;
}
