import { ApiProperty } from '@nestjs/swagger';
import { MovieShowView } from '../../show/dto/show-view.dto';

/** A film of the catalogue as the public sees it. */
export class MovieView {
  @ApiProperty({ example: 7 }) id!: number;
  @ApiProperty({ example: 693134 }) tmdbId!: number;
  @ApiProperty({ example: 'Dune: Part Two' }) title!: string;
  @ApiProperty({ example: 'Dune: Part Two' }) originalTitle!: string;
  @ApiProperty({ type: String, nullable: true, example: 'https://image.tmdb.org/t/p/w342/abc.jpg' }) posterUrl!:
    string | null;
  @ApiProperty({ type: Number, nullable: true, example: 166, description: 'minutes; null when unknown' }) runtimeMin!:
    number | null;
  @ApiProperty({ type: [String], example: ['Science Fiction', 'Adventure'] }) genres!: string[];
  @ApiProperty({ type: String, nullable: true, example: '2024-02-27' }) releaseDate!: string | null;
  @ApiProperty({ type: String, nullable: true }) overview!: string | null;
  @ApiProperty({ type: Date, nullable: true, description: 'first show from now (within `date` when filtered)' })
  nextShowAt!: Date | null;
}

/** `GET /api/movies/:id`: the film and its shows from now on. */
export class MovieDetailView extends MovieView {
  @ApiProperty({ type: [MovieShowView] }) shows!: MovieShowView[];
}

/** `GET /api/admin/movies`: a film of the catalogue, with or without shows. */
export class AdminMovieView {
  @ApiProperty({ example: 7 }) id!: number;
  @ApiProperty({ example: 'Dune: Part Two' }) title!: string;
  @ApiProperty({ type: Number, nullable: true, example: 166 }) runtimeMin!: number | null;
  @ApiProperty({ type: String, nullable: true, example: '2024-02-27' }) releaseDate!: string | null;
}
