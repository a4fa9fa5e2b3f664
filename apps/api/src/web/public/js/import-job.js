// An import panel: a start button, then a progress bar following the job (GET /api/admin/jobs/:id)
// until it ends, surviving a reload (the job id is kept in sessionStorage). Used by the TMDB and
// the showtimes imports on /admin/import.
import { adminApi } from './admin.js';
import { byId, say } from './dom.js';

const POLL_MS = 400;
const STATE_WORDS = {
  waiting: 'Waiting',
  delayed: 'Waiting',
  active: 'Importing',
  completed: 'Done',
  failed: 'Failed',
  unknown: 'Unknown',
};

/**
 * Wires the elements `<prefix>-form`, `-start`, `-job`, `-state`, `-percent`, `-bar`, `-text`.
 * `start()` posts the import and resolves to `{ jobId }`; `finished(result)` and `failed(error)`
 * word the outcome; `steps` explains the units; `onDone()` runs after a completed job.
 * Returns `resume()`, which follows a job still running from before a reload.
 */
export function importPanel(gate, { prefix, storageKey, start, finished, failed, steps, onDone }) {
  const el = {
    form: byId(`${prefix}-form`),
    start: byId(`${prefix}-start`),
    job: byId(`${prefix}-job`),
    state: byId(`${prefix}-state`),
    percent: byId(`${prefix}-percent`),
    bar: byId(`${prefix}-bar`),
    text: byId(`${prefix}-text`),
  };
  let following = 0;

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
    if (job.state === 'completed') say(el.text, finished(job.result ?? {}), 'success');
    else if (job.state === 'failed') say(el.text, failed(job.error ?? 'unknown error'), 'error');
    else say(el.text, `${done} of ${total} steps done (${steps}).`, 'info');
  }

  async function follow(jobId) {
    const mine = ++following;
    sessionStorage.setItem(storageKey, jobId);
    el.start.disabled = true;
    try {
      for (;;) {
        const job = await adminApi(gate, `/admin/jobs/${encodeURIComponent(jobId)}`);
        if (mine !== following) return;
        render(job);
        if (job.state === 'completed' || job.state === 'failed') {
          sessionStorage.removeItem(storageKey);
          if (job.state === 'completed') onDone?.();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } catch (error) {
      sessionStorage.removeItem(storageKey);
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
      const { jobId } = await start();
      render({ state: 'waiting', progress: { done: 0, total: 0 } });
      follow(jobId);
    } catch (error) {
      el.start.disabled = false;
      el.job.hidden = false;
      say(el.text, error.message, 'error');
    }
  });

  return () => {
    const pending = sessionStorage.getItem(storageKey);
    if (pending) follow(pending);
  };
}
