import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
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
