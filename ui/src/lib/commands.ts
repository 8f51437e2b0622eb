/**
 * Typed names for the API's commands, so a page cannot send the wrong arguments or expect the
 * wrong result. Each is one line over `call` in api.ts; the command names are the same in the
 * Tauri shell and the HTTP bridge.
 */

import { call } from './api';
import { getLanguage } from './i18n';
import type { DocumentArgsDto } from '../generated/DocumentArgsDto';
import type { ProgrammeReportArgsDto } from '../generated/ProgrammeReportArgsDto';
import type { BenefitTargetDto } from '../generated/BenefitTargetDto';
import type { NewBenefitTargetDto } from '../generated/NewBenefitTargetDto';
import type { ParametersDto } from '../generated/ParametersDto';
import type { ProgrammeFlagDto } from '../generated/ProgrammeFlagDto';
import type { ProgressDto } from '../generated/ProgressDto';
import type { ResolveDoubleCountDto } from '../generated/ResolveDoubleCountDto';
import type { ValuationDto } from '../generated/ValuationDto';
import type { ValuationResultsDto } from '../generated/ValuationResultsDto';
import type { WorksheetDto } from '../generated/WorksheetDto';
import type { ApplicationDto } from '../generated/ApplicationDto';
import type { ApplicationState } from '../generated/ApplicationState';
import type { ApplicationVersionDto } from '../generated/ApplicationVersionDto';
import type { AttachmentContentDto } from '../generated/AttachmentContentDto';
import type { AttachmentDto } from '../generated/AttachmentDto';
import type { AttachmentRefDto } from '../generated/AttachmentRefDto';
import type { DiffArgsDto } from '../generated/DiffArgsDto';
import type { FieldChangeDto } from '../generated/FieldChangeDto';
import type { MessageDto } from '../generated/MessageDto';
import type { NewAttachmentDto } from '../generated/NewAttachmentDto';
import type { ReadinessDto } from '../generated/ReadinessDto';
import type { SearchArgsDto } from '../generated/SearchArgsDto';
import type { UpdateApplicationDto } from '../generated/UpdateApplicationDto';
import type { VersionSummaryDto } from '../generated/VersionSummaryDto';
import type { ApplicationFilterDto } from '../generated/ApplicationFilterDto';
import type { ApplicationSummaryDto } from '../generated/ApplicationSummaryDto';
import type { NewApplicationDto } from '../generated/NewApplicationDto';
import type { OverviewDto } from '../generated/OverviewDto';
import type { PersonDto } from '../generated/PersonDto';
import type { ProgrammeDto } from '../generated/ProgrammeDto';
import type { SessionDto } from '../generated/SessionDto';
import type { AuditReportDto } from '../generated/AuditReportDto';
import type { BackupDto } from '../generated/BackupDto';
import type { BundleFileDto } from '../generated/BundleFileDto';
import type { BundleLogDto } from '../generated/BundleLogDto';
import type { BundlePreviewDto } from '../generated/BundlePreviewDto';
import type { CertificateDto } from '../generated/CertificateDto';
import type { ConflictDto } from '../generated/ConflictDto';
import type { ExportDto } from '../generated/ExportDto';
import type { ExportedBundleDto } from '../generated/ExportedBundleDto';
import type { NewPersonDto } from '../generated/NewPersonDto';
import type { SetupProgrammeDto } from '../generated/SetupProgrammeDto';
import type { IdentityDto } from '../generated/IdentityDto';
import type { InitIdentityDto } from '../generated/InitIdentityDto';
import type { InviteDto } from '../generated/InviteDto';
import type { ResolveConflictDto } from '../generated/ResolveConflictDto';
import type { RevokeDto } from '../generated/RevokeDto';
import type { RotateDto } from '../generated/RotateDto';
import type { SendDto } from '../generated/SendDto';
import type { CriterionScoreDto } from '../generated/CriterionScoreDto';
import type { SavedScoreDto } from '../generated/SavedScoreDto';
import type { AssignDto } from '../generated/AssignDto';
import type { DeclareJavDto } from '../generated/DeclareJavDto';
import type { DraftCriterionDto } from '../generated/DraftCriterionDto';
import type { MarkAbsentDto } from '../generated/MarkAbsentDto';
import type { RecommendDto } from '../generated/RecommendDto';
import type { MyReviewDto } from '../generated/MyReviewDto';
import type { RoundDto } from '../generated/RoundDto';
import type { RoundOverviewDto } from '../generated/RoundOverviewDto';
import type { RoundSummaryDto } from '../generated/RoundSummaryDto';
import type { RubricDto } from '../generated/RubricDto';
import type { ScoreVersionDto } from '../generated/ScoreVersionDto';
import type { PrioritisationDto } from '../generated/PrioritisationDto';
import type { PrioritiseDto } from '../generated/PrioritiseDto';
import type { FrameChangeDto } from '../generated/FrameChangeDto';
import type { FrameDto } from '../generated/FrameDto';
import type { FrameKeyDto } from '../generated/FrameKeyDto';
import type { SetFrameDto } from '../generated/SetFrameDto';
import type { DecisionDto } from '../generated/DecisionDto';
import type { RecordDecisionDto } from '../generated/RecordDecisionDto';
import type { MemoArgsDto } from '../generated/MemoArgsDto';
import type { MemoFileDto } from '../generated/MemoFileDto';
import type { MemoPreviewDto } from '../generated/MemoPreviewDto';
import type { PdfFileDto } from '../generated/PdfFileDto';
import type { SaveScenarioDto } from '../generated/SaveScenarioDto';
import type { ScenarioDto } from '../generated/ScenarioDto';
import type { ScenarioComparisonDto } from '../generated/ScenarioComparisonDto';
import type { ProposalDto } from '../generated/ProposalDto';
import type { ExportArgsDto } from '../generated/ExportArgsDto';
import type { ExportFileDto } from '../generated/ExportFileDto';
import type { DueFollowUpDto } from '../generated/DueFollowUpDto';
import type { FinalReportInputDto } from '../generated/FinalReportInputDto';
import type { FollowUpInputDto } from '../generated/FollowUpInputDto';
import type { FollowUpViewDto } from '../generated/FollowUpViewDto';
import type { RealisationArgsDto } from '../generated/RealisationArgsDto';
import type { RealisationDto } from '../generated/RealisationDto';
import type { IndicatorDto } from '../generated/IndicatorDto';
import type { IndicatorInputDto } from '../generated/IndicatorInputDto';
import type { MeasurementInputDto } from '../generated/MeasurementInputDto';
import type { MoneyRowDto } from '../generated/MoneyRowDto';
import type { OverdueReportDto } from '../generated/OverdueReportDto';
import type { PerspectiveDto } from '../generated/PerspectiveDto';
import type { ScheduleDto } from '../generated/ScheduleDto';
import type { StatusReportDto } from '../generated/StatusReportDto';
import type { StatusReportInputDto } from '../generated/StatusReportInputDto';

