/** Where in a source file a problem sits; every part is optional because not every format has sheets. */
export interface SourceLocation {
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
}

/** Bad input: the message names file, sheet, row and column where they apply. Never a crash, never partial data. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly location: SourceLocation = {},
  ) {
    super(message);
    this.name = 'InputError';
  }

  static at(location: SourceLocation, problem: string): InputError {
    return new InputError(`${describeLocation(location)}: ${problem}`, location);
  }
}

export function describeLocation({ file, sheet, row, column }: SourceLocation): string {
  const parts: string[] = [];
  if (file) parts.push(file);
  if (sheet !== undefined) parts.push(`sheet "${sheet}"`);
  if (row !== undefined) parts.push(`row ${row}`);
  if (column !== undefined) parts.push(`column "${column}"`);
  return parts.join(', ');
}
