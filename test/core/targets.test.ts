/** The role targets say what they are: peaks the chain must reach, with honest reasons. */
import { describe, expect, it } from "vitest";
import { ROLE_TARGETS } from "../../src/core/roles.js";
import { runCli } from "../helpers/run-cli.js";

describe("role targets", () => {
  it("mastering is the K-20 reference plus headroom for brief loud checks, not an audit standard", () => {
    expect(ROLE_TARGETS.mastering.splDb).toBe(110);
    expect(ROLE_TARGETS.mastering.why).toContain("K-20");
    expect(ROLE_TARGETS.mastering.why).toContain("brief loud checks");
    expect(ROLE_TARGETS.mastering.why).not.toContain("audit level");
  });

  it("tracking does not claim to cover a drummer over a loud room; it says how to go louder", () => {
    expect(ROLE_TARGETS.tracking.why).not.toMatch(/drummer over a loud room/);
    expect(ROLE_TARGETS.tracking.why).toContain("--target-spl");
  });

  it("check-amp says a target is a peak to reach, not a level to listen at", async () => {
    const r = await runCli(["check-amp", "--headphone", "ath-m50x", "--source", "laptop"]);
    expect(r.stdout).toMatch(
      /Target +103 dB SPL peaks, what the chain must reach \(not a level\s+to listen at\)/,
    );
  });
});
