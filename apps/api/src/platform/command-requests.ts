/*
 * The shapes a command takes from its caller, derived from the domain's command type so that the
 * command is the one declaration of its fields. A command route's request DTO `implements` one of
 * them, so that the compiler checks its fields against the command, and the command service takes
 * the same shape. Where the wire differs from the command (a field the server defaults, a value it
 * looks up from an id), the difference is written out next to the service, on top of `RequestOf`.
 */

/** A command as the domain declares it: named by `type`, dated in the business by `at`. */
interface DatedCommand {
  readonly type: string;
  readonly at: string;
}

/** The business time a request may give: the command's `at`, now when absent (see `CommandRunner.businessTime`). */
export interface BusinessTime {
  readonly occurredAt?: string;
}

/**
 * What a caller gives of the command `C`: its fields but `type`, `at` (given as `occurredAt`) and
 * `Filled`, the fields the route fills in itself, from the path, the caller's key, the catalogue or
 * the state of other streams.
 */
export type RequestOf<C extends DatedCommand, Filled extends keyof C = never> = Omit<C, 'type' | 'at' | Filled> & BusinessTime;

/** `T` with the fields `K` optional: the service defaults them (a new entity's id, a flag, the next day). */
export type WithOptional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
