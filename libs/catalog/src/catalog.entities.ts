import { Movie } from './entities/movie.entity';
import { Screen } from './entities/screen.entity';
import { Seat } from './entities/seat.entity';
import { Show } from './entities/show.entity';
import { Theater } from './entities/theater.entity';

/** The tables libs/catalog owns. */
export const CATALOG_ENTITIES = [Movie, Theater, Screen, Seat, Show];
