import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { ParseIdPipe } from '@app/common';
import { ApiIdempotencyKey, IdempotencyKey } from '../idempotency-key';
import { ReservationQueryDto, ReserveDto } from './dto/reservation.dto';
import { ReservationService } from './reservation.service';
import { ReleaseView, ReservationView } from './reservation.types';

/**
 * Reservations by customer name (the command-line client's customers): reserve the best seats,
 * look a name's reservation up, release it. Rate limited per client like bookings.
 */
@ApiTags('reservations')
@UseGuards(ThrottlerGuard)
@Controller('shows')
export class ReservationController {
  constructor(private readonly reservations: ReservationService) {}

  @Post(':id/reservations')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Reserve the best `count` seats side by side for `name` (one reservation per name per show)',
  })
  @ApiCreatedResponse({ description: '{ name, showId, seats: ["F7", …], bookingCode }' })
  @ApiConflictResponse({
    description: 'ALREADY_BOOKED { name, seats }, NOT_ENOUGH_SEATS { requested, available }, SHOW_STARTED',
  })
  async reserve(
    @Param('id', ParseIdPipe) showId: number,
    @Body() body: ReserveDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReservationView> {
    const { reservation, replayed } = await this.reservations.reserve(showId, body.name, body.count, key);
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    return reservation;
  }

  @Get(':id/reservations')
  @ApiOperation({ summary: 'The reservation of `?name=` for the show' })
  @ApiOkResponse({ description: '{ name, showId, seats: ["F7", …], bookingCode }' })
  @ApiNotFoundResponse({ description: 'no such show, or no reservation by that name (`resource: "reservation"`)' })
  find(@Param('id', ParseIdPipe) showId: number, @Query() query: ReservationQueryDto): Promise<ReservationView> {
    return this.reservations.find(showId, query.name);
  }

  @Delete(':id/reservations')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release the reservation of `?name=`; answers { name, showId, released, available }' })
  @ApiNotFoundResponse({ description: 'no such show, or no reservation by that name (`resource: "reservation"`)' })
  release(@Param('id', ParseIdPipe) showId: number, @Query() query: ReservationQueryDto): Promise<ReleaseView> {
    return this.reservations.release(showId, query.name);
  }
}
