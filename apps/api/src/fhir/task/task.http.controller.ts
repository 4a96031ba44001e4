import { Body, Get, Header, Headers, HttpCode, Param, Put, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentActor, Roles, HiddenFromNetworkAdmin } from '@passerelle/auth';
import { ReplayWholeAnswer } from '@passerelle/http';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import type { Request, Response } from 'express';
import type { Bundle, Task } from 'fhir/r4';
import { Context, type CommandContext } from '../../shared/command-context';
import {
  FHIR_JSON,
  FhirController,
  fhirError,
  FhirUrls,
  fhirId,
  ifMatchVersion,
  setVersionHeaders,
  type FhirRequestUrls,
  type RawQuery,
} from '../fhir-http';
import { ReadFhirTaskQuery } from './read-task.query';
import { SearchFhirTasksQuery } from './search-tasks.query';
import { readTaskChange } from './update-task.request.dto';
import { parseTaskSearch } from './search-tasks.request.dto';
import { UpdateFhirTaskCommand } from './update-task.command';

/** `GET /fhir/r4/Task?…`, `GET /fhir/r4/Task/{id}`, `PUT /fhir/r4/Task/{id}` (docs/fhir.md#task). */
@HiddenFromNetworkAdmin()
@FhirController('Task')
export class FhirTaskController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Header('Content-Type', FHIR_JSON)
  search(@Query() query: RawQuery, @FhirUrls() urls: FhirRequestUrls, @CurrentActor() actor: Actor): Promise<Bundle<Task>> {
    return this.queries.execute(new SearchFhirTasksQuery(actor, parseTaskSearch(query), urls));
  }

  @Get(':id')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Header('Content-Type', FHIR_JSON)
  async read(@Param('id') id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<Task> {
    const task = await this.queries.execute<ReadFhirTaskQuery, Task>(new ReadFhirTaskQuery(actor, fhirId(id)));
    setVersionHeaders(response, task);
    return task;
  }

  @Put(':id')
  @HttpCode(200)
  @Roles(...ORGANISATION_ACTING_ROLES)
  @ReplayWholeAnswer(
    'a Task holds ids, codes and fixed texts only: nothing about her, no free text (apps/api/src/fhir/task/task.mapping.ts)',
  )
  @Header('Content-Type', FHIR_JSON)
  async update(
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Context() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Task> {
    if (!request.is(['application/fhir+json', 'application/json'])) {
      throw fhirError(415, 'FHIR.UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the Task as application/fhir+json.');
    }
    const change = readTaskChange(fhirId(id), body);
    const task = await this.commands.execute<UpdateFhirTaskCommand, Task>(
      new UpdateFhirTaskCommand(id, change, ifMatchVersion(ifMatch), context),
    );
    setVersionHeaders(response, task);
    return task;
  }
}
