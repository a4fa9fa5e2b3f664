import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '@app/common';
import { MovieDetailView, MovieView } from './dto/movie-view.dto';
import { MovieQueryDto } from './dto/movie-query.dto';
import { MovieCatalogService } from './movie-catalog.service';

/** Public: what is playing. */
@ApiTags('movies')
@Controller('movies')
export class MovieController {
  constructor(private readonly movies: MovieCatalogService) {}

  @Get()
  @ApiOperation({
    summary: 'Films with shows from now on, most popular first; q searches titles, date (YYYY-MM-DD) keeps one day',
  })
  @ApiOkResponse({ type: [MovieView] })
  @ApiBadRequestResponse({ description: 'malformed date or q, or unknown parameters' })
  list(@Query() query: MovieQueryDto): Promise<MovieView[]> {
    return this.movies.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A film with its shows from now on (prices in cents, seats available now)' })
  @ApiOkResponse({ type: MovieDetailView })
  @ApiBadRequestResponse({ description: 'id is not a positive integer' })
  @ApiNotFoundResponse({ description: 'no such movie' })
  get(@Param('id', ParseIdPipe) id: number): Promise<MovieDetailView> {
    return this.movies.get(id);
  }
}
