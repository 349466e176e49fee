import './style.css';
import { el, route } from './api.js';
import { overview } from './pages/overview.js';
import { mapPage } from './pages/map.js';
import { aorPage } from './pages/aor.js';
import { operationPage, operationsPage } from './pages/operation.js';
import { claimsPage } from './pages/claims.js';
import { sourcesPage } from './pages/sources.js';

const main = document.getElementById('main')!;

/** Each view is a URL: the hash names the page and carries its state, so any view can be linked. */
async function render(): Promise<void> {
  const { path } = route();
  const [page, arg] = path;
  for (const a of document.querySelectorAll('nav a')) a.toggleAttribute('aria-current', a.getAttribute('href') === `#/${page ?? 'overview'}`);
  main.setAttribute('aria-busy', 'true');
  try {
    if (page === 'map') await mapPage(main);
    else if (page === 'aor' && arg) await aorPage(main, arg.toUpperCase());
    else if (page === 'operations') await operationsPage(main);
    else if (page === 'operation' && arg) await operationPage(main, arg);
    else if (page === 'claims') claimsPage(main);
    else if (page === 'sources') await sourcesPage(main);
    else await overview(main);
    document.title = `Surgewatch — ${main.querySelector('h2')?.textContent ?? ''}`;
  } catch (err) {
    main.replaceChildren(el('h2', {}, 'Something went wrong'), el('p', { class: 'error' }, (err as Error).message));
  } finally {
    main.setAttribute('aria-busy', 'false');
    main.dataset.ready = 'true';
  }
}

window.addEventListener('hashchange', () => {
  main.dataset.ready = 'false';
  void render();
});
void render();
