import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../http/common/problem-details.dto';
import { ChannelDialectListDto } from './channel.dto';
import { ConnectorCatalog } from './connector.catalog';

/** The installed outbound connectors. */
@ApiTags('channels')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/v1/channel-dialects')
export class ChannelDialectsHttpController {
  constructor(private readonly catalog: ConnectorCatalog) {}

  @Get()
  @ApiOperation({ summary: 'The dialects a channel can speak, with the settings and credentials each needs' })
  @ApiOkResponse({ type: ChannelDialectListDto })
  list(): ChannelDialectListDto {
    return {
      items: this.catalog.all().map((c) => ({
        dialect: c.dialect,
        title: c.title,
        maxBatch: c.maxBatch,
        requestsPerSecond: c.requestsPerSecond,
        settingsSchema: { ...c.settingsSchema },
        credentialsSchema: { ...c.credentialsSchema },
        events: [...(c.events?.types ?? [])],
      })),
    };
  }
}
