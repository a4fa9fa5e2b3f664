import { createEvent } from 'ics';

/** What the calendar entry of a booking says. Times in epoch ms (UTC). */
export interface BookingCalendarInput {
  code: string;
  event: 'booked' | 'cancelled';
  title: string;
  description: string;
  location: string;
  startsAt: number;
  endsAt: number;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/**
 * The booking's iCalendar object (RFC 5545), drawn by the `ics` library: one VEVENT with DTSTART
 * and DTEND in UTC (`…Z`), UID `<code>@marquee`, and the iTIP method (RFC 5546 §3.2) `REQUEST`
 * for a booking or `CANCEL` (STATUS:CANCELLED, SEQUENCE 1: it supersedes the request) for a
 * cancellation, so calendar clients add the show and later remove it.
 * @throws Error when `ics` refuses the input (e.g. an end before the start).
 */
export function bookingCalendar(input: BookingCalendarInput): string {
  const cancelled = input.event === 'cancelled';
  const { error, value } = createEvent({
    productId: 'marquee/booking',
    method: cancelled ? 'CANCEL' : 'REQUEST',
    uid: `${input.code}@marquee`,
    sequence: cancelled ? 1 : 0,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    title: input.title,
    description: input.description,
    location: input.location,
    start: input.startsAt,
    startInputType: 'utc',
    startOutputType: 'utc',
    end: input.endsAt,
    endInputType: 'utc',
    endOutputType: 'utc',
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: [{ name: input.attendee.name, email: input.attendee.email, rsvp: false, role: 'REQ-PARTICIPANT' }],
  });
  if (error || !value) throw error ?? new Error('ics made no calendar');
  return value;
}
