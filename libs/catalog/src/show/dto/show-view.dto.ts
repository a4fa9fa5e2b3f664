import { ApiProperty } from '@nestjs/swagger';

/** `{ id, name }` of a theater, screen or movie. */
export class NamedRefView {
  @ApiProperty({ example: 1 }) id!: number;
  @ApiProperty({ example: 'Screen 1' }) name!: string;
}

/** A theater as shown with a show. */
export class ShowTheaterView {
  @ApiProperty({ example: 1 }) id!: number;
  @ApiProperty({ example: 'Marquee Central' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Lyon' }) city!: string | null;
  @ApiProperty({
    example: 'Europe/Paris',
    description: "IANA zone of the theater's wall clock (from its location; CINEMA_TIME_ZONE for one made here)",
  })
  timeZone!: string;
}

/** Where a show's times are read: the theater's own zone and the start on its wall clock. */
export class ShowClockView {
  @ApiProperty({
    example: 'Europe/Paris',
    description: "IANA zone of the show's theater (from its location; CINEMA_TIME_ZONE for one made here)",
  })
  timeZone!: string;
  @ApiProperty({
    example: '2030-06-03T20:30:00+02:00',
    description: "the start on the theater's wall clock, ISO 8601 with its UTC offset",
  })
  localStartsAt!: string;
}

/** How a show is presented: language, subtitles, attributes (imported from the showtimes API). */
export class ShowPresentationView {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'en',
    description: 'spoken language (ISO 639-1); null: unknown',
  })
  language!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'fr', description: 'subtitles (ISO 639-1); null: none' })
  subtitleLanguage!: string | null;
  @ApiProperty({ type: [String], example: ['OV', '3D'], description: 'e.g. 3D, IMAX, OV; empty for none' })
  attributes!: string[];
  @ApiProperty({ description: 'imported from the showtimes API (else made by an admin or the planner)' })
  imported!: boolean;
  @ApiProperty({ description: 'the showtime vanished upstream; kept because it has bookings' })
  cancelledUpstream!: boolean;
}

/** A future show of a movie (public). Prices in integer cents. */
export class MovieShowView extends ShowClockView {
  @ApiProperty({ example: 42 }) id!: number;
  @ApiProperty({ example: '2030-06-03T18:30:00.000Z' }) startsAt!: Date;
  @ApiProperty({ example: '2030-06-03T20:40:00.000Z', description: 'end of the film (trailers included)' })
  endsAt!: Date;
  @ApiProperty({ type: NamedRefView }) theater!: NamedRefView;
  @ApiProperty({ type: NamedRefView }) screen!: NamedRefView;
  @ApiProperty({ example: 1200, description: 'standard seat, cents' }) price!: number;
  @ApiProperty({ example: 1800, description: 'premium seat, cents' }) premiumPrice!: number;
  @ApiProperty({ example: 143, description: 'seats free now (lapsed holds count as free)' }) available!: number;
  @ApiProperty({ example: 180, description: 'seats in the screen' }) capacity!: number;
  @ApiProperty({ type: ShowPresentationView }) presentation!: ShowPresentationView;
}

/** The film of a show. */
export class ShowMovieView {
  @ApiProperty({ example: 7 }) id!: number;
  @ApiProperty({ example: 'Dune: Part Two' }) title!: string;
  @ApiProperty({ type: String, nullable: true, example: 'https://image.tmdb.org/t/p/w342/abc.jpg' }) posterUrl!:
    string | null;
  @ApiProperty({ type: Number, nullable: true, example: 166 }) runtimeMin!: number | null;
}

/** `GET /api/shows/:id`. Prices in integer cents. */
export class ShowDetailView extends ShowClockView {
  @ApiProperty({ example: 42 }) id!: number;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() endsAt!: Date;
  @ApiProperty({ type: ShowMovieView }) movie!: ShowMovieView;
  @ApiProperty({ type: ShowTheaterView }) theater!: ShowTheaterView;
  @ApiProperty({ type: NamedRefView }) screen!: NamedRefView;
  @ApiProperty({ example: 1200 }) price!: number;
  @ApiProperty({ example: 1800 }) premiumPrice!: number;
  @ApiProperty({ example: 143 }) available!: number;
  @ApiProperty({ example: 180 }) capacity!: number;
  @ApiProperty({ type: ShowPresentationView }) presentation!: ShowPresentationView;
  @ApiProperty({ type: String, nullable: true, description: "the source's booking page, for an imported show" })
  bookingLink!: string | null;
}

/** A show in the admin list, with its sales. Prices in integer cents. */
export class AdminShowView extends ShowClockView {
  @ApiProperty({ example: 42 }) id!: number;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() endsAt!: Date;
  @ApiProperty({ type: NamedRefView, description: 'the film; name is its title' }) movie!: NamedRefView;
  @ApiProperty({ type: NamedRefView }) theater!: NamedRefView;
  @ApiProperty({ type: NamedRefView }) screen!: NamedRefView;
  @ApiProperty({ example: 1200 }) priceCents!: number;
  @ApiProperty({ example: 1800 }) premiumPriceCents!: number;
  @ApiProperty({ description: 'made by the scheduler (re-planned by generate while unsold)' }) generated!: boolean;
  @ApiProperty({ example: 180 }) capacity!: number;
  @ApiProperty({ example: 30, description: 'seats booked' }) sold!: number;
  @ApiProperty({ example: 4, description: 'seats under a live hold' }) held!: number;
  @ApiProperty({ example: 146 }) available!: number;
  @ApiProperty({ type: ShowPresentationView }) presentation!: ShowPresentationView;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description: 'for a show cancelled upstream: its confirmed bookings (untouched); null otherwise',
  })
  cancelledUpstreamBookings!: number | null;
}

/** A show as stored, answered by `POST /api/admin/shows`. Prices in integer cents. */
export class ShowRecordView {
  @ApiProperty({ example: 42 }) id!: number;
  @ApiProperty({ example: 7 }) movieId!: number;
  @ApiProperty({ example: 3 }) screenId!: number;
  @ApiProperty() startsAt!: Date;
  @ApiProperty({ description: 'start + 15 min trailers + runtime' }) endsAt!: Date;
  @ApiProperty({ example: 1200 }) priceCents!: number;
  @ApiProperty({ example: 1800 }) premiumPriceCents!: number;
  @ApiProperty({ example: false }) generated!: boolean;
  @ApiProperty() createdAt!: Date;
}
