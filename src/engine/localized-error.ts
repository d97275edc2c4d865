import type { Language } from './messages.js';

/**
 * A failure the user can act on, said in both languages. Every face (CLI, task pane, custom
 * functions) shows it through `messageOf`, so a new error class needs no face to learn it:
 * the English pane and `--lang en` show English for every one.
 */
export class LocalizedError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
    options?: { cause?: unknown },
  ) {
    super(vi, options);
    this.name = new.target.name;
  }
}

/** The user's text for a failure in their language; undefined for anything else (a bug, shown by the face as unexpected). */
export function messageOf(error: unknown, lang: Language): string | undefined {
  return error instanceof LocalizedError ? error[lang] : undefined;
}

/** The problems of user-editable data (a template, a unit list), one per line under a heading. */
export function listed(heading: string, problems: readonly string[]): string {
  return `${heading}:\n${problems.map((p) => `  - ${p}`).join('\n')}`;
}
