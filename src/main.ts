import { mount } from 'svelte';
import { scenarioIndex } from 'virtual:question-index';
import { isShareHash } from './share/hash';
import Shell from './ui/Shell.svelte';
import { confirmStart, registerServiceWorker, rollBackFailedStart } from './ui/updates.svelte';
import './ui/app.css';

registerServiceWorker();

const target = document.getElementById('app')!;
const params = new URLSearchParams(location.search);
const sharing = isShareHash(location.hash);

if (params.has('join') && !sharing) {
  // A phone in a workshop room: the code comes from the QR code on the big screen, or is typed.
  document.title = 'Join a Role Call room';
  import('./bootPhone')
    .then(({ bootPhone }) => bootPhone(params.get('join')))
    .then(({ PhoneApp, runtime }) => {
      target.replaceChildren();
      mount(PhoneApp, { target, props: { runtime } });
      confirmStart();
    })
    .catch(() => {
      target.textContent = 'Role Call could not start. Check your connection and reload the page.';
      void rollBackFailedStart();
    });
} else if (params.get('mode') === 'workshop' && !sharing) {
  // Workshop mode is for the facilitator's laptop: it loads whole, then shows.
  import('./boot')
    .then(({ bootWorkshop }) => bootWorkshop(params.get('view') === 'presenter' ? 'presenter' : 'projector'))
    .then(({ WorkshopApp, runtime }) => {
      document.title = runtime.view === 'presenter' ? 'Presenter view · Role Call workshop' : 'Role Call workshop';
      target.replaceChildren();
      mount(WorkshopApp, { target, props: { runtime } });
      confirmStart();
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
  void app.then(confirmStart, rollBackFailedStart);
  target.replaceChildren();
  mount(Shell, { target, props: { index: scenarioIndex, app, waiting: sharing ? 'result' : 'intro' } });
}
