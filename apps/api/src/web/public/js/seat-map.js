// The seat map: the screen at the top, lettered rows, numbered seats placed on the layout's grid
// (gaps stay empty), kinds and states. Interactive maps are keyboard-usable: seats are buttons
// with a roving tab stop; arrow keys move between seats, Home/End to the ends of a row, Space or
// Enter selects.
import { h } from './dom.js';
import { money } from './format.js';

const KIND_WORDS = { standard: 'standard', premium: 'premium', wheelchair: 'wheelchair space' };
const STATE_WORDS = {
  available: 'available',
  selected: 'selected',
  held: 'held',
  booked: 'booked',
  yours: 'your seat',
};

/** The words read out for a seat: `Row F, seat 7, premium, available`. */
export function seatLabel(seat, state) {
  return `Row ${seat.row}, seat ${seat.number}, ${KIND_WORDS[seat.kind] ?? seat.kind}, ${STATE_WORDS[state] ?? state}`;
}

/**
 * A seat map inside `container`. `interactive`: seats are buttons and `onToggle(seat)` runs when
 * an available seat is pressed; otherwise a picture (hidden from screen readers: give a text
 * alternative next to it). Call {@link SeatMap#update} with a seat map from the API
 * (`{ grid{ rows, columns }, seats[{ id, label, row, number, rowIndex, col, kind, state }] }`)
 * and the customer's own seats; buttons are reused between updates so focus stays put.
 */
export class SeatMap {
  constructor(container, { interactive = true, onToggle = () => {}, label = 'Seat map' } = {}) {
    this.container = container;
    this.interactive = interactive;
    this.onToggle = onToggle;
    this.label = label;
    this.buttons = new Map();
    this.seats = new Map();
    this.rows = new Map();
    this.states = new Map();
    this.tabStop = undefined;
    this.grid = undefined;
  }

  /**
   * Shows `map`. `selected`: seat ids picked (shown selected while available); `mine`: seat ids
   * held or booked by this customer (shown as theirs).
   */
  update(map, { selected = new Set(), mine = new Set() } = {}) {
    if (!this.grid || this.layoutChanged(map)) this.build(map);
    this.currency = map.currencyCode ?? 'EUR';
    for (const seat of map.seats) {
      this.seats.set(seat.id, seat);
      const state = mine.has(seat.id)
        ? 'yours'
        : seat.state === 'available' && selected.has(seat.id)
          ? 'selected'
          : seat.state;
      this.paint(seat, state);
    }
  }

  /** Moves the keyboard focus to a seat (interactive maps). */
  focusSeat(seatId) {
    const button = this.buttons.get(seatId);
    if (!button || !this.interactive) return;
    this.setTabStop(seatId);
    button.focus();
  }

  layoutChanged(map) {
    if (map.grid.rows !== this.gridSize?.rows || map.grid.columns !== this.gridSize?.columns) return true;
    if (map.seats.length !== this.buttons.size) return true;
    return map.seats.some((seat) => {
      const known = this.seats.get(seat.id);
      return !known || known.rowIndex !== seat.rowIndex || known.col !== seat.col || known.kind !== seat.kind;
    });
  }

  build(map) {
    this.buttons.clear();
    this.seats.clear();
    this.rows.clear();
    this.states.clear();
    const { rows, columns } = map.grid;
    const grid = h('div', { class: 'seat-grid', style: { '--columns': columns, '--rows': rows } });
    const letters = new Map();
    for (const seat of map.seats) {
      letters.set(seat.rowIndex, seat.row);
      const row = this.rows.get(seat.rowIndex) ?? [];
      row.push(seat);
      this.rows.set(seat.rowIndex, row);
    }
    for (const row of this.rows.values()) row.sort((a, b) => a.col - b.col);
    for (const [rowIndex, letter] of letters) {
      const place = { 'grid-row': rowIndex + 1 };
      grid.append(
        h('span', { class: 'row-label', 'aria-hidden': 'true', style: { ...place, 'grid-column': 1 } }, letter),
        h(
          'span',
          { class: 'row-label', 'aria-hidden': 'true', style: { ...place, 'grid-column': columns + 2 } },
          letter,
        ),
      );
    }
    for (const seat of map.seats) {
      const style = { 'grid-row': seat.rowIndex + 1, 'grid-column': seat.col + 2 };
      const content =
        seat.kind === 'wheelchair' ? h('span', { class: 'seat__icon', 'aria-hidden': 'true' }) : String(seat.number);
      const element = this.interactive
        ? h(
            'button',
            {
              type: 'button',
              class: `seat seat--${seat.kind}`,
              tabindex: '-1',
              dataset: { seatId: seat.id, label: seat.label },
              style,
            },
            content,
          )
        : h(
            'span',
            { class: `seat seat--${seat.kind}`, dataset: { seatId: seat.id, label: seat.label }, style },
            content,
          );
      this.buttons.set(seat.id, element);
      grid.append(element);
    }
    const screen = h('div', { class: 'screen', 'aria-hidden': 'true' }, h('span', {}, 'Screen'));
    const frame = this.interactive
      ? h(
          'div',
          {
            class: 'seat-map',
            role: 'group',
            'aria-label': `${this.label}: the screen is at the top`,
            'aria-describedby': 'seat-map-help',
          },
          screen,
          h('div', { class: 'seat-map__scroll' }, grid),
          h(
            'p',
            { id: 'seat-map-help', class: 'visually-hidden' },
            'Arrow keys move between seats; Space or Enter selects or unselects a seat.',
          ),
        )
      : h(
          'div',
          { class: 'seat-map seat-map--static', 'aria-hidden': 'true' },
          screen,
          h('div', { class: 'seat-map__scroll' }, grid),
        );
    if (this.interactive) {
      grid.addEventListener('click', (event) => this.onClick(event));
      grid.addEventListener('keydown', (event) => this.onKey(event));
    }
    this.container.replaceChildren(frame);
    this.centre(frame);
    this.grid = grid;
    this.gridSize = { rows, columns };
    for (const seat of map.seats) this.seats.set(seat.id, seat);
    this.tabStop = undefined;
    const first = map.seats.find((seat) => seat.state === 'available') ?? map.seats[0];
    if (first && this.interactive) this.setTabStop(first.id);
  }

