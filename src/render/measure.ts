/** The result of `measure source`: the two figures, the arithmetic, the checks. Strings only. */
import type { Measurement } from "../core/measure.js";
import type { RenderOptions } from "./catalog.js";
import { hang } from "./text.js";

export function renderMeasurement(m: Measurement, { chalk, columns }: RenderOptions): string {
  const lines = [
    chalk.bold("Headphone output, measured"),
    `Open-circuit voltage at 0 dBFS  ${m.openCircuitVrms.toFixed(3)} Vrms`,
    `Output impedance                ${m.outputImpedanceOhms === null ? "—" : `${m.outputImpedanceOhms.toFixed(2)} Ω`}`,
    "",
    ...m.steps.map((s) => chalk.dim(hang("  ", s, columns, "    "))),
  ];
  for (const c of m.checks)
    lines.push("", hang(`${c.severity === "info" ? "i" : chalk.yellow("!")} `, c.message, columns));
  return `${lines.join("\n")}\n`;
}
