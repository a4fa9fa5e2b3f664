import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { ParseIdPipe } from '@app/common';
import { parseBookingCode } from './booking-code';
import { EmailQueryDto } from './dto/customer-query.dto';
import { TicketService } from './ticket.service';

/** E-tickets of bookings, one per seat. Rate limited per client, like the other booking look-ups. */
@ApiTags('bookings')
@UseGuards(ThrottlerGuard)
@Controller('bookings')
export class TicketController {
  constructor(private readonly tickets: TicketService) {}

  @Get(':code/tickets')
  @ApiOperation({
    summary:
      'The tickets of a booking (one per seat, each with its signed code): code + the email that made it; 404 otherwise',
  })
  async list(@Param('code') code: string, @Query() query: EmailQueryDto) {
    return (await this.tickets.forCustomer(parseBookingCode(code), query.email)).tickets;
  }

  @Get(':code/tickets/:ticketId/qr.svg')
  @ApiProduces('image/svg+xml')
  @ApiOperation({
    summary:
      'The QR code (SVG) of one ticket of a confirmed booking: code + the email that made it; 404 otherwise, 409 once cancelled',
  })
  @ApiOkResponse({ description: 'an SVG QR code encoding the signed ticket code MQ1:<code>:<ticket>:<show>:<sig>' })
  async qr(
    @Param('code') code: string,
    @Param('ticketId', ParseIdPipe) ticketId: number,
    @Query() query: EmailQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const svg = await this.tickets.qrSvg(parseBookingCode(code), query.email, ticketId);
    // Set only on success: an error is answered as JSON by the error filter.
    response.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
    response.setHeader('Cache-Control', 'private, no-store');
    return svg;
  }
}
