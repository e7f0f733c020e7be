/**
 * One writer at a time for the user's files (a lock file holding the writer's
 * pid), so two processes changing the config or the personal catalog at once
 * both land instead of one losing the other's change. The write itself is
 * `writeWhole`.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { HpAdviseError } from "../errors.js";
import { writeError } from "../write-whole.js";

/** A lock with no pid in it (its writer died between creating and filling it) is taken over after this. */
const STALE_LOCK_MS = 10_000;
const WAIT_MS = 15_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The pid in the lock, when there is one. */
function holderOf(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, "utf8").trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** False only when the system says there is no such process. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * Take `path`.lock, waiting for another writer to finish; returns the release.
 * Hold it across read, change and write, so no writer's change is lost. A lock
 * whose holder is gone is taken over at once, and `onStale` is told.
 */
export function lockFile(path: string, onStale?: (message: string) => void): () => void {
  const lock = `${path}.lock`;
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw writeError(path, e);
  }
  const started = Date.now();
  for (;;) {
    try {
      const fd = openSync(lock, "wx");
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw writeError(lock, e);
      const pid = holderOf(lock);
      try {
        if (pid !== undefined && !isRunning(pid)) {
          unlinkSync(lock);
          onStale?.(`${lock} was left by process ${pid}, which is no longer running: taken over`);
          continue;
        }
        if (pid === undefined && Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS)
          unlinkSync(lock);
      } catch {
        // Released meanwhile: try again.
      }
      if (Date.now() - started > WAIT_MS) {
        throw new HpAdviseError(
          `${path} is locked by another hpadvise${pid ? ` (process ${pid})` : ""} (${lock})`,
          { hint: `if no other hpadvise is running, delete ${lock}` },
        );
      }
      sleep(10 + Math.random() * 20);
    }
  }
  return () => {
    try {
      unlinkSync(lock);
    } catch {
      // Taken over as stale by another process: nothing to release.
    }
  };
}
