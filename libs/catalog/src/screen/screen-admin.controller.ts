import { Body, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { AdminController, AdminRemove, ParseIdPipe } from '@app/common';
import { ChangeScreenLayoutDto } from './dto/change-screen-layout.dto';
import { CreateScreenDto } from './dto/create-screen.dto';
import { ScreenQueryDto } from './dto/screen-query.dto';
import { ScreenDetailView, ScreenView } from './dto/screen-view.dto';
import { ScreenService } from './screen.service';

/** Admin: screens and their seat layouts. `Authorization: Bearer $ADMIN_TOKEN`. */
@AdminController('admin/screens')
export class ScreenAdminController {
  constructor(private readonly screens: ScreenService) {}

  @Get()
  @ApiOperation({ summary: 'Screens (of one theater with ?theaterId=), without seats' })
  @ApiOkResponse({ type: [ScreenView] })
  @ApiBadRequestResponse({ description: 'theaterId is not a positive integer' })
  list(@Query() query: ScreenQueryDto): Promise<ScreenView[]> {
    return this.screens.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a screen and its seats from a layout (s standard, p premium, w wheelchair, _ gap)' })
  @ApiCreatedResponse({ type: ScreenDetailView })
  @ApiBadRequestResponse({ description: 'malformed layout (the message names the row and column) or fields' })
  @ApiNotFoundResponse({ description: 'no such theater' })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the theater has a screen with that name' })
  create(@Body() body: CreateScreenDto): Promise<ScreenDetailView> {
    return this.screens.create(body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A screen with its seats and a text preview of the layout' })
  @ApiOkResponse({ type: ScreenDetailView })
  @ApiNotFoundResponse({ description: 'no such screen' })
  get(@Param('id', ParseIdPipe) id: number): Promise<ScreenDetailView> {
    return this.screens.get(id);
  }

  @Put(':id/layout')
  @ApiOperation({
    summary: 'Change the seat layout for shows created from now on; shows that exist keep their seats, sales and holds',
  })
  @ApiOkResponse({ type: ScreenDetailView })
  @ApiBadRequestResponse({ description: 'malformed layout (the message names the row and column) or fields' })
  @ApiNotFoundResponse({ description: 'no such screen' })
  changeLayout(@Param('id', ParseIdPipe) id: number, @Body() body: ChangeScreenLayoutDto): Promise<ScreenDetailView> {
    return this.screens.changeLayout(id, body.layout);
  }

  @AdminRemove('Remove a screen without shows, and its seats', 'screen', 'SCREEN_HAS_SHOWS')
  remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.screens.remove(id);
  }
}
