import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './styles/tokens.css';
import './styles/global.css';
import './styles/utilities.css';
import './styles/modes.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { KioskState } from './lib/state/kiosk.svelte';
import { realClock } from './lib/state/idle-timer';
import { exposeTestBridge } from './lib/test-bridge';
import { installTouchHygiene } from './lib/touch-hygiene';
import { pickTransport } from './lib/transport/pick-transport';

// Composition root: the one place that picks the transport and the clock and creates the state.
installTouchHygiene(document);
const kiosk = new KioskState(pickTransport(window), realClock);
const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
mount(App, { target, props: { kiosk } });
// Only the staff editor's preview host acts on these (config.preview); a kiosk ignores its address.
const query = new URLSearchParams(window.location.search);
const preview = { storyId: query.get('story'), lang: query.get('lang') === 'en' ? ('en' as const) : ('da' as const) };
kiosk.boot(preview).then(
  () => {
    if (kiosk.config?.testBridge) exposeTestBridge(window);
  },
  (error: unknown) => {
    kiosk.problem = {
      file: '',
      field: '',
      messageDa: 'Kiosken kan ikke få kontakt til sin egen server. Genstart kiosken.',
      messageEn: `bootstrap failed: ${String(error)}`,
    };
  },
);
