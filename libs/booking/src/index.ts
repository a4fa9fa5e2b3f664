export * from './entities/hold.entity';
export * from './entities/booking.entity';
export * from './entities/booking-seat.entity';
export * from './booking.entities';
export * from './booking.module';