export const getSession = () => call<SessionDto>('session.get');
export const listPersonas = () => call<PersonDto[]>('persona.list');
export const listPeople = () => call<PersonDto[]>('person.list');
export const addPerson = (args: NewPersonDto) => call<PersonDto>('person.add', args);
export const switchPersona = (person_id: string) =>
  call<SessionDto>('persona.switch', { person_id });
export const getProgramme = () => call<ProgrammeDto>('programme.get');
export const getOverview = () => call<OverviewDto>('overview.get');
export const listApplications = (filter: ApplicationFilterDto) =>
  call<ApplicationSummaryDto[]>('application.list', filter);
export const getApplication = (id: string) => call<ApplicationDto>('application.get', { id });
export const createApplication = (application: NewApplicationDto) =>
  call<ApplicationDto>('application.create', application);
export const transitionApplication = (id: string, to: ApplicationState, reason: string) =>
  call<ApplicationDto>('application.transition', { id, to, reason });
export const updateApplication = (update: UpdateApplicationDto) =>
  call<ApplicationDto>('application.update', update);
export const checkApplication = (id: string) => call<ReadinessDto>('application.check', { id });
export const submitApplication = (id: string) => call<ApplicationDto>('application.submit', { id });
export const listVersions = (id: string) =>
  call<VersionSummaryDto[]>('application.versions', { id });
