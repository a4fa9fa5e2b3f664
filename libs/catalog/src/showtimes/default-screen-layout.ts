/**
 * The seat layout of an auditorium the showtimes import sees for the first time (the source has
 * no seat plans): 140 seats, two aisles, a premium block of 30, 2 wheelchair places. An admin
 * can replace the screen; see seat-layout.ts for the characters.
 */
export const DEFAULT_IMPORTED_LAYOUT: readonly string[] = [
  'w__ssssssssss__w',
  ...Array<string>(3).fill('sss_ssssssssss_sss'),
  ...Array<string>(3).fill('sss_pppppppppp_sss'),
  ...Array<string>(2).fill('sss_ssssssssss_sss'),
];
