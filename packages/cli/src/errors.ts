/** A usage problem found by the CLI itself (unknown option, missing argument, bad flag value). */
export interface UsageError {
  readonly _tag: 'UsageError';
  readonly message: string;
}
/** A file that cannot be read (missing, a directory, no permission). */
export interface UnreadableFile {
  readonly _tag: 'UnreadableFile';
  readonly path: string;
  readonly message: string;
}

/** Any tagged error the CLI reports: its own, or one of the libraries'. */
export interface TaggedError {
  readonly _tag: string;
  readonly message?: string;
}

/** Constructors of the CLI's own errors. */
export const CliErrors = {
  usage: (message: string): UsageError => ({ _tag: 'UsageError', message }),
  unreadable: (path: string, cause: string): UnreadableFile => ({
    _tag: 'UnreadableFile',
    path,
    message: `cannot read ${path}: ${cause}`,
  }),
} as const;

/**
 * The one-line human form of a tagged error: the message, with every bad field of a
 * `ValidationFailed` named (`data.likelihood: expected an integer from 1 to 5`).
 */
export function describeError(error: TaggedError): string {
  const errors = 'errors' in error ? (error as { readonly errors?: unknown }).errors : undefined;
  if (error._tag === 'ValidationFailed' && Array.isArray(errors) && errors.length > 0) {
    const parts = errors.map((e: unknown) => {
      const f = e as { path?: unknown; message?: unknown };
      const path = typeof f.path === 'string' && f.path !== '' ? `${f.path}: ` : '';
      return `${path}${typeof f.message === 'string' ? f.message : 'invalid'}`;
    });
    return `invalid input: ${parts.join('; ')}`;
  }
  const message = typeof error.message === 'string' ? error.message : error._tag;
  return message.replace(/\s*\n\s*/g, ' ');
}

/** Turns anything thrown into a message. */
export function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
