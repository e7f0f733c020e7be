// chalk detects colour support when it is imported, loading node:tty (and
// node:net behind it); hpadvise decides colour itself (cli.ts) and passes the
// level to each Chalk it makes, so the build (alias) gives chalk this instead.
export default { stdout: false, stderr: false };