export const getVersion = (id: string, number: number) =>
  call<ApplicationVersionDto>('application.version', { id, number });
export const diffVersions = (args: DiffArgsDto) => call<FieldChangeDto[]>('application.diff', args);
export const requestSupplement = (id: string, text: string) =>
  call<ApplicationDto>('application.supplement.request', { id, text });
export const answerSupplement = (id: string, text: string) =>
  call<ApplicationDto>('application.supplement.answer', { id, text });
export const getThread = (id: string) => call<MessageDto[]>('application.thread', { id });
export const listNotes = (id: string) => call<MessageDto[]>('application.notes', { id });
export const addNote = (id: string, text: string) =>
  call<MessageDto[]>('application.notes.add', { id, text });
export const searchApplications = (args: SearchArgsDto) =>
  call<ApplicationSummaryDto[]>('application.search', args);
export const addAttachment = (attachment: NewAttachmentDto) =>
  call<AttachmentDto[]>('application.attachments.add', attachment);
export const removeAttachment = (ref: AttachmentRefDto) =>
  call<AttachmentDto[]>('application.attachments.remove', ref);
export const getAttachment = (attachment_id: string) =>
  call<AttachmentContentDto>('application.attachments.get', { attachment_id });
export const evalWorksheet = (worksheet: WorksheetDto) =>
  call<ValuationResultsDto>('valuation.eval', { worksheet });
export const createValuation = (application_id: string) =>
  call<ValuationDto>('valuation.create', { application_id });
export const getValuation = (id: string) => call<ValuationDto>('valuation.get', { id });
export const valuationsOf = (application_id: string) =>
  call<ValuationDto[]>('valuation.of_application', { id: application_id });
export const saveValuation = (id: string, worksheet: WorksheetDto) =>
  call<ValuationDto>('valuation.save', { id, worksheet });
export const resolveDoubleCount = (args: ResolveDoubleCountDto) =>
  call<ValuationDto>('valuation.resolve', args);
export const approveValuation = (id: string) => call<ValuationDto>('valuation.approve', { id });
export const programmeFlags = () => call<ProgrammeFlagDto[]>('valuation.flags', {});
export const getRound = (year: number) => call<ParametersDto>('valuation.round.get', { year });
export const setRound = (year: number, parameters: ParametersDto) =>
  call<ParametersDto>('valuation.round.set', { year, parameters });
export const listTargets = () => call<BenefitTargetDto[]>('valuation.targets', {});
export const addTarget = (target: NewBenefitTargetDto) =>
  call<BenefitTargetDto>('valuation.target.add', target);

