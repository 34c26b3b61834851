import { hydrate, mount } from 'svelte';
import { lmsSettings } from 'virtual:lms-settings';
import { scenarioIndex } from 'virtual:question-index';
import { courseOf } from '../modes/solo/course';
import { narrowConnections } from '../lms/launchPolicy';
import { isShareHash } from '../share/hash';
import Shell from './Shell.svelte';
import { m } from '../i18n/paraglide/messages.js';
import { confirmStart, registerServiceWorker, rollBackFailedStart } from '../platform/updates.svelte';
import './app.css';

const target = document.getElementById('app')!;
const params = new URLSearchParams(location.search);
const sharing = isShareHash(location.hash);
// The room server's code field (src/server/joinFirst.ts) belongs to the start screen alone;
// a page served from the worker's cache can carry it onto any other.
if (location.search || sharing) document.getElementById('join-first')?.remove();

// Inside an LMS the course is self-paced play alone: no phones, no workshop. The package is
// built in its own mode, so these branches (and the code they load) are left out of it.
const mode = import.meta.env.MODE;
const inLms = mode === 'scorm' || mode === 'scorm2004' || mode === 'cmi5';
// A cmi5 package may connect to the record store of its launch alone, from here on.
if (mode === 'cmi5') narrowConnections(document, location.search);

/** The start screen prerendered into index.html is not the page of a phone or a workshop. */
function showLoading(text: string) {
  target.replaceChildren(Object.assign(document.createElement('p'), { className: 'loading', textContent: text }));
}

if (params.has('join') && !sharing && !inLms) {
  // A phone in a workshop room: the code comes from the QR code on the big screen, or is typed.
  document.title = m.app_phone_title();
  showLoading(m.app_loading());
  import('./bootPhone')
    .then(({ bootPhone }) => bootPhone(params.get('join')))
    .then(({ PhoneApp, runtime }) => {
      target.replaceChildren();
      mount(PhoneApp, { target, props: { runtime } });
      confirmStart();
      registerServiceWorker();
    })
    .catch(() => {
      target.textContent = m.app_could_not_start();
      void rollBackFailedStart();
    });
} else if (params.get('mode') === 'workshop' && !sharing && !inLms) {
  // Workshop mode is for the facilitator's laptop: it loads whole, then shows.
  showLoading(m.app_loading_workshop());
  import('./boot')
    .then(({ bootWorkshop }) => bootWorkshop(params.get('view') === 'presenter' ? 'presenter' : 'projector'))
    .then(({ WorkshopApp, runtime }) => {
      document.title = runtime.view === 'presenter' ? m.app_presenter_title() : m.app_workshop_title();
      target.replaceChildren();
      mount(WorkshopApp, { target, props: { runtime } });
      confirmStart();
      registerServiceWorker();
    })
    .catch(() => {
      target.textContent = m.app_could_not_start();
      void rollBackFailedStart();
    });
} else {
  // The start screen shows at once from the list of companies; the rest loads behind it, once
  // the screen is usable (Shell calls `load`).
  const load = () =>
    import('./boot')
      .then(({ bootPlay }) => bootPlay(lmsSettings))
      .then(
        ({ App, actor, bank, persistence, lms }) => {
          // The worker precaches every company for offline play: only once the app is ready, so
          // that its downloads never compete with the ones the start screen waits for. An LMS
          // serves a package, and may serve a new one at the same address: no worker caches it.
          confirmStart();
          if (!lmsSettings) registerServiceWorker();
          return { component: App, props: { actor, bank, persistence, lms } };
        },
        (error: unknown) => {
          void rollBackFailedStart();
          throw error;
        },
      );
  const props = { index: scenarioIndex, load, waiting: sharing ? ('result' as const) : ('intro' as const) };
  if (lmsSettings) {
    // A package's start screen offers its course, and is not prerendered.
    target.replaceChildren();
    mount(Shell, { target, props: { ...props, course: courseOf(lmsSettings) } });
  } else if (import.meta.env.PROD && !sharing) {
    // The built index.html holds the start screen already (src/build/prerender.ts), painted
    // while this script loaded. Hydrating it is a task of its own, after this module's: two
    // shorter tasks keep the page answering input, where one long one would block it.
    setTimeout(() => hydrate(Shell, { target, props }));
  } else {
    target.replaceChildren();
    mount(Shell, { target, props });
  }
}
