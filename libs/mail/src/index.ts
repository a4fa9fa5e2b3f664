export * from './booking-calendar';
export * from './booking-mail';
export * from './mail-transport';
export * from './booking-mail.service';
export * from './mail.module';