// Identity, the office key, bundles, backups and the audit log (docs/bundle-format.md).
export const setupUnits = () => call<string[]>('programme.setup.units', {});
export const setupProgramme = (args: SetupProgrammeDto) => call<IdentityDto>('programme.setup', args);
export const initDemo = () => call<unknown>('demo.init', { scale: 'small' });
export const showIdentity = () => call<IdentityDto>('identity.show', {});
export const initIdentity = (args: InitIdentityDto) => call<IdentityDto>('identity.init', args);
export const initOffice = (passphrase: string | null) => call<IdentityDto>('office.init', { passphrase });
export const invite = (args: InviteDto) => call<ExportedBundleDto>('office.invite', args);
export const revokeCertificate = (args: RevokeDto) => call<IdentityDto>('office.revoke', args);
export const listCertificates = () => call<CertificateDto[]>('office.certificates', {});
export const rotateOfficeKey = (args: RotateDto) => call<IdentityDto>('office.rotate', args);
export const inspectBundle = (file: BundleFileDto) => call<BundlePreviewDto>('bundle.inspect', file);
export const importBundle = (file: BundleFileDto) => call<BundlePreviewDto>('bundle.import', file);
export const getProgress = () => call<ProgressDto>('progress.get');
export const cancelProgress = () => call<boolean>('progress.cancel');
export const bundleLog = () => call<BundleLogDto[]>('bundle.log', {});
export const exportBundle = (args: ExportDto) => call<ExportedBundleDto>('bundle.export', args);
export const sendWork = (args: SendDto) => call<ExportedBundleDto>('bundle.send', args);
export const listConflicts = () => call<ConflictDto[]>('conflicts.list', {});
export const resolveConflict = (args: ResolveConflictDto) => call<ConflictDto[]>('conflicts.resolve', args);
export const createBackup = () => call<BackupDto>('backup.create', {});
export const listBackups = () => call<BackupDto[]>('backup.list', {});
export const restoreBackup = (file_name: string) => call<BackupDto>('backup.restore', { file_name });
export const verifyAuditLog = () => call<AuditReportDto>('audit.verify', {});

// Beredning: rounds, the group, jäv and absence, scores and drafts, the summary, recommendations.
export const listRounds = () => call<RoundDto[]>('review.rounds', {});
export const getReviewRound = (id: string) => call<RoundDto>('review.round.get', { id });
export const createReviewRound = (portfolio: number, year: number) =>
  call<RoundDto>('review.round.create', { portfolio, year });
export const closeReviewRound = (round_id: string) => call<RoundDto>('review.round.close', { round_id });
export const setRubric = (round_id: string, rubric: RubricDto) =>
  call<RoundDto>('review.rubric.set', { round_id, rubric });
export const addReviewMember = (round_id: string, person_id: string) =>
  call<RoundDto>('review.member.add', { round_id, person_id });
export const assignReviews = (args: AssignDto) => call<RoundDto>('review.assign', args);
export const declareJav = (args: DeclareJavDto) => call<RoundSummaryDto>('review.jav.declare', args);
export const markAbsent = (args: MarkAbsentDto) => call<RoundSummaryDto>('review.absent', args);
export const myReview = (round_id: string) => call<MyReviewDto>('review.mine', { id: round_id });
export const saveScoreDraft = (round_id: string, application_id: string, criteria: Record<string, DraftCriterionDto>) =>
  call<null>('review.draft.save', { round_id, application_id, criteria });
export const submitScore = (round_id: string, application_id: string, criteria: Record<string, CriterionScoreDto>) =>
  call<SavedScoreDto>('review.score', { round_id, application_id, criteria });
export const roundSummary = (round_id: string) => call<RoundSummaryDto>('review.summary', { id: round_id });
export const scoreHistory = (round_id: string, application_id: string) =>
  call<ScoreVersionDto[]>('review.history', { round_id, application_id });
export const recommend = (args: RecommendDto) => call<RoundSummaryDto>('review.recommend', args);
export const reviewOverview = () => call<RoundOverviewDto[]>('review.overview', {});
export const exportReviewerBundle = (round_id: string, person_id: string, passphrase: string | null) =>
  call<ExportedBundleDto>('review.bundle.export', { round_id, person_id, passphrase });
export const exportMyScores = (round_id: string, passphrase: string | null) =>
  call<ExportedBundleDto>('review.scores.export', { round_id, passphrase });

