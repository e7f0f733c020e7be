/** Writing a file the user asked for: whole or not at all, failures explained. */
import { renameSync, unlinkSync, writeFileSync } from "node:fs";
import { HpAdviseError } from "../errors.js";

/** Write `text` to `file` through a temporary file and a rename, so no reader sees half a page. */
export function writeWhole(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // Nothing was written, or it is already gone.
    }
    const code = (e as NodeJS.ErrnoException).code;
    throw new HpAdviseError(`cannot write ${file} (${code ?? String(e)})`, {
      hint: "check that the folder exists and is writable",
    });
  }
}
