/**
 * One writer at a time for the user's files (a lock file), so two processes
 * changing the config or the personal catalog at once both land instead of
 * one losing the other's change. The write itself is `writeWhole`.
 */
import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from "node:fs";
import { dirname } from "node:path";
import { HpAdviseError } from "../errors.js";

/** A lock older than this was left by a process that died; it is taken over. */
const STALE_LOCK_MS = 10_000;
const WAIT_MS = 15_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Take `path`.lock, waiting for another writer to finish; returns the release.
 * Hold it across read, change and write, so no writer's change is lost.
 */
export function lockFile(path: string): () => void {
  mkdirSync(dirname(path), { recursive: true });
  const lock = `${path}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) unlinkSync(lock);
      } catch {
        // Released meanwhile: try again.
      }
      if (Date.now() - started > WAIT_MS) {
        throw new HpAdviseError(`${path} is locked by another hpadvise (${lock})`, {
          hint: `if no other hpadvise is running, delete ${lock}`,
        });
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
