import {
  alreadyBookedMessage,
  failedMessage,
  noReservationMessage,
  notEnoughSeatsMessage,
  releasedMessage,
  reservedMessage,
  seatsMessage,
} from './messages';

describe('the command-line client’s lines (DESIGN.md "Command-line client")', () => {
  it('words each outcome exactly', () => {
    expect(notEnoughSeatsMessage(3, 4)).toBe('Failed: only 3 seats left but 4 seats are requested.');
    expect(alreadyBookedMessage('Ada Lovelace', ['F7', 'F8'])).toBe(
      'Failed: Ada Lovelace has booked the following seats: F7,F8.',
    );
    expect(reservedMessage('Ada Lovelace', ['F7', 'F8', 'F9'])).toBe(
      'The seats have been reserved for Ada Lovelace: F7,F8,F9.',
    );
    expect(seatsMessage(['F7', 'F8'])).toBe('F7,F8');
    expect(noReservationMessage('Bob')).toBe('Failed: no reservation is made by Bob.');
    expect(releasedMessage(2, 118)).toBe('2 seats have been released. 118 seats are now available.');
  });

  it('keeps the words for one seat too, as the design has them', () => {
    expect(notEnoughSeatsMessage(1, 2)).toBe('Failed: only 1 seats left but 2 seats are requested.');
    expect(releasedMessage(1, 1)).toBe('1 seats have been released. 1 seats are now available.');
    expect(reservedMessage('Bob', ['A1'])).toBe('The seats have been reserved for Bob: A1.');
  });

  it('ends other refusals with one full stop', () => {
    expect(failedMessage('show 7 has already started')).toBe('Failed: show 7 has already started.');
    expect(failedMessage('too many requests; slow down!')).toBe('Failed: too many requests; slow down!');
    expect(failedMessage('  ')).toBe('Failed: the server refused the request.');
  });
});
