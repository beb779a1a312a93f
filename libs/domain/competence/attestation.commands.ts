import {
  invalid,
  rejectRepeated,
  requireId,
  requireIdList,
  requireList,
  requireRecord,
  requireText,
  requireUtcInstant,
  withoutEmailAddress,
} from '../shared/validation.js';
import { validStanding, type EmployeeStanding } from './competence-record.commands.js';
import type { ApprovedProfile } from './job-profile.decider.js';
import { requireLevel, type ProficiencyScale } from './proficiency-scale.js';
import { MAX_REQUIREMENTS } from './requirements.js';

export interface FormAttestationCommission {
  readonly type: 'FormAttestationCommission';
  readonly attestationId: string;
  readonly employeeId: string;
  readonly employee: EmployeeStanding;
  /** The profile in force for the employee's position, as the command service folded it; absent when none was approved. */
  readonly profile?: ApprovedProfile;
  readonly members: readonly string[];
  readonly chairId: string;
  readonly sittingAt: string;
  readonly at: string;
}

/** The level the commission found for one competency of the profile. */
export interface LevelFound {
  readonly competencyId: string;
  readonly level: number;
}

export interface RecordAttestationResults {
  readonly type: 'RecordAttestationResults';
  readonly attestationId: string;
  /** The attested employee as the organisation catalogue knows them now. */
  readonly employee: EmployeeStanding;
  readonly results: readonly LevelFound[];
  readonly minutes: string;
  readonly scale: ProficiencyScale;
  readonly at: string;
}

export type AttestationCommand = FormAttestationCommission | RecordAttestationResults;

export const MIN_COMMISSION_MEMBERS = 2;
export const MAX_COMMISSION_MEMBERS = 20;
export const MAX_MINUTES_LENGTH = 20_000;

/** Members are distinct; the chair is one of them. */
export function validFormAttestationCommission(command: FormAttestationCommission): FormAttestationCommission {
  const members = requireIdList(command.members, 'members', MIN_COMMISSION_MEMBERS, MAX_COMMISSION_MEMBERS);
  const chairId = requireId(command.chairId, 'chairId');
  if (!members.includes(chairId)) throw invalid('chairId', 'must be one of the members');
  return {
    ...command,
    attestationId: requireId(command.attestationId, 'attestationId'),
    employeeId: requireId(command.employeeId, 'employeeId'),
    employee: validStanding(command.employee),
    members,
    chairId,
    sittingAt: requireUtcInstant(command.sittingAt, 'sittingAt'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

/** One level per competency, each on the scale. */
export function validRecordAttestationResults(command: RecordAttestationResults): RecordAttestationResults {
  const results = requireList(command.results, 'results', 1, MAX_REQUIREMENTS).map((result, index) =>
    validLevelFound(result, `results.${index}`, command.scale),
  );
  rejectRepeated(results.map((result) => result.competencyId), (index) => `results.${index}.competencyId`, 'repeats a competency found already');
  return {
    type: command.type,
    attestationId: requireId(command.attestationId, 'attestationId'),
    employee: validStanding(command.employee),
    results,
    minutes: withoutEmailAddress(requireText(command.minutes, 'minutes', MAX_MINUTES_LENGTH), 'minutes'),
    scale: command.scale,
    at: requireUtcInstant(command.at, 'at'),
  };
}

function validLevelFound(value: unknown, field: string, scale: ProficiencyScale): LevelFound {
  const found = requireRecord(value, field, '{ competencyId, level }');
  return { competencyId: requireId(found.competencyId, `${field}.competencyId`), level: requireLevel(found.level, `${field}.level`, scale) };
}
