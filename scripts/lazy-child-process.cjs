// commander requires node:child_process when it loads, for executable
// subcommands hpadvise never has; the build (alias) gives it this instead,
// which loads the real module only if spawn is ever reached.
module.exports = {
  get spawn() {
    return process.getBuiltinModule("node:child_process").spawn;
  },
};
