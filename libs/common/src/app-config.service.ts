import { AppConfig, configSchema, validateConfig } from './config.schema';

/**
 * Typed, validated configuration (see {@link configSchema}). Inject this instead of reading
 * `process.env`; built once at boot from @nestjs/config's validated values.
 */
export class AppConfigService {
  constructor(private readonly values: AppConfig) {}

  /** Builds one from raw variables, e.g. in tests. @throws Error naming each bad variable. */
  static fromEnv(env: Record<string, unknown>): AppConfigService {
    return new AppConfigService(validateConfig(env));
  }

  /** The value of one validated variable. */
  get<K extends keyof AppConfig>(key: K): AppConfig[K] {
    return this.values[key];
  }

  /** Every key of the schema, for building from @nestjs/config. */
  static keys(): (keyof AppConfig)[] {
    return Object.keys(configSchema.shape) as (keyof AppConfig)[];
  }
}
