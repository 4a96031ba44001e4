import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsPosition, IsInstant } from '@passerelle/http';
import { Validate, ValidateIf, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';

/** A replay starts from a position or from a time: one of the two, never both, never neither. */
@ValidatorConstraint({ name: 'exactlyOneStart' })
class ExactlyOneStart implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const request = args.object as ReplayWebhookRequest;
    return (request.fromPosition === undefined) !== (request.since === undefined);
  }

  defaultMessage(): string {
    return 'exactly one of fromPosition and since is required';
  }
}

export class ReplayWebhookRequest {
  @ApiPropertyOptional({
    pattern: '^[0-9]{1,19}$',
    example: '0',
    description: 'Re-send every event from this global position (inclusive); or give since',
  })
  // Checked when given, and when since is missing too (so "neither" is refused, under this field's name).
  @ValidateIf((request: ReplayWebhookRequest) => request.fromPosition !== undefined || request.since === undefined)
  @Validate(ExactlyOneStart)
  @IsPosition({ message: 'fromPosition must be a global position, e.g. "0"' })
  fromPosition?: string;

  @ApiPropertyOptional({
    example: '2026-11-01T00:00:00Z',
    description: 'Re-send every event that occurred at or after this instant; or give fromPosition',
  })
  // Absent is fine; null is no instant (it was read as the epoch, replaying everything).
  @ValidateIf((request: ReplayWebhookRequest) => request.since !== undefined)
  @IsInstant()
  since?: string;
}
