import { ShowQueue } from './entities/show-queue.entity';

/** The table libs/waiting-room owns: per-show queue settings (the queue itself lives in Redis or memory). */
export const WAITING_ROOM_ENTITIES = [ShowQueue];
