// Admin: theaters and their screens; a seat-layout text editor with a live preview.
import { adminApi, adminGate } from '../admin.js';
import { byId, focusOn, h, plural, replace, say } from '../dom.js';
import { parseLayout } from '../layout.js';
import { SeatMap } from '../seat-map.js';

const el = {
  status: byId('status'),
  theaters: byId('theaters'),
  theaterForm: byId('theater-form'),
  screenForm: byId('screen-form'),
  screenTheater: byId('screen-theater'),
  layout: byId('screen-layout'),
  summary: byId('layout-summary'),
  preview: byId('layout-preview'),
};
const preview = new SeatMap(el.preview, { interactive: false });

const gate = adminGate(() => load());

function summary(counts) {
  return [`${counts.standard} standard`, `${counts.premium} premium`, `${counts.wheelchair} wheelchair`].join(', ');
}

function updatePreview() {
  const parsed = parseLayout(el.layout.value);
  if (parsed.error) {
    el.summary.textContent = parsed.error;
    el.summary.dataset.tone = 'error';
    el.layout.setAttribute('aria-invalid', 'true');
    return;
  }
  el.layout.removeAttribute('aria-invalid');
  el.summary.dataset.tone = 'info';
  const total = parsed.map.seats.length;
  el.summary.textContent = `${plural(total, 'seat')} in ${plural(new Set(parsed.map.seats.map((seat) => seat.row)).size, 'row')}: ${summary(parsed.counts)}.`;
  preview.update(parsed.map);
}

async function screenLayout(screenId, container, button) {
  if (!container.hidden) {
    container.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  try {
    const screen = await adminApi(gate, `/admin/screens/${screenId}`);
    const map = {
      grid: { rows: screen.layout.length, columns: Math.max(...screen.layout.map((row) => row.length)) },
      seats: screen.seats.map((seat) => ({ ...seat, state: 'available' })),
    };
    const mapBox = h('div', { class: 'mini-map' });
    replace(
      container,
      h('p', { class: 'hint' }, `${plural(screen.seatCount, 'seat')}: ${summary(screen.seatKinds)}.`),
      mapBox,
      layoutEditor(screen),
    );
    new SeatMap(mapBox, { interactive: false }).update(map);
    container.hidden = false;
    button.setAttribute('aria-expanded', 'true');
  } catch (error) {
    say(el.status, error.message, 'error');
  }
}

/**
 * The layout text of a screen, editable: saving (PUT /admin/screens/:id/layout) gives shows created
 * from then on the new layout; shows that exist keep their seats and sales.
 */
function layoutEditor(screen) {
  const textId = `layout-text-${screen.id}`;
  const hintId = `layout-hint-${screen.id}`;
  const text = h(
    'textarea',
    {
      id: textId,
      class: 'mono layout-text',
      rows: Math.min(Math.max(screen.layout.length, 3), 20),
      spellcheck: 'false',
      'aria-describedby': hintId,
    },
    screen.layout.join('\n'),
  );
  const form = h(
    'form',
    { class: 'stack layout-edit' },
    h('label', { for: textId }, `Layout of ${screen.name} (version ${screen.layoutVersion})`),
    text,
    h(
      'p',
      { id: hintId, class: 'hint' },
      'A changed layout applies to shows created from now on; shows that exist keep their seats, sales and holds.',
    ),
    h('button', { type: 'submit', class: 'button button--small' }, 'Save layout'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const parsed = parseLayout(text.value);
    if (parsed.error) {
      text.setAttribute('aria-invalid', 'true');
      say(el.status, parsed.error, 'error');
      focusOn(text);
      return;
    }
    text.removeAttribute('aria-invalid');
    try {
      const changed = await adminApi(gate, `/admin/screens/${screen.id}/layout`, {
        method: 'PUT',
        body: { layout: parsed.layout },
      });
      say(
        el.status,
        `Layout of “${changed.name}” saved (version ${changed.layoutVersion}, ${plural(changed.seatCount, 'seat')}); it applies to shows created from now on.`,
        'success',
      );
      await load();
    } catch (error) {
      say(el.status, error.message, 'error');
    }
  });
  return h('details', {}, h('summary', {}, 'Edit layout'), form);
}

async function remove(kind, id, name) {
  try {
    await adminApi(gate, `/admin/${kind}s/${id}`, { method: 'DELETE' });
    say(el.status, `${kind === 'theater' ? 'Theater' : 'Screen'} “${name}” removed.`, 'success');
    await load();
  } catch (error) {
    const why = {
      SCREEN_HAS_SHOWS: `Screen “${name}” still has ${plural(error.body.shows ?? 0, 'show')}; remove them first.`,
      THEATER_HAS_SCREENS: `Theater “${name}” still has ${plural(error.body.screens ?? 0, 'screen')}; remove them first.`,
    }[error.code];
    say(el.status, why ?? error.message, 'error');
  }
}

function theaterCard(theater) {
  const rows = theater.screens.map((screen) => {
    const layoutBox = h('div', { class: 'screen-layout', id: `screen-layout-${screen.id}`, hidden: true });
    const view = h(
      'button',
      { type: 'button', class: 'link-button', 'aria-expanded': 'false', 'aria-controls': layoutBox.id },
      'Layout',
    );
    view.addEventListener('click', () => screenLayout(screen.id, layoutBox, view));
    return [
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, screen.name),
        h('td', {}, plural(screen.seatCount, 'seat')),
        h(
          'td',
          { class: 'table__actions' },
          view,
          h(
            'button',
            {
              type: 'button',
              class: 'button button--small button--danger-ghost',
              'aria-label': `Remove screen ${screen.name}`,
              on: { click: () => remove('screen', screen.id, screen.name) },
            },
            'Remove',
          ),
        ),
      ),
      h('tr', { class: 'table__detail' }, h('td', { colspan: 3 }, layoutBox)),
    ];
  });
  return h(
    'section',
    { class: 'card theater-card', 'aria-labelledby': `theater-${theater.id}` },
    h(
      'div',
      { class: 'card__head' },
      h(
        'h2',
        { id: `theater-${theater.id}` },
        theater.name,
        theater.city ? h('span', { class: 'hint' }, ` · ${theater.city}`) : null,
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button button--small button--danger-ghost',
          'aria-label': `Remove theater ${theater.name}`,
          on: { click: () => remove('theater', theater.id, theater.name) },
        },
        'Remove',
      ),
    ),
    theater.screens.length
      ? h(
          'table',
          { class: 'table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Screen'),
              h('th', { scope: 'col' }, 'Seats'),
              h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')),
            ),
          ),
          h('tbody', {}, rows),
        )
      : h('p', { class: 'hint' }, 'No screens yet.'),
  );
}