  /** On a narrow screen the map scrolls sideways: start at its middle and say so. */
  centre(frame) {
    const scroll = frame.querySelector('.seat-map__scroll');
    if (!scroll || scroll.scrollWidth <= scroll.clientWidth + 1) return;
    scroll.scrollLeft = (scroll.scrollWidth - scroll.clientWidth) / 2;
    if (this.interactive) scroll.after(h('p', { class: 'seat-map__hint' }, '← Scroll sideways to see every seat →'));
  }

  paint(seat, state) {
    const element = this.buttons.get(seat.id);
    if (!element || this.states.get(seat.id) === state) return;
    this.states.set(seat.id, state);
    element.classList.remove('is-available', 'is-selected', 'is-held', 'is-booked', 'is-yours');
    element.classList.add(`is-${state}`);
    const label = seatLabel(seat, state);
    element.title = `${label}${seat.priceCents !== undefined ? ` · ${money(seat.priceCents, this.currency)}` : ''}`;
    if (!this.interactive) return;
    element.setAttribute('aria-label', label);
    const pickable = state === 'available' || state === 'selected';
    element.setAttribute('aria-pressed', state === 'selected' ? 'true' : 'false');
    if (pickable) element.removeAttribute('aria-disabled');
    else element.setAttribute('aria-disabled', 'true');
  }

  setTabStop(seatId) {
    if (this.tabStop !== undefined) this.buttons.get(this.tabStop)?.setAttribute('tabindex', '-1');
    this.tabStop = seatId;
    this.buttons.get(seatId)?.setAttribute('tabindex', '0');
  }

  onClick(event) {
    const button = event.target.closest('.seat');
    if (!button) return;
    const seatId = Number(button.dataset.seatId);
    this.setTabStop(seatId);
    if (button.getAttribute('aria-disabled') === 'true') return;
    this.onToggle(this.seats.get(seatId));
  }

  onKey(event) {
    const button = event.target.closest('.seat');
    if (!button) return;
    const seat = this.seats.get(Number(button.dataset.seatId));
    const row = this.rows.get(seat.rowIndex);
    const index = row.findIndex((candidate) => candidate.id === seat.id);
    let next;
    switch (event.key) {
      case 'ArrowLeft':
        next = row[index - 1];
        break;
      case 'ArrowRight':
        next = row[index + 1];
        break;
      case 'Home':
        next = row[0];
        break;
      case 'End':
        next = row[row.length - 1];
        break;
      case 'ArrowUp':
        next = this.nearestInRow(seat, -1);
        break;
      case 'ArrowDown':
        next = this.nearestInRow(seat, 1);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next) this.focusSeat(next.id);
  }

  /** The seat closest in column to `seat` in the next row with seats in `direction` (-1 up, 1 down). */
  nearestInRow(seat, direction) {
    const indexes = [...this.rows.keys()].sort((a, b) => a - b);
    const target =
      direction < 0 ? indexes.filter((i) => i < seat.rowIndex).pop() : indexes.find((i) => i > seat.rowIndex);
    if (target === undefined) return undefined;
    return this.rows
      .get(target)
      .reduce((best, candidate) =>
        Math.abs(candidate.col - seat.col) < Math.abs(best.col - seat.col) ? candidate : best,
      );
  }
}

/**
 * The legend of a seat map: each kind present with its price, then the states.
 * `states`: which state swatches to show, e.g. ['selected', 'held', 'booked'].
 */
export function legend(map, states = ['selected', 'held', 'booked']) {
  const prices = new Map();
  for (const seat of map.seats) if (!prices.has(seat.kind)) prices.set(seat.kind, seat.priceCents);
  const items = ['standard', 'premium', 'wheelchair']
    .filter((kind) => prices.has(kind))
    .map((kind) =>
      h(
        'li',
        {},
        h(
          'span',
          { class: `swatch seat seat--${kind} is-available`, 'aria-hidden': 'true' },
          kind === 'wheelchair' ? h('span', { class: 'seat__icon' }) : null,
        ),
        h('span', {}, kind === 'wheelchair' ? 'Wheelchair space' : kind[0].toUpperCase() + kind.slice(1)),
        prices.get(kind) !== undefined
          ? h('span', { class: 'legend__price' }, money(prices.get(kind), map.currencyCode ?? 'EUR'))
          : null,
      ),
    );
  const words = { selected: 'Selected', yours: 'Your seats', held: 'Held by someone', booked: 'Booked' };
  for (const state of states) {
    items.push(
      h(
        'li',
        {},
        h('span', { class: `swatch seat seat--standard is-${state}`, 'aria-hidden': 'true' }),
        h('span', {}, words[state]),
      ),
    );
  }
  return items;
}
