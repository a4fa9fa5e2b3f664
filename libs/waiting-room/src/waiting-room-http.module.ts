import { Module } from '@nestjs/common';
import { AdminWaitingRoomController } from './admin-waiting-room.controller';
import { WaitingRoomController } from './waiting-room.controller';
import { WaitingRoomModule } from './waiting-room.module';

/** The waiting room's HTTP surface (customers' queue and its stream, the admin settings); the API loads it. */
@Module({
  imports: [WaitingRoomModule],
  controllers: [WaitingRoomController, AdminWaitingRoomController],
})
export class WaitingRoomHttpModule {}
