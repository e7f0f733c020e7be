/** The interactive session, through the built binary in a real pseudo-terminal. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hpadvise } from "../helpers/bin.js";
import { Terminal } from "../helpers/terminal.js";

let session: Terminal | undefined;
afterEach(() => session?.close());

function start(args: string[] = [], columns?: number): Terminal {
  session = new Terminal(args, columns);
  return session;
}

describe("hpadvise in a terminal", () => {
  it("runs a whole session: questions, recommendations, next steps, quit", async () => {
    const s = start();
    await s.waitFor("What do you use headphones for?");
    s.keys("Down", "Space", "Enter"); // mixing
    await s.waitFor("Most you would spend on one headphone");
    s.type("500");
    s.keys("Enter");
    await s.waitFor("What drives your headphones?");
    s.type("lapt");
    await s.waitFor("Laptop jack (typical Windows)");
    s.keys("Enter");
    await s.waitFor("Which of these do you already own?");
    s.type("m50");
    await s.waitFor("ATH-M50x");
    s.keys("Enter");
    await s.waitFor("Done (you own ath-m50x)");
    s.keys("Enter");
    await s.waitFor("Heaviest you would wear");
    s.keys("Enter");
    await s.waitFor("Open or closed back?");
    s.keys("Enter");
    const results = await s.waitFor("What next?");
    expect(results).toContain("Headphones for mixing (budget $500, driven by laptop)");
    expect(results).toContain(
      "$ hpadvise recommend --role mixing --budget 500 --source laptop --own ath-m50x",
    );
    s.keys("Up", "Enter"); // the list wraps: up from the first item is Quit
    const end = await s.waitFor("EXIT=");
    expect(end).toContain("EXIT=0");
  });

  it("at 80 columns: goes back, takes $2,000, compares two models found by search, and wraps without splitting words", async () => {
    const s = start([], 80);
    await s.waitFor("What do you use headphones for?");
    s.keys("Down", "Space", "Down", "Space", "Enter"); // mixing and mastering
    await s.waitFor("Total budget for the whole setup");
    s.type("$2,000");
    s.keys("Enter");
    await s.waitFor("What drives your headphones?");
    s.type("back");
    await s.waitFor("← Back");
    s.keys("Enter"); // back to the budget, which remembers 2000
    await s.waitFor("(2000)");
    s.keys("Enter");
    await s.waitFor("What drives your headphones?");
    s.type("lapt");
    await s.waitFor("Laptop jack (typical Windows)");
    s.keys("Enter");
    await s.waitFor("Which of these do you already own?");
    s.keys("Enter");
    await s.waitFor("Heaviest you would wear");
    s.keys("Enter");
    await s.waitFor("Open or closed back?");
    s.keys("Enter");
    const results = await s.waitFor("What next?");
    expect(results).toContain("budget $2,000"); // one money format (issue 25)
    s.keys("Down", "Enter"); // Compare
    await s.waitFor("Which models to compare?");
    s.type("7506"); // a search over the whole catalog, not only the shortlist
    await s.waitFor("Sony MDR-7506");
    s.keys("Enter");
    await s.waitFor("Compare mdr7506 with?");
    s.type("m1st");
    await s.waitFor("Sony MDR-M1ST");
    s.keys("Enter");
    await s.waitFor("Compare these 2: mdr7506, mdr-m1st"); // first, with nothing typed
    s.keys("Enter");
    const compared = await s.waitFor("$ hpadvise compare mdr7506 mdr-m1st --source laptop");
    expect(compared).toContain("→ For mixing:");
    expect(compared).toContain("→ For mastering:");
    // The earlier "What next?" is still on screen: wait for the new menu's
    // cursor, or under load Enter can land before the menu listens.
    await s.waitFor("❯ Explain a model", 8000);
    s.keys("Enter"); // Explain
    await s.waitFor("Which model?");
    s.keys("Enter"); // the first shown
    await s.waitFor("--explain"); // the explanation, then its command line
    await s.waitFor("What next?");
    s.keys("Up", "Enter"); // Quit
    await s.waitFor("EXIT=");
    // Nothing printed wider than the terminal: no line the terminal had to wrap.
    const wide = s.printedLines().filter((l) => [...l].length > 80);
    expect(wide).toEqual([]);
  });

  it("exits quietly with 130 on Ctrl+C", async () => {
    const s = start();
    await s.waitFor("What do you use headphones for?");
    s.keys("C-c");
    const end = await s.waitFor("EXIT=");
    expect(end).toContain("EXIT=130");
    expect(end).not.toMatch(/Error|at .*\.cjs/);
  });

  it("keeps the session's code cache when it is left with Ctrl+C", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hpadvise-session-cache-"));
    const s = new Terminal([], 120, 50, `ls ${dir}`, { HPADVISE_CACHE_DIR: dir });
    session = s;
    await s.waitFor("What do you use headphones for?");
    s.keys("C-c");
    const end = await s.waitFor("STATE=");
    expect(end).toContain("EXIT=130");
    expect(end).toMatch(/STATE=cli-v[\d.]+-\d+-\d+-session\.cache/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("commands in a terminal", () => {
  it.each([60, 80])("fit a %i-column terminal without COLUMNS: no line wraps", async (columns) => {
    const s = start(
      ["recommend", "--role", "mastering", "--source", "laptop", "--explain"],
      columns,
    );
    await s.waitFor("EXIT=0");
    const lines = s.printedLines();
    expect(lines.filter((l) => [...l].length > columns)).toEqual([]);
    // The terminal's width was used, not the 80 of a pipe.
    const widest = Math.max(...lines.map((l) => [...l].length));
    expect(widest).toBeGreaterThan(columns - 15);
  });
});

describe("hpadvise without a terminal", () => {
  it("does not wait for input: exits 2 at once, naming the commands to use", () => {
    const r = hpadvise([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no terminal to ask questions in");
    expect(r.stderr).toContain("hpadvise recommend --role");
  });
});

describe("answered questions at 60 columns (issue 25)", () => {
  it("a question and its answer wrap between words, never mid-word", async () => {
    const s = start([], 60);
    await s.waitFor("What do you use headphones for?");
    s.keys("Space", "Down", "Space", "Down", "Space", "Enter"); // all three roles
    const screen = await s.waitFor("(empty");
    expect(screen).toMatch(
      /^✔ What do you use headphones for\?[^\n]*\n.*tracking, mixing, mastering *$/m,
    );
    expect(screen).not.toMatch(/mix\s*\n\s*ing/);
    // The next question, longer than its line, breaks between words too: no row the terminal filled.
    expect(screen.split("\n").filter((l) => [...l].length >= 60)).toEqual([]);
    s.keys("C-c");
    await s.waitFor("EXIT=");
  });
});
