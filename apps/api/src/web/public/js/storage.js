// What the customer's tab remembers: their name and email for the next form, and which email
// goes with which booking code (the code alone does not open a booking).

const CUSTOMER = 'marquee.customer';
const TICKETS = 'marquee.tickets';
const JUST_BOOKED = 'marquee.justBooked';

function read(key, fallback) {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null') ?? fallback;
  } catch {
    return fallback;
  }
}

function write(key, value) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage disabled: forms start empty and tickets ask for the email.
  }
}

/** `{ name, email }` last used in this tab. */
export function rememberedCustomer() {
  return read(CUSTOMER, { name: '', email: '' });
}

/** Remembers `{ name, email }` for the next form. */
export function rememberCustomer(customer) {
  write(CUSTOMER, { name: customer.name ?? '', email: customer.email ?? '' });
}

/** The email that opens booking `code`, if this tab knows it. */
export function ticketEmail(code) {
  return read(TICKETS, {})[code.toUpperCase()];
}

/** Remembers that `email` opens booking `code`. */
export function rememberTicket(code, email) {
  write(TICKETS, { ...read(TICKETS, {}), [code.toUpperCase()]: email });
}

/** Marks `code` as just booked (how: 'seats' | 'count'), for the confirmation page to greet. */
export function markJustBooked(code, how) {
  write(JUST_BOOKED, { code: code.toUpperCase(), how });
}

/** How `code` was just booked, once (the mark is cleared); undefined otherwise. */
export function takeJustBooked(code) {
  const mark = read(JUST_BOOKED, null);
  if (!mark || mark.code !== code.toUpperCase()) return undefined;
  try {
    sessionStorage.removeItem(JUST_BOOKED);
  } catch {
    // nothing to clear
  }
  return mark.how;
}
