import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class WithdrawConsentRequest {
  @ApiPropertyOptional({ example: 'She asked to stop sharing', description: 'Kept in the event: write no personal data here' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
