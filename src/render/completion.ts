/**
 * Shell completion scripts, generated from the command-line surface itself
 * (cli.ts describes it), so they never drift from --help. Catalog ids are
 * completed live through the hidden `hpadvise ids` command, so a user's own
 * catalog (HPADVISE_CATALOG, and `--catalog` files on the line) is included.
 * The scripts never hand catalog text to the shell to expand.
 */
import { shellQuote } from "./text.js";

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

/** What an id looks like (schema.ts): the scripts complete nothing else. */
const ID_REGEX = "^[a-z0-9][a-z0-9-]*$";

/** `--catalog FILE` arguments baked into the script (`hpadvise completion bash --catalog F`). */
function catalogArgs(catalogs: readonly string[]): string {
  return catalogs.map((c) => `--catalog ${shellQuote(c)}`).join(" ");
}

function bashValues(v: ValueKind): string {
  switch (v.kind) {
    case "choices":
      // Our own fixed words: compgen -W may expand them, and they hold nothing to expand.
      return `COMPREPLY=($(compgen -W "${v.choices.join(" ")}" -- "$cur"))`;
    case "ids":
      return `_hpadvise_ids ${v.of}`;
    case "file":
      return `COMPREPLY=($(compgen -f -- "$cur"))`;
    default:
      return "COMPREPLY=()";
  }
}

/**
 * Catalog ids for bash. Never through \`compgen -W\`, which would expand a
 * \`$(...)\` in an id: each line is kept only if it looks like an id and starts
 * with the word typed, compared as text. \`--catalog\` files on the line count.
 */
function bashIdsFunction(catalogs: readonly string[]): string {
  return `_hpadvise_ids() {
  local id i=1 re='${ID_REGEX}'
  local -a args=(${catalogArgs(catalogs)})
  while [[ $i -lt $COMP_CWORD ]]; do
    case "\${COMP_WORDS[i]}" in
      --catalog) [[ $((i + 1)) -lt $COMP_CWORD ]] && args+=(--catalog "\${COMP_WORDS[i+1]}"); i=$((i + 1)) ;;
      --catalog=*) args+=("\${COMP_WORDS[i]}") ;;
    esac
    i=$((i + 1))
  done
  COMPREPLY=()
  while IFS= read -r id; do
    [[ $id =~ $re && $id == "$cur"* ]] && COMPREPLY+=("$id")
  done < <(hpadvise ids "$1" "\${args[@]}" 2>/dev/null)
}`;
}

export function bashScript(
  commands: readonly CommandSpec[],
  catalogs: readonly string[] = [],
): string {
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
${bashIdsFunction(catalogs)}
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

function zshValues(v: ValueKind): string {
  switch (v.kind) {
    case "choices":
      return `compadd -- ${v.choices.join(" ")}`;
    case "ids":
      return `_hpadvise_ids ${v.of}`;
    case "file":
      return "_files";
    default:
      return ":";
  }
}

/**
 * A native zsh completion function. Ids are added with \`compadd\`, which
 * expands nothing, and only lines that look like ids.
 */
export function zshScript(
  commands: readonly CommandSpec[],
  catalogs: readonly string[] = [],
): string {
  const valueCases = new Map<string, string>();
  for (const c of commands) {
    for (const o of c.options) if (o.value) valueCases.set(o.flag, zshValues(o.value));
  }
  const commandCases = commands
    .map((c) => {
      const opts = [...c.options.map((o) => o.flag), "--help"].join(" ");
      return `    ${c.name})
      if [[ $cur == -* ]]; then compadd -- ${opts}; else ${zshValues(c.args)}; fi
      ;;`;
    })
    .join("\n");
  return `#compdef hpadvise
# hpadvise completion for zsh. Install: hpadvise completion zsh > ~/.zfunc/_hpadvise
# with ~/.zfunc on $fpath before compinit runs; or, after compinit in ~/.zshrc:
#   eval "$(hpadvise completion zsh)"
_hpadvise_ids() {
  local id i
  local -a ids args
  args=(${catalogArgs(catalogs)})
  for (( i = 2; i < CURRENT; i++ )); do
    case \${words[i]} in
      --catalog) (( i + 1 < CURRENT )) && args+=(--catalog "\${words[i+1]}"); (( i++ )) ;;
      --catalog=*) args+=("\${words[i]}") ;;
    esac
  done
  for id in \${(f)"$(hpadvise ids $1 "\${args[@]}" 2>/dev/null)"}; do
    [[ $id =~ '${ID_REGEX}' ]] && ids+=("$id")
  done
  compadd -a ids
}
_hpadvise() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} cmd=\${words[2]}
  case $prev in
${[...valueCases.entries()].map(([flag, action]) => `    ${flag}) ${action}; return ;;`).join("\n")}
  esac
  if (( CURRENT == 2 )); then
    compadd -- ${commands.map((c) => c.name).join(" ")} --help --version
    return
  fi
  case $cmd in
${commandCases}
  esac
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _hpadvise "$@"
else
  compdef _hpadvise hpadvise
fi
`;
}

function fishValues(v: ValueKind): string {
  switch (v.kind) {
    case "choices":
      return `-xa '${v.choices.join(" ")}'`;
    case "ids":
      return `-xa '(__hpadvise_ids ${v.of})'`;
    case "file":
      return "-rF";
    default:
      return "";
  }
}

export function fishScript(
  commands: readonly CommandSpec[],
  catalogs: readonly string[] = [],
): string {
  const quote = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  const lines = [
    "# hpadvise completion for fish. Install: hpadvise completion fish > ~/.config/fish/completions/hpadvise.fish",
    // Command output is never evaluated by fish; only lines that look like ids are kept.
    "function __hpadvise_ids",
    `    set -l args ${catalogs.map((c) => `--catalog ${quote(c)}`).join(" ")}`.trimEnd(),
    "    set -l tokens (commandline -opc)",
    "    for i in (seq (count $tokens))",
    "        if test $tokens[$i] = --catalog; and test $i -lt (count $tokens)",
    "            set -a args --catalog $tokens[(math $i + 1)]",
    "        else if string match -q -- '--catalog=*' $tokens[$i]",
    "            set -a args $tokens[$i]",
    "        end",
    "    end",
    `    hpadvise ids $argv[1] $args 2>/dev/null | string match -r -- '${ID_REGEX}'`,
    "end",
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

export function completionScript(
  shell: Shell,
  commands: readonly CommandSpec[],
  catalogs: readonly string[] = [],
): string {
  switch (shell) {
    case "bash":
      return bashScript(commands, catalogs);
    case "zsh":
      return zshScript(commands, catalogs);
    case "fish":
      return fishScript(commands, catalogs);
  }
}
