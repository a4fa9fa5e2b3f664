import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ParseIdPipe } from '@app/common';
import { DoorGuard } from './door.guard';
import { DoorService } from './door.service';
import { CheckInDto } from './dto/check-in.dto';

/** The door: check tickets in, count who is in. `Authorization: Bearer $DOOR_TOKEN` (or the admin token). */
@ApiTags('door')
@ApiBearerAuth('door')
@ApiUnauthorizedResponse({ description: 'no bearer token' })
@ApiForbiddenResponse({ description: 'wrong door token' })
@UseGuards(DoorGuard)
@Controller('door')
export class DoorController {
  constructor(private readonly door: DoorService) {}

  @Post('check-in')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Check a ticket in by its signed code: admitted | already_admitted | wrong_show | too_early | show_ended | cancelled | forged',
  })
  @ApiOkResponse({ description: '{ result, message, ticket?, show?, admittedAt?, door? }' })
  checkIn(@Body() body: CheckInDto) {
    return this.door.checkIn(body);
  }

  @Get('shows/:id')
  @ApiOperation({ summary: 'Tickets of a show let in and expected (seats of its confirmed bookings)' })
  counts(@Param('id', ParseIdPipe) id: number) {
    return this.door.counts(id);
  }
}
