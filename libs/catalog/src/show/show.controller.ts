import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '@app/common';
import { ShowDetailView } from './dto/show-view.dto';
import { ShowQueryService } from './show-query.service';

/** Public: one show (its seat map is `GET /api/shows/:id/seats`, libs/booking). */
@ApiTags('shows')
@Controller('shows')
export class ShowController {
  constructor(private readonly shows: ShowQueryService) {}

  @Get(':id')
  @ApiOperation({ summary: 'A show with its film, theater, screen, prices (cents) and seats available now' })
  @ApiOkResponse({ type: ShowDetailView })
  @ApiBadRequestResponse({ description: 'id is not a positive integer' })
  @ApiNotFoundResponse({ description: 'no such show' })
  get(@Param('id', ParseIdPipe) id: number): Promise<ShowDetailView> {
    return this.shows.detail(id);
  }
}
