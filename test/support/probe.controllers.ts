import { Body, Controller, Get, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Min, ValidateNested } from 'class-validator';
import { Public } from '../../apps/api/src/auth/access.decorators.js';
import { Omittable } from '../../apps/api/src/platform/omittable.js';

class MoneyDto {
  @Min(0)
  @IsInt()
  readonly minor!: number;

  @Length(3, 3)
  @IsString()
  readonly currency!: string;
}

class RefundDto {
  @ValidateNested()
  @Type(() => MoneyDto)
  readonly amount!: MoneyDto;

  @Omittable()
  @IsString()
  readonly reason?: string;
}

/** Routes the product does not have, to probe the platform with: nested DTOs and an unforeseen failure. */
@Controller('probe')
@Public()
export class PlatformProbeController {
  @Post('refund')
  refund(@Body() body: RefundDto): { minor: number; isDto: boolean } {
    return { minor: body.amount.minor, isDto: body.amount instanceof MoneyDto };
  }

  @Get('crash')
  crash(): never {
    throw new Error('connection to db://admin:hunter2@10.0.0.5 refused');
  }
}

/** A route that forgot to say who may call it. */
@Controller('forgotten')
export class UndeclaredAccessController {
  @Get()
  open(): string {
    return 'should never be served';
  }
}
