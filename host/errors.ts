// One error type for bad user input. The CLI prints `message` as one line and exits 2; nothing else is printed.

export class InputError extends Error {
  readonly exitCode = 2;
  /**
   * @param where  the file (and row or key) at fault, e.g. `topo.csv row 3` or `arch.yaml: array.rows`
   * @param what   what is wrong
   * @param fix    how to fix it
   */
  constructor(
    readonly where: string,
    readonly what: string,
    readonly fix: string,
  ) {
    super(`${where}: ${what}; ${fix}`);
    this.name = 'InputError';
  }
}

export const isInputError = (e: unknown): e is InputError => e instanceof InputError;
