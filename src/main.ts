import { hydrate, mount } from 'svelte';
import { scenarioIndex } from 'virtual:question-index';
import { isShareHash } from './share/hash';
import Shell from './ui/Shell.svelte';
import { confirmStart, registerServiceWorker, rollBackFailedStart } from './ui/updates.svelte';
import './ui/app.css';

const target = document.getElementById('app')!;
const params = new URLSearchParams(location.search);
const sharing = isShareHash(location.hash);

if (params.get('mode') === 'workshop' && !sharing) {
  // Workshop mode is for the facilitator's laptop: it loads whole, then shows. The start
  // screen prerendered into index.html is not its page.
  target.replaceChildren(
    Object.assign(document.createElement('p'), { className: 'loading', textContent: 'Loading the workshop…' }),
  );
  import('./boot')
    .then(({ bootWorkshop }) => bootWorkshop(params.get('view') === 'presenter' ? 'presenter' : 'projector'))
    .then(({ WorkshopApp, runtime }) => {
      document.title = runtime.view === 'presenter' ? 'Presenter view · Role Call workshop' : 'Role Call workshop';
      target.replaceChildren();
      mount(WorkshopApp, { target, props: { runtime } });
      confirmStart();
      registerServiceWorker();
    })
    .catch(() => {
      target.textContent = 'Role Call could not start. Check your connection and reload the page.';
      void rollBackFailedStart();
    });
} else {
  // The start screen shows at once from the list of companies; the rest loads behind it.
  const app = import('./boot')
    .then(({ bootPlay }) => bootPlay())
    .then(({ App, actor, bank, persistence }) => ({ component: App, props: { actor, bank, persistence } }));
  // The worker precaches every company for offline play: only once the start screen is ready,
  // so that its downloads never compete with the ones the start screen waits for.
  void app.then(() => {
    confirmStart();
    registerServiceWorker();
  }, rollBackFailedStart);
  if (sharing) {
    target.replaceChildren();
    mount(Shell, { target, props: { index: scenarioIndex, app, waiting: 'result' } });
  } else if (import.meta.env.PROD) {
    // The built index.html holds the start screen already (src/tools/prerender.ts).
    hydrate(Shell, { target, props: { index: scenarioIndex, app, waiting: 'intro' } });
  } else {
    target.replaceChildren();
    mount(Shell, { target, props: { index: scenarioIndex, app, waiting: 'intro' } });
  }
}
