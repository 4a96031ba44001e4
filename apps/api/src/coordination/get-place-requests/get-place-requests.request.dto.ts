import { OmitType } from '@nestjs/swagger';
import { CoordinationFilterRequest } from '../coordination-filter.request.dto';

/** Place requests are selected by when they were made, her département and the service: `indicator` and `kind` do not apply. */
export class GetPlaceRequestsRequest extends OmitType(CoordinationFilterRequest, ['indicator', 'kind'] as const) {}
