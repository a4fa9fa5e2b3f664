// A show's waiting room: join with an e-mail, follow the place live (SSE), open the seat map when admitted.
import { api } from '../api.js';
import { byId, focusOn, h, replace, say } from '../dom.js';
import { clock } from '../format.js';
import { rememberedCustomer } from '../storage.js';

const showId = Number(location.pathname.split('/')[2]);
const el = {
  head: byId('queue-head'),
  alert: byId('alert'),
  join: byId('join'),
  email: byId('queue-email'),
  joinError: byId('join-error'),
  place: byId('place'),
  position: byId('position'),
  ahead: byId('ahead'),
  wait: byId('wait'),
  waiting: byId('waiting'),
  progress: byId('progress'),
  progressFill: byId('progress-fill'),
  note: byId('queue-note'),
  live: byId('live'),
};
/** The first place this tab saw, for the progress bar (sessionStorage keeps it across refreshes). */
const FIRST_KEY = `marquee.queue.${showId}.first`;
let stream = null;

/** `1 min 20 s`, `45 s`, `about 2 h`. */
function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `about ${Math.round(seconds / 3_600)} h`;
}

function setProgress(percent) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  el.progress.setAttribute('aria-valuenow', String(value));
  el.progress.setAttribute('aria-valuetext', `${value} %`);
  el.progressFill.style.width = `${value}%`;
}

function render(status) {
  if (!status.queued && status.state === 'none') return openSeats();
  if (status.state === 'admitted') return openSeats();
  if (status.state === 'none') {
    el.join.hidden = false;
    el.place.hidden = true;
    return;
  }
  el.join.hidden = true;
  el.place.hidden = false;
  el.waiting.textContent = String(status.waiting);
  if (status.state === 'early') {
    el.position.textContent = 'drawn at opening';
    el.ahead.textContent = '–';
    el.wait.textContent = status.onSaleAt ? `opens ${clock(status.onSaleAt)}` : '–';
    say(el.note, 'You are in. Your place is drawn at random when the sale opens; arriving earlier gives no advantage.');
    setProgress(0);
  } else if (status.state === 'waiting') {
    const first = Number(sessionStorage.getItem(FIRST_KEY)) || status.position;
    sessionStorage.setItem(FIRST_KEY, String(first));
    el.position.textContent = String(status.position);
    el.ahead.textContent = String(status.ahead);
    el.wait.textContent = duration(status.estimatedWaitSeconds);
    say(el.note, `Place ${status.position}: ${status.ahead} ahead of you.`);
    setProgress(first > 1 ? ((first - status.position) / (first - 1)) * 100 : 100);
  } else if (status.state === 'expired') {
    el.position.textContent = '–';
    say(el.note, 'Your time to pick seats ran out. Join again to get a new place at the end of the queue.');
    el.join.hidden = false;
  }
}

function openSeats() {
  setProgress(100);
  say(el.note, 'It is your turn: opening the seat map…', 'success');
  stream?.close();
  sessionStorage.removeItem(FIRST_KEY);
  location.replace(`/shows/${showId}`);
}

function follow() {
  if (typeof EventSource === 'undefined' || stream) return;
  stream = new EventSource(`/api/shows/${showId}/queue/events`);
  stream.addEventListener('status', (event) => {
    el.live.dataset.state = 'live';
    el.live.textContent = 'Live';
    render(JSON.parse(event.data));
  });
  stream.addEventListener('error', () => {
    el.live.dataset.state = 'reconnecting';
    el.live.textContent = 'Reconnecting…';
  });
  window.addEventListener('pagehide', () => stream?.close(), { once: true });
}

async function join(event) {
  event.preventDefault();
  say(el.joinError, '');
  if (!el.email.checkValidity() || !el.email.value) {
    say(el.joinError, 'Enter the e-mail address you will book with.', 'error');
    focusOn(el.email);
    return;
  }
  try {
    render(await api(`/shows/${showId}/queue`, { method: 'POST', body: { email: el.email.value } }));
    // The status answer set the admission cookie when admitted at once; otherwise follow the place.
    follow();
    focusOn(byId('position-line'));
  } catch (error) {
    say(el.joinError, error.message, 'error');
  }
}

async function start() {
  try {
    const [show, status] = await Promise.all([api(`/shows/${showId}`), api(`/shows/${showId}/queue`)]);
    replace(
      el.head,
      h('h1', {}, show.movie.title),
      h('p', { class: 'hint' }, `${clock(show.startsAt, show.timeZone)} · ${show.theater.name}, ${show.screen.name}`),
    );
    el.head.setAttribute('aria-busy', 'false');
    el.email.value = rememberedCustomer().email;
    render(status);
    if (status.state !== 'none') follow();
  } catch (error) {
    el.head.setAttribute('aria-busy', 'false');
    say(el.alert, error.status === 404 ? 'This show does not exist.' : error.message, 'error');
  }
}

el.join.addEventListener('submit', join);
start();
