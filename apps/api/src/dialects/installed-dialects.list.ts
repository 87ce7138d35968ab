import type { DynamicModule, Type } from '@nestjs/common';
import type { DialectDescriptor } from '@tally/vendor-kit';
import { comestriDialect } from '@tally/vendor-comestri';
import { cruxDialect } from '@tally/vendor-crux';
import { kiboDialect } from '@tally/vendor-kibo';
import { marketplacerDialect } from '@tally/vendor-marketplacer';
import { retailopsDialect } from '@tally/vendor-retailops';
import { ComestriModule } from '../vendors/comestri/comestri.module';
import { CruxModule } from '../vendors/crux/crux.module';
import { KiboModule } from '../vendors/kibo/kibo.module';
import { MarketplacerModule } from '../vendors/marketplacer/marketplacer.module';
import { RetailopsModule } from '../vendors/retailops/retailops.module';
import { canonicalDialect } from './canonical.dialect';

/** A dialect the API speaks: what it says about itself, and the module that mounts its routes. */
export interface InstalledDialect {
  readonly descriptor: DialectDescriptor;
  readonly module?: Type<unknown> | DynamicModule;
}

/**
 * The one list of the dialects this API speaks. Everything dialect-specific outside a dialect's
 * own lib and module (routes' body limits and media types, error shapes, connection options,
 * `GET /api/v1/dialects`, the console's forms) is derived from it. Adding a dialect adds a line.
 */
export const INSTALLED_DIALECTS: readonly InstalledDialect[] = [
  { descriptor: canonicalDialect },
  { descriptor: retailopsDialect, module: RetailopsModule },
  { descriptor: comestriDialect, module: ComestriModule },
  { descriptor: kiboDialect, module: KiboModule },
  { descriptor: cruxDialect, module: CruxModule },
  { descriptor: marketplacerDialect, module: MarketplacerModule },
];
