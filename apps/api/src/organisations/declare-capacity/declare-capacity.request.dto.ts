import { ApiProperty } from '@nestjs/swagger';
import { SERVICES, type Service } from '@passerelle/domain';
import { IsIn, IsInt, Max, Min } from 'class-validator';

export class DeclareCapacityRequest {
  @ApiProperty({ enum: SERVICES })
  @IsIn(SERVICES)
  service: Service;

  @ApiProperty({ type: 'integer', example: 12, description: 'Places in total for this service' })
  @IsInt()
  @Min(0)
  @Max(100000)
  total: number;

  @ApiProperty({ type: 'integer', example: 3, description: 'Places free now' })
  @IsInt()
  @Min(0)
  @Max(100000)
  available: number;
}
