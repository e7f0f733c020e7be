/** The result of `measure source`: the two figures, the arithmetic, the checks. Strings only. */
import type { ChalkInstance } from "chalk";
import type { Measurement } from "../core/measure.js";

export function renderMeasurement(m: Measurement, chalk: ChalkInstance): string {
  const lines = [
    chalk.bold("Headphone output, measured"),
    `Open-circuit voltage at 0 dBFS  ${m.openCircuitVrms.toFixed(3)} Vrms`,
    `Output impedance                ${m.outputImpedanceOhms === null ? "—" : `${m.outputImpedanceOhms.toFixed(2)} Ω`}`,
    "",
    ...m.steps.map((s) => chalk.dim(`  ${s}`)),
  ];
  for (const c of m.checks)
    lines.push("", `${c.severity === "info" ? "i" : chalk.yellow("!")} ${c.message}`);
  return `${lines.join("\n")}\n`;
}
