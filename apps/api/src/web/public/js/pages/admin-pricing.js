// Admin: a theater's ticket types (name, price, order, on sale), seat-kind surcharges and currency.
import { adminApi, adminGate } from '../admin.js';
import { byId, h, replace, say } from '../dom.js';
import { money } from '../format.js';

const KINDS = [
  ['premium', 'Premium seats'],
  ['wheelchair', 'Wheelchair spaces'],
  ['standard', 'Standard seats'],
];
const el = {
  status: byId('status'),
  theater: byId('pricing-theater'),
  types: byId('types'),
  typeForm: byId('type-form'),
  typeName: byId('type-name'),
  typePrice: byId('type-price'),
  surchargeForm: byId('surcharge-form'),
  currencyForm: byId('currency-form'),
  currency: byId('currency'),
};
let pricing = null;

const gate = adminGate(() => loadTheaters());

/** `12.50` or `12,50` → 1250 cents; '' → null; anything else → NaN. */
function toCents(text) {
  const value = text.trim().replace(',', '.');
  if (value === '') return null;
  return /^[0-9]{1,4}(\.[0-9]{1,2})?$/.test(value) ? Math.round(Number(value) * 100) : NaN;
}

function fromCents(cents) {
  return cents === null || cents === undefined ? '' : (cents / 100).toFixed(2);
}

function theaterId() {
  return Number(el.theater.value);
}

async function loadTheaters() {
  try {
    const theaters = await adminApi(gate, '/admin/theaters');
    const wanted = new URLSearchParams(location.search).get('theater');
    replace(
      el.theater,
      theaters.map((theater) =>
        h('option', { value: String(theater.id), selected: String(theater.id) === wanted }, theater.name),
      ),
    );
    if (theaters.length) await load();
    else say(el.status, 'No theaters yet: add one on the Theaters & screens page.', 'info');
  } catch (error) {
    say(el.status, error.message, 'error');
  }
}

async function load() {
  pricing = await adminApi(gate, `/admin/theaters/${theaterId()}/pricing`);
  render();
}

async function send(work, done) {
  try {
    await work();
    await load();
    say(el.status, done, 'success');
  } catch (error) {
    say(el.status, error.message, 'error');
  }
}

function typeRow(type) {
  const id = `type-${type.id}`;
  const name = h('input', {
    id: `${id}-name`,
    value: type.name,
    maxlength: 40,
    'aria-label': `Name of ${type.name}`,
    class: 'input--name',
  });
  const price = h('input', {
    id: `${id}-price`,
    value: fromCents(type.priceCents),
    inputmode: 'decimal',
    placeholder: "show's price",
    'aria-label': `Price of ${type.name}`,
    class: 'input--short',
  });
  const position = h('input', {
    id: `${id}-position`,
    type: 'number',
    min: 0,
    max: 1000,
    value: String(type.position),
    'aria-label': `Order of ${type.name}`,
    class: 'input--tiny',
  });
  const active = h('input', { type: 'checkbox', checked: type.active, 'aria-label': `${type.name} on sale` });
  const save = () => {
    const priceCents = toCents(price.value);
    if (Number.isNaN(priceCents)) return say(el.status, `Price of ${type.name}: write it like 12.50.`, 'error');
    return send(
      () =>
        adminApi(gate, `/admin/theaters/${theaterId()}/ticket-types/${type.id}`, {
          method: 'PATCH',
          body: { name: name.value, priceCents, position: Number(position.value), active: active.checked },
        }),
      `Saved ${name.value}.`,
    );
  };
  return h(
    'tr',
    { dataset: { typeId: type.id } },
    h('td', {}, name),
    h('td', {}, price),
    h('td', {}, position),
    h('td', {}, active),
    h(
      'td',
      {},
      h('button', { type: 'button', class: 'button', 'aria-label': `Save ${type.name}`, on: { click: save } }, 'Save'),
    ),
  );
}

function render() {
  replace(el.types, pricing.ticketTypes.map(typeRow));
  el.currency.value = pricing.currencyCode;
  const current = new Map(pricing.surcharges.map((row) => [row.kind, row.surchargeCents]));
  replace(
    el.surchargeForm,
    KINDS.map(([kind, label]) => {
      const input = h('input', {
        id: `surcharge-${kind}`,
        value: fromCents(current.get(kind)),
        inputmode: 'decimal',
        placeholder: kind === 'premium' ? 'show premium price' : '0.00',
        class: 'input--short',
      });
      const save = () => {
        const cents = toCents(input.value) ?? 0;
        if (Number.isNaN(cents)) return say(el.status, `${label}: write it like 3.00.`, 'error');
        return send(
          () =>
            adminApi(gate, `/admin/theaters/${theaterId()}/surcharges/${kind}`, {
              method: 'PUT',
              body: { surchargeCents: cents },
            }),
          `${label}: +${money(cents, pricing.currencyCode)}.`,
        );
      };
      return h(
        'div',
        { class: 'field field--inline' },
        h('label', { for: `surcharge-${kind}` }, label),
        input,
        h('button', { type: 'button', class: 'button', on: { click: save } }, `Save ${kind} surcharge`),
      );
    }),
  );
}

el.theater.addEventListener('change', () => load().catch((error) => say(el.status, error.message, 'error')));
el.typeForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const priceCents = toCents(el.typePrice.value);
  if (Number.isNaN(priceCents)) return say(el.status, 'Write the price like 8.50, or leave it blank.', 'error');
  const name = el.typeName.value;
  return send(
    () => adminApi(gate, `/admin/theaters/${theaterId()}/ticket-types`, { method: 'POST', body: { name, priceCents } }),
    `Added ${name}.`,
  ).then(() => el.typeForm.reset());
});
el.currencyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const currencyCode = el.currency.value.trim().toUpperCase();
  return send(
    () => adminApi(gate, `/admin/theaters/${theaterId()}/currency`, { method: 'PUT', body: { currencyCode } }),
    `Currency: ${currencyCode}.`,
  );
});
