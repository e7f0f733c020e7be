import { safeText } from "./core/safe-text.js";

/** Exit codes, documented in the README. */
export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
/** `check-amp --fail-on`: a verdict at or below the level asked for (1 stays for bugs). */
export const EXIT_VERDICT = 3;
export const EXIT_INTERRUPTED = 130;

/**
 * An error we expect and can explain. `main()` prints its message (and hint) on
 * stderr without a stack and exits with `exitCode`.
 */
export class HpAdviseError extends Error {
  override name = "HpAdviseError";
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(message: string, options: { exitCode?: number; hint?: string | undefined } = {}) {
    super(message);
    this.exitCode = options.exitCode ?? EXIT_USAGE;
    this.hint = options.hint;
  }
}

/** A bad flag value or a missing answer: the user can fix the command line. */
export class UsageError extends HpAdviseError {
  override name = "UsageError";
}

/** An id that is not in the catalog; the hint carries the did-you-mean. */
export class UnknownIdError extends HpAdviseError {
  override name = "UnknownIdError";
}

/** One located problem in a catalog file. */
export interface CatalogIssue {
  file: string;
  line?: number | undefined;
  column?: number | undefined;
  /** Full path of the field, e.g. `headphones[4].sensitivity.value`. */
  path: string;
  message: string;
}

/** Problems printed at most; the rest are counted. Nobody reads 100,000 lines. */
export const ISSUES_SHOWN = 200;

/** One or more catalog files are unreadable or invalid; the first ISSUES_SHOWN issues are listed. */
export class CatalogError extends HpAdviseError {
  override name = "CatalogError";
  readonly issues: readonly CatalogIssue[];

  /** `what`: where the problems are, for the first line ("catalog data", "the rules file"). */
  constructor(issues: readonly CatalogIssue[], hint?: string, what = "catalog data") {
    const shown = issues.slice(0, ISSUES_SHOWN).map((i) => `  ${formatIssue(i)}`);
    if (issues.length > ISSUES_SHOWN) shown.push(`  and ${issues.length - ISSUES_SHOWN} more`);
    super(
      `${issues.length} problem${issues.length === 1 ? "" : "s"} in ${what}:\n${shown.join("\n")}`,
      { hint },
    );
    this.issues = issues;
  }
}

/** One issue on one line, made safe to show (names and values in it come from the file). */
export function formatIssue(issue: CatalogIssue): string {
  return safeText(formatIssueRaw(issue));
}

function formatIssueRaw(issue: CatalogIssue): string {
  const where =
    issue.line === undefined
      ? issue.file
      : `${issue.file}:${issue.line}${issue.column === undefined ? "" : `:${issue.column}`}`;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}
