import { DomainRuleError } from '#kernel';

/** The stable code (409) of a command that separation of duty cannot check: its key names no employee. */
export const ACTOR_NOT_AN_EMPLOYEE = 'ACTOR_NOT_AN_EMPLOYEE';

/** Who acts, as a command carries it: the key's subject, and the employee the key belongs to, if any. */
export interface ActingKey {
  readonly actorId: string;
  readonly employeeId?: string;
}

/**
 * The employee behind a command that must come from someone other than the person it concerns. A key
 * that names no employee could be anyone, that person included, so it is refused rather than compared.
 */
export function actingEmployee(actor: ActingKey, duty: string): string {
  if (actor.employeeId === undefined) {
    throw new DomainRuleError(ACTOR_NOT_AN_EMPLOYEE, `${duty} needs to know which employee acts, and the key of ${actor.actorId} names none`, {
      actorId: actor.actorId,
    });
  }
  return actor.employeeId;
}
