import { ConsoleLogger, INestApplicationContext, LogLevel } from '@nestjs/common';
import { Logger as PinoLogger, LoggerModule } from 'nestjs-pino';
import { AppConfigService } from './app-config.service';

/** Nest's levels as pino's (Nest `log` is pino `info`, `verbose` is `trace`). */
const PINO_LEVELS: Record<LogLevel, string> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * nestjs-pino's module, configured from `LOG_LEVEL` and `NODE_ID` (every line carries `nodeId`).
 * It only formats: which logger a process uses is {@link useConfiguredLogger}'s choice.
 * Requests are not logged one by one (nginx's access log has them).
 */
export const LoggingModule = LoggerModule.forRootAsync({
  inject: [AppConfigService],
  useFactory: (config: AppConfigService) => ({
    pinoHttp: {
      level: PINO_LEVELS[config.get('LOG_LEVEL')],
      autoLogging: false,
      base: { pid: process.pid, nodeId: config.get('NODE_ID') },
    },
  }),
});

/** Levels at and above `level`, in Nest's order. */
export function logLevels(level: LogLevel): LogLevel[] {
  const order: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  return order.slice(0, order.indexOf(level) + 1);
}

/**
 * Sets the app's logger from `LOG_FORMAT`: `json` → pino, one JSON object per line on stdout
 * (`{"level":30,"time":…,"nodeId":1,"context":"Marquee","msg":"…"}`); `text` (default) → Nest's
 * human-readable console lines. The app must import {@link LoggingModule} and be created with
 * `bufferLogs: true`, so nothing is printed before the choice is made.
 */
export function useConfiguredLogger(app: INestApplicationContext): void {
  const config = app.get(AppConfigService);
  if (config.get('LOG_FORMAT') === 'json') app.useLogger(app.get(PinoLogger));
  else app.useLogger(new ConsoleLogger({ logLevels: logLevels(config.get('LOG_LEVEL')) }));
}
