/** A command line the program cannot make sense of: the message is printed with the usage, exit code 2. */
export class UsageError extends Error {}

export interface ProgramErrors {
  readonly usage: string;
  /** Errors whose message says it all, printed without a stack trace. */
  readonly plain: (error: unknown) => boolean;
  /** The exit code of an error that has one of its own; 1 when undefined. */
  readonly exitCodeOf?: (error: unknown) => number | undefined;
}

/** Runs a program's main function and turns what it throws into a message and an exit code. */
export function runProgram(main: () => Promise<void>, errors: ProgramErrors): void {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${errors.usage}`);
      process.exit(2);
    }
    console.error(errors.plain(error) ? (error as Error).message : error);
    process.exit(errors.exitCodeOf?.(error) ?? 1);
  });
}
