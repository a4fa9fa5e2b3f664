export * from './entities/movie.entity';
export * from './entities/theater.entity';
export * from './entities/screen.entity';
export * from './entities/seat.entity';
export * from './entities/show.entity';
export * from './entities/show-seat.entity';
export * from './catalog.entities';
