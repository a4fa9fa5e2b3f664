import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfigModule, RateLimitModule } from '@app/common';
import { DatabaseModule } from '@app/database';
import { ClusterModule, ClusterNodeModule } from '@app/cluster';
import { JobsModule } from '@app/jobs';
import { CatalogModule } from '@app/catalog';
import { BookingHttpModule, BookingModule } from '@app/booking';
import { FailoverModule } from '@app/failover';
import { MetricsModule } from '@app/metrics';
import { PricingHttpModule } from '@app/pricing';
import { DoorModule } from '@app/door';
import { MailModule } from '@app/mail';
import { WaitingRoomHttpModule, WaitingRoomModule } from '@app/waiting-room';
import { LoggingModule } from '@app/common';
import { ENTITIES } from '@app/schema';
import { HealthController } from './health.controller';
import { MetricsWiring } from './metrics.wiring';
import { WebModule } from './web/web.module';

/** The HTTP node: wires the libs together; holds no domain logic. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    MetricsModule,
    DatabaseModule.forRoot(ENTITIES),
    ClusterModule,
    ClusterNodeModule,
    FailoverModule,
    JobsModule,
    RateLimitModule,
    TerminusModule,
    CatalogModule,
    BookingModule,
    BookingHttpModule,
    PricingHttpModule,
    DoorModule,
    MailModule,
    WaitingRoomModule,
    WaitingRoomHttpModule,
    WebModule,
  ],
  controllers: [HealthController],
  providers: [MetricsWiring],
})
export class AppModule {}
