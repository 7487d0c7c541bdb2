package io.tandemmq.broker.cli;

import io.tandemmq.client.shell.MessageTools;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code completion bash}: a bash completion script for the jar's commands and their options,
 * read from the commands' own {@code --help} texts, so that it cannot drift from them. Install
 * with {@code source <(java -jar tandem-broker.jar completion bash)} and an alias {@code tandem}.
 */
final class ShellCompletion {
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*");

    private ShellCompletion() {
    }

    static int run(java.util.List<String> args) {
        if (args.size() != 1 || !args.get(0).equals("bash")) {
            System.err.println("tandem completion: give the shell: completion bash (the only one so far)\n"
                    + "see 'java -jar tandem-broker.jar completion --help'");
            return 2;
        }
        System.out.print(bash());
        return 0;
    }

    /** Each command with the options its help names. */
    static Map<String, Set<String>> commands() {
        Map<String, Set<String>> all = new TreeMap<>();
        for (String command : CommandHelp.commands()) {
            all.put(command, options(CommandHelp.of(command).orElse("")));
        }
        for (String tool : new String[] {"send", "receive", "browse"}) {
            all.put(tool, options(MessageTools.help(tool)));
        }
        return all;
    }

    private static Set<String> options(String help) {
        Set<String> found = new TreeSet<>();
        Matcher m = OPTION.matcher(help);
        while (m.find()) {
            found.add(m.group());
        }
        found.add("--help");
        return found;
    }

    static String bash() {
        StringBuilder cases = new StringBuilder();
        for (Map.Entry<String, Set<String>> e : commands().entrySet()) {
            cases.append("        ").append(e.getKey()).append(") opts=\"").append(String.join(" ", e.getValue()))
                    .append("\" ;;\n");
        }
        return """
                # bash completion for Tandem: source <(java -jar tandem-broker.jar completion bash)
                # completes 'tandem' (alias tandem='java -jar /path/to/tandem-broker.jar') and the jar itself
                _tandem() {
                    local cur command i opts=""
                    cur="${COMP_WORDS[COMP_CWORD]}"
                    for ((i = 1; i < COMP_CWORD; i++)); do
                        case "${COMP_WORDS[i]}" in
                            -jar|*.jar|java) ;;
                            -*) ;;
                            *) command="${COMP_WORDS[i]}"; break ;;
                        esac
                    done
                    if [ -z "$command" ]; then
                        COMPREPLY=($(compgen -W "%s" -- "$cur"))
                        return
                    fi
                    case "$command" in
                %s    esac
                    if [[ "$cur" == -* ]]; then
                        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
                    else
                        COMPREPLY=($(compgen -f -- "$cur"))
                    fi
                }
                complete -F _tandem tandem
                complete -F _tandem -o default java
                """.formatted(String.join(" ", commands().keySet()) + " completion --version --help", cases);
    }
}
