import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { adminTokenDigest, AppConfigService, InvalidInput, isAdminAuthorization, ParseIdPipe } from '@app/common';
import { ApiIdempotencyKey, IdempotencyKey } from '../idempotency-key';
import { ReservationQueryDto, ReserveDto } from './dto/reservation.dto';
import { RESERVATION_SECRET_PATTERN } from '@app/contracts';
import { ApiQueueToken, QueueTokenGuard } from '@app/waiting-room';
import { ReservationAccess, ReservationService } from './reservation.service';
import { ReleaseView, ReservationView } from './reservation.types';

/** The header that carries a reservation's secret. */
const SECRET_HEADER = 'reservation-secret';

/** Documents the optional secret header. */
const ApiReservationSecret = () =>
  ApiHeader({
    name: 'Reservation-Secret',
    required: false,
    description: 'the `secret` of the reservation answer (32 hex digits)',
  });

/** Documents a look-up by name: the secret header, 401 without access, 404 without a reservation. */
const ApiNameLookup = () =>
  applyDecorators(
    ApiReservationSecret(),
    ApiUnauthorizedResponse({ description: 'neither the secret nor the admin token' }),
    ApiNotFoundResponse({ description: 'no such show, or no reservation by that name (`resource: "reservation"`)' }),
  );

/**
 * Reservations by customer name (the command-line client's customers): reserve the best seats,
 * look a name's reservation up, release it — the last two with the reservation's secret, the
 * admin token, or by name alone when RESERVATION_NAME_ACCESS=open. Rate limited per client like
 * bookings.
 */
@ApiTags('reservations')
@UseGuards(ThrottlerGuard)
@Controller('shows')
export class ReservationController {
  private readonly adminDigest: Buffer;
  private readonly open: boolean;

  constructor(
    private readonly reservations: ReservationService,
    config: AppConfigService,
  ) {
    this.adminDigest = adminTokenDigest(config);
    this.open = config.get('RESERVATION_NAME_ACCESS') === 'open';
  }

  /** What the request may see: its secret header; by name with the admin token or when open. @throws InvalidInput. */
  private access(secret: unknown, authorization: unknown): ReservationAccess {
    if (secret !== undefined && (typeof secret !== 'string' || !RESERVATION_SECRET_PATTERN.test(secret)))
      throw new InvalidInput('Reservation-Secret', 'must be the 32 hex digits of a reservation secret');
    return { secret, byName: this.open || isAdminAuthorization(authorization, this.adminDigest) };
  }

  @Post(':id/reservations')
  @UseGuards(QueueTokenGuard)
  @ApiQueueToken()
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Reserve the best `count` seats side by side for `name` (one reservation per name per show)',
  })
  @ApiReservationSecret()
  @ApiCreatedResponse({
    description: '{ name, showId, seats: ["F7", …], bookingCode, secret } — keep the secret: search and delete need it',
  })
  @ApiConflictResponse({
    description:
      'ALREADY_BOOKED { name, seats } (seats only with the secret or the admin token), NOT_ENOUGH_SEATS { requested, available }, SHOW_STARTED',
  })
  async reserve(
    @Param('id', ParseIdPipe) showId: number,
    @Body() body: ReserveDto,
    @IdempotencyKey() key: string | undefined,
    @Headers(SECRET_HEADER) secret: unknown,
    @Headers('authorization') authorization: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReservationView & { secret: string }> {
    const access = this.access(secret, authorization);
    const { reservation, replayed } = await this.reservations.reserve(
      showId,
      body.name,
      body.count,
      key,
      access,
      body.ticketTypeIds,
    );
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    return reservation;
  }

  @Get(':id/reservations')
  @ApiOperation({ summary: 'The reservation of `?name=` for the show' })
  @ApiOkResponse({ description: '{ name, showId, seats: ["F7", …], bookingCode }' })
  @ApiNameLookup()
  find(
    @Param('id', ParseIdPipe) showId: number,
    @Query() query: ReservationQueryDto,
    @Headers(SECRET_HEADER) secret: unknown,
    @Headers('authorization') authorization: unknown,
  ): Promise<ReservationView> {
    return this.reservations.find(showId, query.name, this.access(secret, authorization));
  }

  @Delete(':id/reservations')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release the reservation of `?name=`; answers { name, showId, released, available }' })
  @ApiNameLookup()
  release(
    @Param('id', ParseIdPipe) showId: number,
    @Query() query: ReservationQueryDto,
    @Headers(SECRET_HEADER) secret: unknown,
    @Headers('authorization') authorization: unknown,
  ): Promise<ReleaseView> {
    return this.reservations.release(showId, query.name, this.access(secret, authorization));
  }
}