async function load() {
  try {
    const theaters = await adminApi(gate, '/admin/theaters');
    replace(
      el.theaters,
      theaters.length ? theaters.map(theaterCard) : h('p', { class: 'card hint' }, 'No theaters yet: add one below.'),
    );
    const chosen = el.screenTheater.value;
    replace(
      el.screenTheater,
      theaters.map((theater) =>
        h('option', { value: theater.id, selected: String(theater.id) === chosen }, theater.name),
      ),
    );
  } catch (error) {
    say(el.status, error.message, 'error');
  } finally {
    el.theaters.setAttribute('aria-busy', 'false');
  }
}

el.theaterForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = byId('theater-name').value.trim();
  const city = byId('theater-city').value.trim();
  try {
    await adminApi(gate, '/admin/theaters', { method: 'POST', body: city ? { name, city } : { name } });
    el.theaterForm.reset();
    say(el.status, `Theater “${name}” added.`, 'success');
    await load();
  } catch (error) {
    say(el.status, error.message, 'error');
  }
});

el.screenForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const parsed = parseLayout(el.layout.value);
  if (parsed.error) {
    focusOn(el.layout);
    return;
  }
  const name = byId('screen-name').value.trim();
  try {
    const screen = await adminApi(gate, '/admin/screens', {
      method: 'POST',
      body: { theaterId: Number(el.screenTheater.value), name, layout: parsed.layout },
    });
    say(
      el.status,
      `Screen “${screen.name}” added to ${screen.theater.name} with ${plural(screen.seatCount, 'seat')}.`,
      'success',
    );
    byId('screen-name').value = '';
    await load();
  } catch (error) {
    say(el.status, error.message, 'error');
  }
});

el.layout.addEventListener('input', updatePreview);
updatePreview();
