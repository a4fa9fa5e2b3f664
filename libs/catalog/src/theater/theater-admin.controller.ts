import { Body, Get, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { AdminController, AdminRemove, ParseIdPipe } from '@app/common';
import { CreateTheaterDto } from './dto/create-theater.dto';
import { TheaterPricesDto } from './dto/theater-prices.dto';
import { TheaterView } from './dto/theater-view.dto';
import { TheaterService } from './theater.service';

/** Admin: theaters. `Authorization: Bearer $ADMIN_TOKEN` (401 without, 403 with a wrong token). */
@AdminController('admin/theaters')
export class TheaterAdminController {
  constructor(private readonly theaters: TheaterService) {}

  @Get()
  @ApiOperation({ summary: 'Every theater with its screens' })
  @ApiOkResponse({ type: [TheaterView] })
  list(): Promise<TheaterView[]> {
    return this.theaters.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a theater (unique name)' })
  @ApiCreatedResponse({ type: TheaterView })
  @ApiBadRequestResponse({ description: 'missing or malformed fields, unknown fields' })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: a theater has that name' })
  create(@Body() body: CreateTheaterDto): Promise<TheaterView> {
    return this.theaters.create(body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One theater with its screens' })
  @ApiOkResponse({ type: TheaterView })
  @ApiNotFoundResponse({ description: 'no such theater' })
  get(@Param('id', ParseIdPipe) id: number): Promise<TheaterView> {
    return this.theaters.get(id);
  }

  @Put(':id/prices')
  @ApiOperation({
    summary:
      "Set the prices of the theater's imported shows (standard/wheelchair and premium seats); applied at once to its future unsold shows",
  })
  @ApiOkResponse({ type: TheaterView })
  @ApiBadRequestResponse({ description: 'a price missing, not an integer, or outside 0..100000 cents' })
  @ApiNotFoundResponse({ description: 'no such theater' })
  setPrices(@Param('id', ParseIdPipe) id: number, @Body() body: TheaterPricesDto): Promise<TheaterView> {
    return this.theaters.setPrices(id, body);
  }

  @AdminRemove('Remove a theater without screens', 'theater', 'THEATER_HAS_SCREENS')
  remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.theaters.remove(id);
  }
}
