import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from '@tally/platform-node';

/** Makes the configuration validated at boot injectable as {@link AppConfig}. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}
