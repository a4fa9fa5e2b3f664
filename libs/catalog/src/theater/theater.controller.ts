import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TheaterView } from './dto/theater-view.dto';
import { TheaterService } from './theater.service';

/** Public: the theaters and their screens. */
@ApiTags('theaters')
@Controller('theaters')
export class TheaterController {
  constructor(private readonly theaters: TheaterService) {}

  @Get()
  @ApiOperation({ summary: 'Every theater with its screens' })
  @ApiOkResponse({ type: [TheaterView] })
  list(): Promise<TheaterView[]> {
    return this.theaters.list();
  }
}
