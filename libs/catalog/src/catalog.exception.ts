import { DomainError, ErrorCode } from '@app/common';

/** A show would overlap another show on the same screen, cleaning gap included (409). */
export class ShowOverlap extends DomainError {
  constructor(screenId: number, conflict: { id: number; startsAt: Date; endsAt: Date }, gapMin: number) {
    super(
      ErrorCode.ShowOverlap,
      `screen ${screenId} already has show ${conflict.id} from ${conflict.startsAt.toISOString()} to ` +
        `${conflict.endsAt.toISOString()}; shows on a screen need ${gapMin} minutes between them for cleaning`,
      {
        screenId,
        conflictingShowId: conflict.id,
        conflictingStartsAt: conflict.startsAt,
        conflictingEndsAt: conflict.endsAt,
      },
    );
  }
}

/** A show with bookings cannot be removed (409). */
export class ShowHasBookings extends DomainError {
  constructor(showId: number) {
    super(ErrorCode.ShowHasBookings, `show ${showId} has bookings and cannot be removed`, { showId });
  }
}

/** A screen with shows cannot be removed (409). */
export class ScreenHasShows extends DomainError {
  constructor(screenId: number, shows: number) {
    super(ErrorCode.ScreenHasShows, `screen ${screenId} has ${shows} show(s); remove them first`, { screenId, shows });
  }
}

/** A theater with screens cannot be removed (409). */
export class TheaterHasScreens extends DomainError {
  constructor(theaterId: number, screens: number) {
    super(ErrorCode.TheaterHasScreens, `theater ${theaterId} has ${screens} screen(s); remove them first`, {
      theaterId,
      screens,
    });
  }
}
