import { Body, Get, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
} from '@nestjs/swagger';
import { AdminController, InvalidInput, ParseIdPipe } from '@app/common';
import {
  CreateTicketTypeDto,
  CurrencyDto,
  isSurchargeKind,
  SURCHARGE_KINDS,
  SurchargeDto,
  UpdateTicketTypeDto,
} from './dto/ticket-type.dto';
import { PricingService } from './pricing.service';
import { TheaterPricingView, TicketTypeView } from './pricing.types';

/** Admin: a theater's ticket types, seat-kind surcharges and currency. */
@AdminController('admin/theaters/:id')
@ApiNotFoundResponse({ description: 'no such theater (or ticket type)' })
export class PricingAdminController {
  constructor(private readonly pricing: PricingService) {}

  @Get('pricing')
  @ApiOperation({ summary: "A theater's ticket types (all, in sort order), surcharges and currency" })
  view(@Param('id', ParseIdPipe) theaterId: number): Promise<TheaterPricingView> {
    return this.pricing.view(theaterId);
  }

  @Post('ticket-types')
  @ApiOperation({ summary: 'Add a ticket type (priceCents null: the show’s own price)' })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the theater has a type of that name' })
  create(@Param('id', ParseIdPipe) theaterId: number, @Body() body: CreateTicketTypeDto): Promise<TicketTypeView> {
    return this.pricing.createType(theaterId, body);
  }

  @Patch('ticket-types/:typeId')
  @ApiOperation({ summary: 'Change a ticket type; bookings already made keep their prices' })
  @ApiBadRequestResponse({ description: 'bad fields, or taking the last type on sale off sale' })
  update(
    @Param('id', ParseIdPipe) theaterId: number,
    @Param('typeId', ParseIdPipe) typeId: number,
    @Body() body: UpdateTicketTypeDto,
  ): Promise<TicketTypeView> {
    return this.pricing.updateType(theaterId, typeId, body);
  }

  @Put('surcharges/:kind')
  @ApiParam({ name: 'kind', enum: SURCHARGE_KINDS })
  @ApiOperation({ summary: 'Set what a seat kind adds to every ticket type (integer cents)' })
  setSurcharge(
    @Param('id', ParseIdPipe) theaterId: number,
    @Param('kind') kind: string,
    @Body() body: SurchargeDto,
  ): Promise<TheaterPricingView> {
    if (!isSurchargeKind(kind)) throw new InvalidInput('kind', `must be one of ${SURCHARGE_KINDS.join(', ')}`);
    return this.pricing.setSurcharge(theaterId, kind, body.surchargeCents);
  }

  @Put('currency')
  @ApiOperation({ summary: "Set the theater's currency (ISO 4217)" })
  setCurrency(@Param('id', ParseIdPipe) theaterId: number, @Body() body: CurrencyDto): Promise<TheaterPricingView> {
    return this.pricing.setCurrency(theaterId, body.currencyCode);
  }
}
