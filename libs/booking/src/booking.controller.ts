import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { ApiQueueToken, QueueTokenGuard } from '@app/waiting-room';
import { BookingService } from './booking.service';
import { parseBookingCode } from './booking-code';
import { CreateBookingDto } from './dto/create-booking.dto';
import { CustomerBookingsQueryDto, EmailQueryDto } from './dto/customer-query.dto';
import { ApiIdempotencyKey, IdempotencyKey } from './idempotency-key';

/** Bookings: book by seat ids or by count, look up, cancel. Rate limited per client. */
@ApiTags('bookings')
@UseGuards(ThrottlerGuard)
@Controller('bookings')
export class BookingController {
  constructor(private readonly bookings: BookingService) {}

  @Post()
  @UseGuards(QueueTokenGuard)
  @ApiQueueToken()
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Book seats by id, or the best `count` seats side by side; all or nothing' })
  async create(
    @Body() body: CreateBookingDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { booking, replayed } = await this.bookings.book({ ...body, idempotencyKey: key });
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    return booking;
  }

  @Get()
  @ApiOperation({ summary: 'A customer’s bookings: their email and one of their booking codes' })
  list(@Query() query: CustomerBookingsQueryDto) {
    return this.bookings.listForCustomer(query.email, query.code);
  }

  @Get(':code')
  @ApiOperation({ summary: 'One booking, by code and the email that made it' })
  get(@Param('code') code: string, @Query() query: EmailQueryDto) {
    return this.bookings.get(parseBookingCode(code), query.email);
  }

  @Delete(':code')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a booking (code + the email that made it); answers { released, available }' })
  cancel(@Param('code') code: string, @Query() query: EmailQueryDto) {
    return this.bookings.cancel(parseBookingCode(code), query.email);
  }
}
