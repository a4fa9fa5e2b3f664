// Admin: import the catalogue from TMDB with a progress bar that follows the job; the films.
import { adminApi, adminGate } from '../admin.js';
import { byId, h, plural, replace, say } from '../dom.js';
import { runtime } from '../format.js';

const JOB_KEY = 'marquee.importJob';
const POLL_MS = 400;
const el = {
  form: byId('import-form'),
  pages: byId('pages'),
  start: byId('import-start'),
  job: byId('import-job'),
  state: byId('import-state'),
  percent: byId('import-percent'),
  bar: byId('import-bar'),
  text: byId('import-text'),
  films: byId('films'),
  count: byId('films-count'),
};
let following = 0;

const gate = adminGate(() => {
  loadFilms();
  const pending = sessionStorage.getItem(JOB_KEY);
  if (pending) follow(pending);
});

async function loadFilms() {
  try {
    const films = await adminApi(gate, '/admin/movies');
    el.count.textContent = plural(films.length, 'film');
    replace(
      el.films,
      films.map((film) =>
        h(
          'tr',
          {},
          h('td', {}, film.title),
          h('td', {}, runtime(film.runtimeMin) || '—'),
          h('td', {}, film.releaseDate ?? '—'),
        ),
      ),
    );
  } catch (error) {
    el.count.textContent = error.message;
  }
}

const STATE_WORDS = {
  waiting: 'Waiting',
  delayed: 'Waiting',
  active: 'Importing',
  completed: 'Done',
  failed: 'Failed',
  unknown: 'Unknown',
};

function render(job) {
  const { done, total } = job.progress;
  const percent = job.state === 'completed' ? 100 : total > 0 ? Math.min(99, Math.floor((done / total) * 100)) : 0;
  el.job.hidden = false;
  el.job.dataset.state = job.state;
  el.state.textContent = STATE_WORDS[job.state] ?? job.state;
  el.state.className = `badge badge--${job.state}`;
  el.percent.textContent = `${percent}%`;
  el.bar.setAttribute('aria-valuenow', String(percent));
  el.bar.setAttribute('aria-valuetext', `${percent}%, ${done} of ${total} steps`);
  el.bar.firstElementChild.style.setProperty('width', `${percent}%`);
  if (job.state === 'completed') {
    const result = job.result ?? {};
    say(
      el.text,
      `Import finished: ${plural(result.total ?? 0, 'film')} from ${plural(result.pages ?? 0, 'page')} (${result.created ?? 0} new, ${result.updated ?? 0} updated${result.skipped ? `, ${result.skipped} skipped` : ''}).`,
      'success',
    );
  } else if (job.state === 'failed') {
    say(el.text, `Import failed: ${job.error ?? 'unknown error'}. The catalogue was not changed.`, 'error');
  } else {
    say(el.text, `${done} of ${total} steps done (now_playing pages, then films, then saving).`, 'info');
  }
}

async function follow(jobId) {
  const mine = ++following;
  sessionStorage.setItem(JOB_KEY, jobId);
  el.start.disabled = true;
  try {
    for (;;) {
      const job = await adminApi(gate, `/admin/jobs/${encodeURIComponent(jobId)}`);
      if (mine !== following) return;
      render(job);
      if (job.state === 'completed' || job.state === 'failed') {
        sessionStorage.removeItem(JOB_KEY);
        if (job.state === 'completed') loadFilms();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } catch (error) {
    sessionStorage.removeItem(JOB_KEY);
    el.job.hidden = false;
    say(el.text, error.status === 404 ? 'That import is no longer known to the server.' : error.message, 'error');
  } finally {
    if (mine === following) el.start.disabled = false;
  }
}

el.form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!el.form.checkValidity()) {
    el.form.reportValidity();
    return;
  }
  el.start.disabled = true;
  try {
    const { jobId } = await adminApi(gate, '/admin/catalog/import', {
      method: 'POST',
      body: { pages: Number(el.pages.value) },
    });
    render({ state: 'waiting', progress: { done: 0, total: 0 } });
    follow(jobId);
  } catch (error) {
    el.start.disabled = false;
    el.job.hidden = false;
    say(el.text, error.message, 'error');
  }
});
