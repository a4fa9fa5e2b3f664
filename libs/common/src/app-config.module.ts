import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfigService } from './app-config.service';
import { AppConfig, validateConfig } from './config.schema';

/** Loads and validates the environment once at boot; a bad value stops boot naming the variable. */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ cache: true, validate: validateConfig, ignoreEnvFile: true })],
  providers: [
    {
      provide: AppConfigService,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        new AppConfigService(
          Object.fromEntries(
            AppConfigService.keys().map((key) => [key, config.get(key, { infer: true })]),
          ) as AppConfig,
        ),
    },
  ],
  exports: [AppConfigService],
})
export class AppConfigModule {}
