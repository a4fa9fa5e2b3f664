import { Body, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { AdminController, AdminRemove, ParseIdPipe } from '@app/common';
import { GenerateResultDto, GenerateShowsDto } from '../schedule/dto/generate-shows.dto';
import { ScheduleService } from '../schedule/schedule.service';
import { CreateShowDto } from './dto/create-show.dto';
import { ShowQueryDto } from './dto/show-query.dto';
import { AdminShowView, ShowRecordView } from './dto/show-view.dto';
import { ShowQueryService } from './show-query.service';
import { ShowService } from './show.service';

/** Admin: shows and the week scheduler. `Authorization: Bearer $ADMIN_TOKEN`. */
@AdminController('admin/shows')
export class ShowAdminController {
  constructor(
    private readonly shows: ShowService,
    private readonly queries: ShowQueryService,
    private readonly schedule: ScheduleService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Shows of a local day (or not yet ended), optionally of a movie or theater, with sold/held/available seats',
  })
  @ApiOkResponse({ type: [AdminShowView] })
  @ApiBadRequestResponse({ description: 'malformed date or ids' })
  list(@Query() query: ShowQueryDto): Promise<AdminShowView[]> {
    return this.queries.list(query);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a show and its seat inventory; ends after trailers (15 min) + runtime (120 min if unknown)',
  })
  @ApiCreatedResponse({ type: ShowRecordView })
  @ApiBadRequestResponse({ description: 'malformed fields, a start in the past or not on a whole minute' })
  @ApiNotFoundResponse({ description: 'no such movie or screen' })
  @ApiConflictResponse({ description: 'SHOW_OVERLAP: within 15 min of another show on the screen' })
  create(@Body() body: CreateShowDto): Promise<ShowRecordView> {
    return this.shows.create({ ...body, startsAt: new Date(body.startsAt) });
  }

  @Post('generate')
  @ApiOperation({
    summary: 'Re-plan the next days: keeps sold, held and admin-made shows, replaces the other generated ones',
  })
  @ApiCreatedResponse({ type: GenerateResultDto })
  @ApiBadRequestResponse({ description: 'days outside 1..31' })
  @ApiNotFoundResponse({ description: 'no such theater' })
  generate(@Body() body: GenerateShowsDto = {}): Promise<GenerateResultDto> {
    return this.schedule.generate(body);
  }

  @AdminRemove('Remove a show without bookings, and its seat inventory', 'show', 'SHOW_HAS_BOOKINGS')
  remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.shows.remove(id);
  }
}
