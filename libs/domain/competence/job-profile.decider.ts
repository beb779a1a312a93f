import { DomainRuleError, type Decider } from '#kernel';
import { rejectDatedBeforeLastChange, rejectRetiredPosition } from '../organisation/references.js';
import {
  validApproveJobProfile,
  validDraftJobProfile,
  type ApproveJobProfile,
  type DraftJobProfile,
  type JobProfileCommand,
} from './job-profile.commands.js';
import {
  JOB_PROFILE_APPROVED,
  JOB_PROFILE_DRAFTED,
  PROFILE_COMPETENCY_SECTION_NAMES,
  PROFILE_COMPETENCY_SECTIONS,
  requirementsOf,
  type JobProfileContent,
  type JobProfileEvent,
} from './job-profile.events.js';
import type { CompetencyCatalogue } from './competency-catalogue.decider.js';
import { checkRequiredCompetencies } from './requirements.js';
import { sameJson } from '../shared/objects.js';

export interface ApprovedProfile {
  readonly version: number;
  readonly content: JobProfileContent;
  readonly effectiveFrom: string;
}

export interface JobProfileState {
  readonly positionId?: string;
  /** The version in force; absent until the first approval. */
  readonly approved?: ApprovedProfile;
  readonly draft?: { readonly version: number; readonly content: JobProfileContent };
  /** Business date of the latest draft or approval; none later may be dated before it. */
  readonly lastChangedAt?: string;
}

export type JobProfileDecider = Decider<JobProfileCommand, JobProfileEvent, JobProfileState>;

/**
 * The job profile of a position: a draft is edited (each edit sets the whole content), then approved,
 * which puts that version in force from the approval's business date; the next edit opens the draft
 * of the next version. Every version that was ever in force stays in the log, so a gap can always be
 * traced to the requirements it was measured against.
 *
 * Rules: no profile for a retired position (`POSITION_RETIRED`); each competency active and in the
 * section of its kind (`COMPETENCY_RETIRED`, `COMPETENCY_KIND_MISMATCH`), also when approving, since
 * the catalogue may have moved on since the draft; approving needs an open draft
 * (`NO_JOB_PROFILE_DRAFT`) that requires some competency (`EMPTY_JOB_PROFILE`); changes are dated in
 * order (`DATED_BEFORE_LAST_CHANGE`). A draft equal to the open one appends nothing.
 */
export function jobProfileDecider(): JobProfileDecider {
  return {
    initialState: () => ({}),

    decide(command, state) {
      switch (command.type) {
        case 'DraftJobProfile':
          return draft(validDraftJobProfile(command), state);
        case 'ApproveJobProfile':
          return approve(validApproveJobProfile(command), state);
      }
    },

    evolve,
  };
}

function draft(command: DraftJobProfile, state: JobProfileState): JobProfileEvent[] {
  const { positionId, content, at } = command;
  checkSections(command.catalogue, content);
  rejectRetiredPosition({ positionId, status: command.positionStatus });
  rejectDatedEarly(state, positionId, at);
  if (state.draft !== undefined && sameJson(state.draft.content, content)) return [];
  const version = state.draft?.version ?? (state.approved?.version ?? 0) + 1;
  return [{ type: JOB_PROFILE_DRAFTED, data: { positionId, version, content, draftedAt: at } }];
}

function approve(command: ApproveJobProfile, state: JobProfileState): JobProfileEvent[] {
  const { positionId, at } = command;
  rejectRetiredPosition({ positionId, status: command.positionStatus });
  const open = state.draft;
  if (open === undefined) {
    throw new DomainRuleError('NO_JOB_PROFILE_DRAFT', `the profile of position ${positionId} has no draft to approve`, { positionId });
  }
  if (requirementsOf(open.content).length === 0) {
    throw new DomainRuleError('EMPTY_JOB_PROFILE', `the draft of position ${positionId} requires no competency`, { positionId });
  }
  checkSections(command.catalogue, open.content);
  rejectDatedEarly(state, positionId, at);
  return [{ type: JOB_PROFILE_APPROVED, data: { positionId, version: open.version, content: open.content, effectiveFrom: at } }];
}

function checkSections(catalogue: CompetencyCatalogue, content: JobProfileContent): void {
  for (const section of PROFILE_COMPETENCY_SECTION_NAMES) {
    checkRequiredCompetencies(catalogue, content[section], section, PROFILE_COMPETENCY_SECTIONS[section]);
  }
}

function rejectDatedEarly(state: JobProfileState, positionId: string, at: string): void {
  if (state.lastChangedAt !== undefined) rejectDatedBeforeLastChange('job profile', positionId, state.lastChangedAt, at);
}

function evolve(state: JobProfileState, event: JobProfileEvent): JobProfileState {
  switch (event.type) {
    case JOB_PROFILE_DRAFTED: {
      const { positionId, version, content, draftedAt } = event.data;
      return { ...state, positionId, draft: { version, content }, lastChangedAt: draftedAt };
    }
    case JOB_PROFILE_APPROVED: {
      const { positionId, version, content, effectiveFrom } = event.data;
      return { positionId, approved: { version, content, effectiveFrom }, lastChangedAt: effectiveFrom };
    }
  }
}
