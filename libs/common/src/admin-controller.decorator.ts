import { applyDecorators, Controller, Delete, HttpCode, HttpStatus, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AdminGuard } from './admin.guard';

/**
 * An admin controller at `path` (under /api): guarded by {@link AdminGuard}
 * (`Authorization: Bearer $ADMIN_TOKEN`; 401 without, 403 wrong), documented as such in OpenAPI.
 */
export function AdminController(path: string) {
  return applyDecorators(
    ApiTags('admin'),
    ApiBearerAuth('admin'),
    ApiUnauthorizedResponse({ description: 'no bearer token' }),
    ApiForbiddenResponse({ description: 'wrong admin token' }),
    UseGuards(AdminGuard),
    Controller(path),
  );
}

/**
 * `DELETE :id` of an admin resource, documented: 204 when removed, 404 when there is no such
 * `thing`, 409 with `conflictCode` when something still depends on it (e.g. `SCREEN_HAS_SHOWS`).
 */
export function AdminRemove(summary: string, thing: string, conflictCode: string) {
  return applyDecorators(
    Delete(':id'),
    HttpCode(HttpStatus.NO_CONTENT),
    ApiOperation({ summary }),
    ApiNoContentResponse({ description: 'removed' }),
    ApiNotFoundResponse({ description: `no such ${thing}` }),
    ApiConflictResponse({ description: conflictCode }),
  );
}
