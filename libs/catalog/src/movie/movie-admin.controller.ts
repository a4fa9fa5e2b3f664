import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '@app/common';
import { AdminMovieView } from './dto/movie-view.dto';
import { MovieCatalogService } from './movie-catalog.service';

/** Admin: every film of the catalogue (to plan shows of films that have none yet). */
@AdminController('admin/movies')
export class MovieAdminController {
  constructor(private readonly movies: MovieCatalogService) {}

  @Get()
  @ApiOperation({ summary: 'Every film of the catalogue by title, with or without shows' })
  @ApiOkResponse({ type: [AdminMovieView] })
  list(): Promise<AdminMovieView[]> {
    return this.movies.listAll();
  }
}
