import { Body, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { AdminController } from '@app/common';
import { JobStatus } from '@app/jobs';
import { CatalogImportService } from './catalog-import.service';
import { ImportStartedDto, JobStatusDto, StartImportDto } from './dto/catalog-import.dto';
import { ParseJobIdPipe } from './parse-job-id.pipe';

/**
 * Admin: start the TMDB catalogue import and follow jobs. `Authorization: Bearer $ADMIN_TOKEN`
 * (401 without, 403 with a wrong token).
 */
@AdminController('admin')
export class AdminCatalogController {
  constructor(private readonly imports: CatalogImportService) {}

  @Post('catalog/import')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Import the now-playing catalogue from TMDB (a job; one at a time: a pending import is returned)',
  })
  @ApiAcceptedResponse({ type: ImportStartedDto })
  @ApiBadRequestResponse({ description: 'pages not an integer 1..50, or unknown fields' })
  start(@Body() body: StartImportDto): Promise<ImportStartedDto> {
    return this.imports.startImport(body.pages);
  }

  @Get('jobs/:id')
  @ApiOperation({ summary: 'State and progress of a job (e.g. an import)' })
  @ApiOkResponse({ type: JobStatusDto })
  @ApiBadRequestResponse({ description: 'malformed job id' })
  @ApiNotFoundResponse({ description: 'unknown or expired job' })
  job(@Param('id', ParseJobIdPipe) id: string): Promise<JobStatus> {
    return this.imports.jobStatus(id);
  }
}
