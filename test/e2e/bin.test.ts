/** A few runs of the built binary: stdout, stderr and exit code as a shell sees them. */
import { describe, expect, it } from "vitest";
import { hpadvise } from "../helpers/bin.js";

describe("bin/hpadvise.js", () => {
  it("lists the catalog, plain when piped", () => {
    const r = hpadvise(["list"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("hd800s");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting there is no ANSI escape.
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it("colours only when asked, and NO_COLOR wins", () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes.
    expect(hpadvise(["list"], { FORCE_COLOR: "1" }).stdout).toMatch(/\u001b\[/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting there is no ANSI escape.
    expect(hpadvise(["list"], { FORCE_COLOR: "1", NO_COLOR: "1" }).stdout).not.toMatch(/\u001b\[/);
  });

  it("prints JSON that parses", () => {
    const r = hpadvise(["show", "hd650", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe("hd650");
  });

  it("reports an unknown id on stderr with exit 2", () => {
    const r = hpadvise(["show", "hd800"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('unknown headphone "hd800": did you mean hd800s?');
  });

  it("reports a bad catalog file without a stack trace", () => {
    const r = hpadvise(["validate", "test/fixtures/syntax-error.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/syntax-error.yaml:5:5: YAML syntax/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
