import { Body, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '@app/common';
import { ImportStartedDto } from '../dto/catalog-import.dto';
import { StartShowtimesImportDto } from './start-showtimes-import.dto';
import { ShowtimesImportService } from './showtimes-import.service';

/**
 * Admin: start the showtimes import (follow it with `GET /api/admin/jobs/:id`).
 * `Authorization: Bearer $ADMIN_TOKEN` (401 without, 403 with a wrong token).
 */
@AdminController('admin/showtimes')
export class AdminShowtimesController {
  constructor(private readonly imports: ShowtimesImportService) {}

  @Post('import')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary:
      'Import cinemas and showtimes from the showtimes API (a job; one at a time in the cluster: a pending import is returned)',
  })
  @ApiAcceptedResponse({ type: ImportStartedDto })
  @ApiBadRequestResponse({ description: 'unknown fields' })
  start(@Body() body: StartShowtimesImportDto): Promise<ImportStartedDto> {
    return this.imports.startImport(body.origin ?? 'admin');
  }
}
