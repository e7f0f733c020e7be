import { describe, expect, it } from "vitest";
import { promptColumns } from "../../src/prompts/inquirer.js";

describe("the width questions are laid out to", () => {
  it.each([
    [{ columns: 100 }, 100],
    [{ columns: 0 }, 80],
    [{}, 80],
    [{ columns: 20 }, 40],
  ])("a terminal stating %o: %i columns", (output, columns) => {
    // A pseudo-terminal nobody sized (script(1)) states 0 columns: the session
    // once laid its first question out one character per line there.
    expect(promptColumns(output)).toBe(columns);
  });
});
