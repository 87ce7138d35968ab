import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { HttpErrorCodes } from '@tally/vendor-kit';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem-details.model';

/** One invalid input. */
export class ProblemFieldDto {
  @ApiProperty({ example: 'lines[0].item.gtin' }) field!: string;
  @ApiProperty() message!: string;
}

/** RFC 9457 problem details with Tally's stable code. */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'urn:tally:problem:request.invalid' }) type!: string;
  @ApiProperty({ example: 'Unprocessable Entity' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({ example: HttpErrorCodes.invalid, description: 'Stable machine-readable code.' }) code!: string;
  @ApiProperty({ type: [ProblemFieldDto] }) errors!: ProblemFieldDto[];
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'For a compare-and-set or adjust conflict: the current value.' })
  current?: number | null;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request (bad JSON).',
  401: 'Missing, unknown or revoked API key.',
  403: 'The API key is read-only.',
  404: 'Not found, or another tenant’s.',
  409: 'Conflict with the current state.',
  413: 'Body too large.',
  415: 'The body is not JSON.',
  422: 'Invalid request.',
  503: 'The store stayed busy; retry.',
};

/** Documents the problem answers of a route. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error.',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}
