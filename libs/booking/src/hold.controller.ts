import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { clientAddress, InvalidInput, ParseIdPipe } from '@app/common';
import { CreateHoldDto, UpdateHoldTicketsDto } from './dto/create-hold.dto';
import { ApiQueueToken, QueueTokenGuard } from '@app/waiting-room';
import { HoldService } from './hold.service';

const holdIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput('holdId', 'must be a UUID') });

/** Holds: pick seats, keep them for HOLD_TTL_SECONDS, confirm or release. Rate limited per client. */
@ApiTags('holds')
@UseGuards(ThrottlerGuard)
@Controller()
export class HoldController {
  constructor(private readonly holds: HoldService) {}

  @Post('shows/:id/holds')
  @UseGuards(QueueTokenGuard)
  @ApiQueueToken()
  @ApiOperation({
    summary: 'Hold seats of a show (all or nothing); 409 lists seats already taken; 429 past the hold caps',
  })
  create(@Param('id', ParseIdPipe) showId: number, @Body() body: CreateHoldDto, @Req() request: Request) {
    return this.holds.hold(showId, body.seatIds, body.customer, clientAddress(request), body.ticketTypeIds);
  }

  @Get('holds/:holdId')
  @ApiOperation({ summary: 'A hold with its seats, state and expiry' })
  get(@Param('holdId', holdIdPipe) holdId: string) {
    return this.holds.get(holdId);
  }

  @Patch('holds/:holdId')
  @ApiOperation({
    summary:
      "Set the ticket type of each of the hold's seats before confirming (seatIds: exactly the hold's seats); 410 when it has expired",
  })
  setTicketTypes(@Param('holdId', holdIdPipe) holdId: string, @Body() body: UpdateHoldTicketsDto) {
    return this.holds.setTicketTypes(holdId, body.seatIds, body.ticketTypeIds);
  }

  @Post('holds/:holdId/confirm')
  @ApiOperation({ summary: 'Confirm a hold into a booking; 410 when it has expired' })
  confirm(@Param('holdId', holdIdPipe) holdId: string) {
    return this.holds.confirm(holdId);
  }

  @Delete('holds/:holdId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a hold; its seats return to sale' })
  release(@Param('holdId', holdIdPipe) holdId: string) {
    return this.holds.release(holdId);
  }
}
