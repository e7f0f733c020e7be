/**
 * Shell completion scripts, generated from the command-line surface itself
 * (cli.ts describes it), so they never drift from --help. Catalog ids are
 * completed live through the hidden `hpadvise ids` command, so a user's own
 * catalog (HPADVISE_CATALOG) is included.
 */

/** What a value completes to. */
export type ValueKind =
  | { kind: "choices"; choices: readonly string[] }
  | { kind: "ids"; of: "headphones" | "sources" | "all" }
  | { kind: "file" }
  | { kind: "none" };

export interface CommandSpec {
  name: string;
  description: string;
  options: { flag: string; value: ValueKind | null }[];
  /** What the positional arguments complete to. */
  args: ValueKind;
}

export type Shell = "bash" | "zsh" | "fish";

function bashValues(v: ValueKind): string {
  switch (v.kind) {
    case "choices":
      return `COMPREPLY=($(compgen -W "${v.choices.join(" ")}" -- "$cur"))`;
    case "ids":
      return `COMPREPLY=($(compgen -W "$(hpadvise ids ${v.of} 2>/dev/null)" -- "$cur"))`;
    case "file":
      return `COMPREPLY=($(compgen -f -- "$cur"))`;
    default:
      return "COMPREPLY=()";
  }
}

export function bashScript(commands: readonly CommandSpec[]): string {
  const valueCases = new Map<string, string>();
  for (const c of commands) {
    for (const o of c.options) if (o.value) valueCases.set(o.flag, bashValues(o.value));
  }
  const commandCases = commands
    .map((c) => {
      const opts = [...c.options.map((o) => o.flag), "--help"].join(" ");
      return `    ${c.name})
      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${opts}" -- "$cur")); else ${bashValues(c.args)}; fi
      ;;`;
    })
    .join("\n");
  return `# hpadvise completion for bash. Install: hpadvise completion bash > ~/.local/share/bash-completion/completions/hpadvise
_hpadvise() {
  local cur prev cmd
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd="\${COMP_WORDS[1]}"
  case "$prev" in
${[...valueCases.entries()].map(([flag, action]) => `    ${flag}) ${action}; return ;;`).join("\n")}
  esac
  if [[ "$COMP_CWORD" -eq 1 ]]; then
    COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(" ")} --help --version" -- "$cur"))
    return
  fi
  case "$cmd" in
${commandCases}
  esac
}
complete -F _hpadvise hpadvise
`;
}

export function zshScript(commands: readonly CommandSpec[]): string {
  return `# hpadvise completion for zsh (through zsh's bash completion support).
# Install: hpadvise completion zsh > "\${fpath[1]}/_hpadvise", or add
#   eval "$(hpadvise completion zsh)"
# to ~/.zshrc.
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashScript(commands)}`;
}

function fishValues(v: ValueKind): string {
  switch (v.kind) {
    case "choices":
      return `-xa '${v.choices.join(" ")}'`;
    case "ids":
      return `-xa '(hpadvise ids ${v.of} 2>/dev/null)'`;
    case "file":
      return "-rF";
    default:
      return "";
  }
}

export function fishScript(commands: readonly CommandSpec[]): string {
  const quote = (s: string) => `'${s.replace(/'/g, "\\'")}'`;
  const lines = [
    "# hpadvise completion for fish. Install: hpadvise completion fish > ~/.config/fish/completions/hpadvise.fish",
    "complete -c hpadvise -f",
    ...commands.map(
      (c) =>
        `complete -c hpadvise -n __fish_use_subcommand -a ${c.name} -d ${quote(c.description)}`,
    ),
  ];
  for (const c of commands) {
    const when = `-n '__fish_seen_subcommand_from ${c.name}'`;
    if (c.args.kind !== "none") lines.push(`complete -c hpadvise ${when} ${fishValues(c.args)}`);
    for (const o of c.options) {
      lines.push(
        `complete -c hpadvise ${when} -l ${o.flag.replace(/^--/, "")} ${o.value ? fishValues(o.value) : ""}`.trimEnd(),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

export function completionScript(shell: Shell, commands: readonly CommandSpec[]): string {
  switch (shell) {
    case "bash":
      return bashScript(commands);
    case "zsh":
      return zshScript(commands);
    case "fish":
      return fishScript(commands);
  }
}
