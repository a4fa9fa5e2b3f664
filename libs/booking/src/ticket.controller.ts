import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { parseBookingCode } from './booking-code';
import { EmailQueryDto } from './dto/customer-query.dto';
import { TicketService } from './ticket.service';

/** E-tickets of bookings. Rate limited per client, like the other booking look-ups. */
@ApiTags('bookings')
@UseGuards(ThrottlerGuard)
@Controller('bookings')
export class TicketController {
  constructor(private readonly tickets: TicketService) {}

  @Get(':code/ticket.svg')
  @ApiProduces('image/svg+xml')
  @ApiOperation({
    summary:
      'The e-ticket QR code (SVG) of a confirmed booking: code + the email that made it; 404 otherwise, 409 once cancelled',
  })
  @ApiOkResponse({ description: 'an SVG QR code encoding MARQUEE:TICKET:<code>:SHOW:<showId>' })
  async qr(
    @Param('code') code: string,
    @Query() query: EmailQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const svg = await this.tickets.qrSvg(parseBookingCode(code), query.email);
    // Set only on success: an error is answered as JSON by the error filter.
    response.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
    response.setHeader('Cache-Control', 'private, no-store');
    return svg;
  }
}
