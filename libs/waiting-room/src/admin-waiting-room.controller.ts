import { Body, Get, Param, Put } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController, ParseIdPipe } from '@app/common';
import { QueueSettingsDto } from './dto/queue-settings.dto';
import { QueueSettingsService } from './queue-settings.service';
import { WaitingRoomService } from './waiting-room.service';

/** Admin: per-show waiting-room settings and the queues' totals (System Monitor). */
@AdminController('admin')
export class AdminWaitingRoomController {
  constructor(
    private readonly settings: QueueSettingsService,
    private readonly waitingRoom: WaitingRoomService,
  ) {}

  @Get('shows/:id/queue')
  @ApiOperation({ summary: 'A show’s waiting-room settings (mode off when never set)' })
  @ApiNotFoundResponse({ description: 'no such show' })
  get(@Param('id', ParseIdPipe) showId: number) {
    return this.settings.view(showId);
  }

  @Put('shows/:id/queue')
  @ApiOperation({ summary: 'Set a show’s waiting room: mode, on-sale time, admission rate, pick window' })
  @ApiNotFoundResponse({ description: 'no such show' })
  put(@Param('id', ParseIdPipe) showId: number, @Body() body: QueueSettingsDto) {
    return this.settings.put(showId, body);
  }

  @Get('waiting-room')
  @ApiOperation({ summary: 'Every queued show: waiting, arrivals and admissions per minute, average wait' })
  stats() {
    return this.waitingRoom.stats();
  }
}
