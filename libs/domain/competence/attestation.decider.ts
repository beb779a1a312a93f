import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { isBefore } from '../organisation/references.js';
import { COMPETENCY_ASSESSED, derivedAssessmentId, type CompetencyAssessed } from './assessment.events.js';
import {
  validFormAttestationCommission,
  validRecordAttestationResults,
  type AttestationCommand,
  type FormAttestationCommission,
  type RecordAttestationResults,
} from './attestation.commands.js';
import {
  ATTESTATION_COMMISSION_FORMED,
  ATTESTATION_COMPLETED,
  type AttestationCommissionFormedData,
  type AttestationEvent,
  type CompetencyFinding,
} from './attestation.events.js';
import { rejectLeft } from './competence-record.decider.js';
import { requirementsOf } from './job-profile.events.js';

export type AttestationState =
  | { readonly status: 'absent' }
  | (Omit<AttestationCommissionFormedData, 'formedAt'> & { readonly status: 'formed' | 'completed' });

export type AttestationDecider = Decider<AttestationCommand, AttestationEvent, AttestationState>;

/**
 * An attestation: a commission formed to assess one employee against the profile of their position,
 * sitting on a date, and its results per competency of that profile, with the minutes. A finding is
 * `conforms` when the level found reaches the required one, `gap` otherwise; a gap is never grounds
 * for dismissal, it is what training closes. Each finding is also a `CompetencyAssessed`.
 *
 * Rules: one attestation per id (`ATTESTATION_EXISTS`); the employee works here
 * (`EMPLOYEE_LEFT`, also when the results come), has a profile in force (`NO_APPROVED_PROFILE`) and sits on no commission of
 * their own (`EMPLOYEE_ON_OWN_COMMISSION`); results once (`ATTESTATION_COMPLETED`), not before the
 * sitting (`DATED_BEFORE_SITTING`), only for competencies the profile requires (`COMPETENCY_NOT_IN_PROFILE`).
 */
export function attestationDecider(): AttestationDecider {
  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'FormAttestationCommission':
          return form(validFormAttestationCommission(command), state);
        case 'RecordAttestationResults':
          return complete(validRecordAttestationResults(command), state);
      }
    },

    evolve,
  };
}

function form(command: FormAttestationCommission, state: AttestationState): AttestationEvent[] {
  const { attestationId, employeeId, employee, profile, members, chairId, sittingAt, at } = command;
  if (state.status !== 'absent') {
    throw new DomainRuleError('ATTESTATION_EXISTS', `attestation ${attestationId} already exists`, { attestationId });
  }
  rejectLeft(employeeId, employee);
  if (profile === undefined) {
    throw new DomainRuleError('NO_APPROVED_PROFILE', `position ${employee.positionId} has no approved job profile to attest against`, {
      positionId: employee.positionId,
    });
  }
  if (members.includes(employeeId)) {
    throw new DomainRuleError('EMPLOYEE_ON_OWN_COMMISSION', `employee ${employeeId} cannot sit on their own commission`, { employeeId });
  }
  const requirements = requirementsOf(profile.content).map(({ competencyId, requiredLevel }) => ({ competencyId, requiredLevel }));
  return [
    {
      type: ATTESTATION_COMMISSION_FORMED,
      data: {
        attestationId,
        employeeId,
        positionId: employee.positionId,
        profileVersion: profile.version,
        requirements,
        members,
        chairId,
        sittingAt,
        formedAt: at,
      },
    },
  ];
}

function complete(command: RecordAttestationResults, state: AttestationState): AttestationEvent[] {
  const { attestationId, minutes, at } = command;
  if (state.status === 'absent') throw new NotFoundError('attestation', attestationId);
  rejectLeft(state.employeeId, command.employee);
  if (state.status === 'completed') {
    throw new DomainRuleError('ATTESTATION_COMPLETED', `attestation ${attestationId} has its results already`, { attestationId });
  }
  if (isBefore(at, state.sittingAt)) {
    throw new DomainRuleError('DATED_BEFORE_SITTING', `the commission of attestation ${attestationId} sits after ${at}`, {
      attestationId,
      sittingAt: state.sittingAt,
      at,
    });
  }
  const findings = command.results.map(({ competencyId, level }): CompetencyFinding => {
    const required = state.requirements.find((requirement) => requirement.competencyId === competencyId);
    if (required === undefined) {
      throw new DomainRuleError('COMPETENCY_NOT_IN_PROFILE', `profile version ${state.profileVersion} does not require ${competencyId}`, {
        attestationId,
        competencyId,
      });
    }
    return { competencyId, level, requiredLevel: required.requiredLevel, result: level >= required.requiredLevel ? 'conforms' : 'gap' };
  });
  const { employeeId, chairId, sittingAt } = state;
  return [
    { type: ATTESTATION_COMPLETED, data: { attestationId, employeeId, findings, minutes, completedAt: at } },
    ...findings.map(
      ({ competencyId, level, requiredLevel, result }): CompetencyAssessed => ({
        type: COMPETENCY_ASSESSED,
        data: {
          assessmentId: derivedAssessmentId(attestationId, competencyId),
          employeeId,
          competencyId,
          level,
          source: 'attestation',
          evidence: `attestation ${attestationId}, commission sitting ${sittingAt}: ${result} (required level ${requiredLevel})`,
          assessorId: chairId,
          assessedAt: at,
          validated: true,
        },
      }),
    ),
  ];
}

function evolve(state: AttestationState, event: AttestationEvent): AttestationState {
  switch (event.type) {
    case ATTESTATION_COMMISSION_FORMED: {
      const { formedAt: _formedAt, ...commission } = event.data;
      return { status: 'formed', ...commission };
    }
    case ATTESTATION_COMPLETED:
      return state.status === 'absent' ? state : { ...state, status: 'completed' };
    case COMPETENCY_ASSESSED:
      return state;
  }
}
