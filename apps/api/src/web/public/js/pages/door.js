// The door: staff scan tickets (camera: BarcodeDetector where the browser has one, else jsQR on
// canvas frames) or type their code, and see at once whether to let the holder in.
import { api } from '../api.js';
import { byId, focusOn, h, replace, say } from '../dom.js';

const TOKEN_KEY = 'marquee.doorToken';
/** The same code seen again within this many ms is the same scan, not a second check-in. */
const REPEAT_MS = 4_000;
const SCAN_EVERY_MS = 120;

const HEADLINES = {
  admitted: ['Admitted', 'ok'],
  already_admitted: ['Already admitted', 'bad'],
  wrong_show: ['Wrong show', 'bad'],
  too_early: ['Too early', 'warn'],
  show_ended: ['Show ended', 'bad'],
  cancelled: ['Cancelled', 'bad'],
  forged: ['Forged ticket', 'bad'],
};

const signIn = byId('door-sign-in');
const content = byId('door-content');
const result = byId('door-result');
const video = byId('door-video');
const canvas = byId('door-canvas');
const cameraButton = byId('door-camera');
const cameraStatus = byId('door-camera-status');
let last = { code: '', at: 0 };
let stream;

const token = () => sessionStorage.getItem(TOKEN_KEY);
const staff = () => ({ Authorization: `Bearer ${token()}` });
const showId = () =>
  /^[1-9][0-9]{0,9}$/.test(byId('door-show').value.trim()) ? Number(byId('door-show').value) : undefined;

function when(iso) {
  return new Date(iso).toLocaleString('en-GB', {
    timeZone: document.body.dataset.timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

function show(answer, ms) {
  const [headline, tone] = HEADLINES[answer.result] ?? ['Unknown answer', 'bad'];
  const lines = [];
  if (answer.ticket)
    lines.push(`Seat ${answer.ticket.seat} · ${answer.ticket.type} · booking ${answer.ticket.bookingCode}`);
  if (answer.show) lines.push(`${answer.show.title} · ${when(answer.show.startsAt)} · ${answer.show.screen}`);
  if (answer.result === 'already_admitted') lines.push(`Let in ${when(answer.admittedAt)} at door “${answer.door}”`);
  if (answer.result === 'too_early') lines.push(`Doors open ${when(answer.show.doorsOpenAt)}`);
  if (answer.result === 'wrong_show') lines.push(`This door is for show ${answer.expectedShowId}`);
  if (answer.result === 'forged') lines.push(answer.message);
  result.className = `door-result door-result--${tone}`;
  result.dataset.result = answer.result;
  replace(
    result,
    h('p', { class: 'door-result__headline' }, headline),
    ...lines.map((line) => h('p', { class: 'door-result__detail' }, line)),
    h('p', { class: 'hint', 'data-ms': String(Math.round(ms)) }, `Answered in ${Math.round(ms)} ms`),
  );
}

function failed(message) {
  result.className = 'door-result door-result--bad';
  result.dataset.result = 'error';
  replace(
    result,
    h('p', { class: 'door-result__headline' }, 'Not checked'),
    h('p', { class: 'door-result__detail' }, message),
  );
}

async function refreshCount() {
  const id = showId();
  const count = byId('door-count');
  if (!id) return void (count.textContent = '');
  try {
    const counts = await api(`/door/shows/${id}`, { headers: staff() });
    count.textContent = `${counts.show.title}: ${counts.admitted} / ${counts.expected} admitted`;
  } catch (error) {
    count.textContent = error.status === 404 ? `No show ${id}` : error.message;
  }
}

async function checkIn(code) {
  const started = performance.now();
  try {
    const body = { code, door: byId('door-name').value.trim() || 'door' };
    if (showId()) body.showId = showId();
    const answer = await api('/door/check-in', { method: 'POST', body, headers: staff() });
    show(answer, performance.now() - started);
    await refreshCount();
  } catch (error) {
    if (error.status === 401 || error.status === 403) return askToken('The door token was refused. Sign in again.');
    failed(error.message);
  }
}

function scanned(code) {
  const now = performance.now();
  if (code === last.code && now - last.at < REPEAT_MS) return;
  last = { code, at: now };
  void checkIn(code);
}

/** A decoder of video frames: the browser's BarcodeDetector when it reads QR codes, else jsQR. */
async function decoder() {
  if ('BarcodeDetector' in window) {
    const formats = await window.BarcodeDetector.getSupportedFormats().catch(() => []);
    if (formats.includes('qr_code')) {
      const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
      return { name: 'BarcodeDetector', read: async () => (await detector.detect(video))[0]?.rawValue };
    }
  }
  // A UMD script, not a module: loaded as a classic script, it defines window.jsQR.
  await new Promise((resolve, reject) => {
    if (window.jsQR) return resolve();
    const script = h('script', { src: '/assets/vendor/jsQR.js' });
    script.addEventListener('load', resolve);
    script.addEventListener('error', () => reject(new Error('the QR decoder did not load')));
    document.head.append(script);
  });
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return {
    name: 'jsQR',
    read: async () => {
      if (!video.videoWidth) return undefined;
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const frame = context.getImageData(0, 0, canvas.width, canvas.height);
      return window.jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })?.data;
    },
  };
}

async function startCamera() {
  if (stream) return stopCamera();
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch (error) {
    say(cameraStatus, `No camera: ${error.message}. Type the code instead.`, 'error');
    return;
  }
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  const reader = await decoder();
  document.body.dataset.decoder = reader.name;
  say(cameraStatus, `Camera on (${reader.name}). Hold the ticket's QR code in view.`);
  cameraButton.textContent = 'Stop camera';
  const loop = async () => {
    if (!stream) return;
    try {
      const code = await reader.read();
      if (code) scanned(code);
    } catch {
      // A frame that cannot be read is skipped; the next one is tried.
    }
    setTimeout(loop, SCAN_EVERY_MS);
  };
  void loop();
}

function stopCamera() {
  for (const track of stream?.getTracks() ?? []) track.stop();
  stream = undefined;
  video.hidden = true;
  cameraButton.textContent = 'Start camera';
  say(cameraStatus, 'Camera off.');
}

function askToken(message) {
  stopCamera();
  sessionStorage.removeItem(TOKEN_KEY);
  content.hidden = true;
  signIn.hidden = false;
  say(byId('door-sign-in-error'), message ?? '', 'error');
  focusOn(byId('door-token'));
}

function ready() {
  signIn.hidden = true;
  content.hidden = false;
  void refreshCount();
  focusOn(byId('door-code'));
}

signIn.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!signIn.checkValidity()) return signIn.reportValidity();
  sessionStorage.setItem(TOKEN_KEY, byId('door-token').value.trim());
  try {
    // Any door request checks the token; show 1 may not exist (404 still means the token is good).
    await api('/door/shows/1', { headers: staff() }).catch((error) => {
      if (error.status !== 404) throw error;
    });
    ready();
  } catch (error) {
    askToken(
      error.status === 401 || error.status === 403 ? 'This token was refused. Check it and try again.' : error.message,
    );
  }
});

byId('door-typed').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = byId('door-code');
  const code = input.value.trim();
  if (!code) return;
  last = { code, at: performance.now() };
  void checkIn(code);
  input.select();
});
byId('door-show').addEventListener('change', () => void refreshCount());
cameraButton.addEventListener('click', () => void startCamera());

if (token()) ready();
else askToken();
