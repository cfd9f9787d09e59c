/** Problems with a request or settings, each with the path of its field, as zod reports them. */
import type { z } from 'zod';

/** Where a problem is: `['bpm']`, `['targets', 1, 'impairment', 'delayMs']`. */
export type FieldPath = readonly (string | number)[];

/** One problem with one field (the shape the command errors carry). */
export interface FieldProblem {
  field: FieldPath;
  message: string;
}

/** Every issue of a zod error with its path (symbol keys, which JSON cannot carry, dropped). */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.filter((k): k is string | number => typeof k !== 'symbol'),
    message: issue.message,
  }));
}

/** A settings problem in words that say which target: "target 2: the port must be ...". */
export function describeSettingsProblem({ field, message }: FieldProblem): string {
  const [name, index] = field;
  return name === 'targets' && typeof index === 'number'
    ? `target ${index + 1}: ${message}`
    : message;
}
