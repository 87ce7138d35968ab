import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApplicationError, ApplicationErrorCodes } from '@tally/inventory-application';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A path id that cannot exist answers 404 without reaching the database. */
@Injectable()
export class ResourceIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
      throw new ApplicationError(ApplicationErrorCodes.notFound, 'no such resource', 'id');
    }
    return value;
  }
}
