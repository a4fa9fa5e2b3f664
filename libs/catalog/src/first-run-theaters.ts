/** A theater the first run creates, with its screens' seat layouts (see seat-layout.ts). */
export interface FirstRunTheater {
  name: string;
  city: string;
  screens: { name: string; layout: string[] }[];
}

/** 238 seats: side blocks and a centre block split by two aisles, a premium block in the middle rows, 4 wheelchair places at the front. */
const LARGE = [
  'ww__ssssssssssssss__ww',
  ...Array<string>(4).fill('sss_ssssssssssssss_sss'),
  ...Array<string>(4).fill('sss_pppppppppppppp_sss'),
  ...Array<string>(3).fill('sss_ssssssssssssss_sss'),
];

/** 140 seats: two aisles, a premium block of 30, 2 wheelchair places. */
const MEDIUM = [
  'w__ssssssssss__w',
  ...Array<string>(3).fill('sss_ssssssssss_sss'),
  ...Array<string>(3).fill('sss_pppppppppp_sss'),
  ...Array<string>(2).fill('sss_ssssssssss_sss'),
];

/** 80 seats: an off-centre aisle, one premium row, a full-width back row. */
const SMALL = ['w_ssssss_w', ...Array<string>(5).fill('ssssss_ssss'), 'pppppp_pppp', 'ssssssssssss'];

/** 110 seats: a fan-shaped room widening towards the back, a centre aisle, 4 wheelchair places at the back. */
const FAN = [
  '____ssssssss____',
  '___ssssssssss___',
  '__ssssssssssss__',
  '_ssssss__ssssss_',
  'sssssss__sssssss',
  'ppppppp__ppppppp',
  'ppppppp__ppppppp',
  'sssssss__sssssss',
  'ww_ssss__ssss_ww',
];

/** The first-run theaters: 2 theaters, 5 screens of 80 to 238 seats. */
export const FIRST_RUN_THEATERS: FirstRunTheater[] = [
  {
    name: 'Marquee Central',
    city: 'Lyon',
    screens: [
      { name: 'Screen 1', layout: LARGE },
      { name: 'Screen 2', layout: MEDIUM },
      { name: 'Screen 3', layout: SMALL },
    ],
  },
  {
    name: 'Marquee Riverside',
    city: 'Nantes',
    screens: [
      { name: 'Hall A', layout: FAN },
      { name: 'Hall B', layout: MEDIUM },
    ],
  },
];
