/** `hpadvise add source` through the built binary in a real pseudo-terminal. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Terminal } from "../helpers/terminal.js";

let session: Terminal | undefined;
afterEach(() => session?.close());

describe("hpadvise add in a terminal", () => {
  it("fills the form, refuses a power without its load, and saves the entry", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hpadvise-add-tty-"));
    const s = new Terminal(["add", "source"], 120, 50, undefined, { XDG_CONFIG_HOME: dir });
    session = s;
    const answer = async (question: string, text: string) => {
      await s.waitFor(question);
      if (text) s.type(text);
      s.keys("Enter");
    };
    await answer("Brand:", "Example");
    await answer("Model:", "Desk Interface");
    await s.waitFor("desk-interface");
    s.keys("Enter"); // keep the suggested id
    await s.waitFor("What kind of source?");
    s.keys("Enter"); // interface
    await answer("into which load?", "2V@32");
    await answer("Maximum output power", "100mW");
    // The refusal's own words: "into which load?" is on screen already, from the question.
    await s.waitFor("a power means nothing without");
    s.keys("C-u");
    s.keys("Enter");
    await answer("output impedance in ohms", "10");
    await answer("Maximum output current", "");
    await answer("Price in US dollars", "");
    await answer("Where did you read these figures?", "manual");
    const end = await s.waitFor("EXIT=");
    expect(end).toContain("EXIT=0");
    expect(end).toContain("Added source desk-interface");
    const entry = parse(readFileSync(join(dir, "hpadvise", "catalog.yaml"), "utf8")).sources[0];
    expect(entry).toMatchObject({
      id: "desk-interface",
      outputs: [{ value: 2, unit: "Vrms", loadOhms: 32 }],
      outputImpedanceOhms: { value: 10, kind: "maker" },
    });
  });
});
