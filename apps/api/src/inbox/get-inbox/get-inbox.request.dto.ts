import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateBy } from 'class-validator';
import { IsPosition } from '@passerelle/http';
import { isInboxCursor } from '@passerelle/projections';

const STATUSES = ['referred', 'accepted', 'declined', 'withdrawn', 'closed'] as const;

export class GetInboxRequest {
  @ApiPropertyOptional({ enum: ['received', 'sent'], default: 'received' })
  @IsOptional()
  @IsIn(['received', 'sent'])
  direction?: 'received' | 'sent';

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  // Only a cursor the inbox handed out: any other string is input to mend (400), whatever its characters.
  @ValidateBy(
    { name: 'isInboxCursor', validator: { validate: isInboxCursor } },
    { message: 'cursor must be a nextCursor returned by this endpoint' },
  )
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({
    pattern: '^[0-9]{1,19}$',
    description: 'Read-your-writes: wait (briefly) until the inbox includes this position from a command response',
  })
  @IsOptional()
  @IsPosition({ message: 'minPosition must be a position returned by a command' })
  minPosition?: string;
}
