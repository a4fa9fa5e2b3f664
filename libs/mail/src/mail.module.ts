import { Module } from '@nestjs/common';
import { BookingModule } from '@app/booking';
import { CatalogModule } from '@app/catalog';
import { BookingMailService } from './booking-mail.service';
import { MailTransport } from './mail-transport';

/** Booking e-mails (confirmation, cancellation): loaded by the API (enqueues) and the worker (sends). */
@Module({
  imports: [BookingModule, CatalogModule],
  providers: [BookingMailService, MailTransport],
  exports: [BookingMailService],
})
export class MailModule {}
