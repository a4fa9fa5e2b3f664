import { Module } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { CatalogModule } from '@app/catalog';
import { MemoryQueueStore } from './memory-queue-store';
import { QueueSettingsService } from './queue-settings.service';
import { QueueStore } from './queue-store';
import { QueueTokenGuard } from './queue-token.guard';
import { RedisQueueStore } from './redis-queue-store';
import { WaitingRoomService } from './waiting-room.service';

/** The waiting room without HTTP: settings, the queue (Redis when REDIS_URL is set, else in-process), the token guard. */
@Module({
  imports: [CatalogModule],
  providers: [
    {
      provide: QueueStore,
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => {
        const url = config.get('REDIS_URL');
        return url ? new RedisQueueStore(url) : new MemoryQueueStore();
      },
    },
    QueueSettingsService,
    WaitingRoomService,
    QueueTokenGuard,
  ],
  exports: [QueueSettingsService, WaitingRoomService, QueueTokenGuard],
})
export class WaitingRoomModule {}
