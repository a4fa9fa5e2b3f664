import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfigService, useConfiguredLogger } from '@app/common';
import { CatalogImportService } from '@app/catalog';
import { AppModule } from './app.module';
import { configureApp, prepareDatabase } from './configure-app';

/**
 * `node dist/apps/api/main.js` starts the HTTP node; `… main.js import [pages]` runs one TMDB
 * import in this process and exits (npm run import).
 */
async function main(argv: string[]): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true });
  useConfiguredLogger(app);
  configureApp(app);
  await prepareDatabase(app);
  const logger = new Logger('Marquee');
  if (argv[0] === 'import') {
    const pages = argv[1] === undefined ? undefined : Number(argv[1]);
    if (pages !== undefined && (!Number.isInteger(pages) || pages < 1 || pages > 500)) {
      throw new Error(`pages must be an integer from 1 to 500, got "${argv[1]}"`);
    }
    const result = await app.get(CatalogImportService).importCatalog({ pages });
    logger.log(`import finished: ${JSON.stringify(result)}`);
    await app.close();
    return;
  }
  const config = app.get(AppConfigService);
  await app.listen(config.get('PORT'), config.get('HOST'));
  const url = config.get('PUBLIC_URL') ?? `http://localhost:${config.get('PORT')}`;
  logger.log(`Marquee node ${config.get('NODE_ID')} is up: ${url}/api (OpenAPI: ${url}/api/docs)`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
