/**
 * Typed names for the API's commands, so a page cannot send the wrong arguments or expect the
 * wrong result. Each is one line over `call` in api.ts; the command names are the same in the
 * Tauri shell and the HTTP bridge.
 */

import { call } from './api';
import type { ApplicationDto } from '../generated/ApplicationDto';
import type { ApplicationFilterDto } from '../generated/ApplicationFilterDto';
import type { ApplicationSummaryDto } from '../generated/ApplicationSummaryDto';
import type { NewApplicationDto } from '../generated/NewApplicationDto';
import type { OverviewDto } from '../generated/OverviewDto';
import type { PersonDto } from '../generated/PersonDto';
import type { ProgrammeDto } from '../generated/ProgrammeDto';
import type { SessionDto } from '../generated/SessionDto';

export const getSession = () => call<SessionDto>('session.get');
export const listPersonas = () => call<PersonDto[]>('persona.list');
export const switchPersona = (person_id: string) =>
  call<SessionDto>('persona.switch', { person_id });
export const getProgramme = () => call<ProgrammeDto>('programme.get');
export const getOverview = () => call<OverviewDto>('overview.get');
export const listApplications = (filter: ApplicationFilterDto) =>
  call<ApplicationSummaryDto[]>('application.list', filter);
export const getApplication = (id: string) => call<ApplicationDto>('application.get', { id });
export const createApplication = (application: NewApplicationDto) =>
  call<ApplicationDto>('application.create', application);
