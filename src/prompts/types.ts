/**
 * The questions the interactive session can ask, as an interface: the real
 * one is inquirer (prompts/inquirer.ts, loaded only in interactive mode), and
 * tests script it (test/helpers/scripted-prompter.ts), running each
 * question's validation and failing on a question they did not expect.
 */
export interface Choice<T> {
  name: string;
  value: T;
  description?: string | undefined;
}

export interface Prompter {
  select<T>(q: {
    name: string;
    message: string;
    choices: Choice<T>[];
    default?: T | undefined;
  }): Promise<T>;
  checkbox<T>(q: {
    name: string;
    message: string;
    choices: (Choice<T> & { checked?: boolean })[];
    validate?: ((values: T[]) => true | string) | undefined;
  }): Promise<T[]>;
  /** A searchable list: `source` filters the choices by what was typed. */
  search<T>(q: {
    name: string;
    message: string;
    source: (term: string) => Choice<T>[];
  }): Promise<T>;
  input(q: {
    name: string;
    message: string;
    default?: string | undefined;
    validate?: ((text: string) => true | string) | undefined;
  }): Promise<string>;
  confirm(q: { name: string; message: string; default?: boolean | undefined }): Promise<boolean>;
}