// Prioritering: the selection within a frame, the frames themselves, the decisions and the memo.
export const prioritise = (args: PrioritiseDto) => call<PrioritisationDto>('prioritise.run', args);
export const listFrames = () => call<FrameDto[]>('frame.list', {});
export const setFrame = (args: SetFrameDto) => call<FrameDto>('frame.set', args);
export const frameHistory = (key: FrameKeyDto) => call<FrameChangeDto[]>('frame.history', key);
export const recordDecision = (args: RecordDecisionDto) => call<DecisionDto[]>('decision.record', args);
export const listDecisions = (application_id: string) => call<DecisionDto[]>('decision.list', { id: application_id });
export const previewMemo = (args: MemoArgsDto) => call<MemoPreviewDto>('memo.preview', args);
export const exportMemo = (args: MemoArgsDto) => call<MemoFileDto>('memo.export', args);
// Documents are made in the language the UI shows (the memo is always Swedish: it is the
// council's document).
const documentOf = (id: string): DocumentArgsDto => ({ id, language: getLanguage() });
export const decisionNotice = (application_id: string) => call<PdfFileDto>('decision.notice', documentOf(application_id));
export const applicationPrintout = (id: string) => call<PdfFileDto>('application.printout', documentOf(id));

// Scenarios of a portfolio and year, side by side, and the proposal adopted from one of them.
export const saveScenario = (args: SaveScenarioDto) => call<ScenarioDto>('scenario.save', args);
export const listScenarios = (key: FrameKeyDto) => call<ScenarioDto[]>('scenario.list', key);
export const deleteScenario = (id: string) => call<null>('scenario.delete', { id });
export const compareScenarios = (ids: string[]) => call<ScenarioComparisonDto>('scenario.compare', { ids });
export const adoptProposal = (scenario_id: string) => call<ProposalDto>('proposal.adopt', { scenario_id });
export const getProposal = (key: FrameKeyDto) => call<ProposalDto | null>('proposal.get', key);

// Uppföljning: the final report that closes a project, the effekthemtagning a year later, what
// is due, the realisation rate, and the programme's data as a file for Excel (the projektkontor
// records and exports; everyone reads).
export const getFollowUp = (application_id: string) => call<FollowUpViewDto>('followup.get', { id: application_id });
export const recordFinalReport = (args: FinalReportInputDto) => call<FollowUpViewDto>('followup.final_report', args);
export const recordFollowUp = (args: FollowUpInputDto) => call<FollowUpViewDto>('followup.record', args);
export const dueFollowUps = () => call<DueFollowUpDto[]>('followup.due', {});
export const getRealisation = (args: RealisationArgsDto) => call<RealisationDto>('followup.realisation', args);
export const exportFile = (args: ExportArgsDto) => call<ExportFileDto>('export.file', args);

// Statusrapporter while a project runs (the applying unit and the office write them; a member
// laptop sends its own to the office as a bundle), the reporting schedule, the five
// perspectives' indicators, money per portfolio and the yearly programme report.
export const submitStatusReport = (args: StatusReportInputDto) => call<StatusReportDto>('status.submit', args);
export const listStatusReports = (application_id: string) => call<StatusReportDto[]>('status.list', { id: application_id });
export const overdueStatusReports = () => call<OverdueReportDto[]>('status.overdue', {});
export const getReportSchedule = () => call<ScheduleDto>('status.schedule.get', {});
export const setReportSchedule = (schedule: ScheduleDto) => call<ScheduleDto>('status.schedule.set', schedule);
export const exportStatusBundle = (passphrase: string | null) =>
  call<ExportedBundleDto>('status.bundle.export', { passphrase });
export const listIndicators = () => call<PerspectiveDto[]>('indicator.list', {});
export const defineIndicator = (args: IndicatorInputDto) => call<IndicatorDto>('indicator.define', args);
export const measureIndicator = (args: MeasurementInputDto) => call<IndicatorDto>('indicator.measure', args);
export const followUpMoney = () => call<MoneyRowDto[]>('followup.money', {});
export const programmeReport = (year: number) =>
  call<PdfFileDto>('report.programme', { year, language: getLanguage() } satisfies ProgrammeReportArgsDto);
