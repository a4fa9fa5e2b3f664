import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ParseIdPipe } from '@app/common';
import { SeatMapService } from './seat-map.service';
import { ShowTicketTypes, TicketPricing } from './ticket-pricing';

/** Live seat maps. */
@ApiTags('shows')
@Controller('shows')
export class SeatMapController {
  constructor(
    private readonly seatMaps: SeatMapService,
    private readonly pricing: TicketPricing,
  ) {}

  @Get(':id/ticket-types')
  @ApiOperation({ summary: "A show's ticket types (default first) and seat-kind surcharges, integer cents" })
  @ApiOkResponse({
    description: '{ showId, currencyCode, ticketTypes[{ id, name, priceCents }], surcharges{ kind: cents } }',
  })
  ticketTypes(@Param('id', ParseIdPipe) id: number): Promise<ShowTicketTypes> {
    return this.pricing.forShow(id);
  }

  @Get(':id/seats')
  @ApiOperation({ summary: 'Seat map of a show: every seat with its kind and state (available, held, booked)' })
  @ApiOkResponse({
    description:
      "{ showId, startsAt, grid, available, seats[{ id, label, row, number, rowIndex, col, kind, priceCents, companionSeatId?, state }] } (priceCents: the default ticket type's; companionSeatId on a wheelchair space: the seat beside it for a companion)",
  })
  async seats(@Param('id', ParseIdPipe) id: number, @Req() request: Request, @Res() response: Response): Promise<void> {
    const { json, etag } = await this.seatMaps.get(id);
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'no-cache');
    if (request.headers['if-none-match'] === etag) {
      response.status(304).end();
      return;
    }
    response.type('application/json').send(json);
  }
}
