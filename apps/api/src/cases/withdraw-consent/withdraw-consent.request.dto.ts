import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class WithdrawConsentRequest {
  @ApiPropertyOptional({
    example: 'She asked to stop sharing',
    description: 'Encrypted with her data key; read back by the holder only, until she is erased',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
