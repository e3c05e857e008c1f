package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command line builds only the subcommand a run names (picocli's reflection over every option
 * costs start-up time, decision 0024); help, errors and names must not show it.
 */
class CommandLineShapeTest {

    private static final List<String> COMMANDS = List.of("analyze", "report", "library", "capture", "interfaces");

    @Test
    void topLevelHelpListsEveryCommandInOrder() {
        for (String[] args : new String[][] {{"--help"}, {}}) {
            CliRun run = CliRun.of(args);
            String text = run.out() + run.err();
            int at = -1;
            for (String c : COMMANDS) {
                int i = text.indexOf("\n  " + c + " ");
                assertTrue(i > at, c + " listed after the previous command, for " + List.of(args) + ":\n" + text);
                at = i;
            }
        }
    }

    @Test
    void anUnknownCommandIsAnErrorNamingIt() {
        CliRun run = CliRun.of("analyse", "x.pcap");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("analyse"), run.err());
    }

    @Test
    void aUsageErrorIsOneLineThatPointsToTheHelp() {
        record Case(String[] args, String line) { }
        List<Case> cases = List.of(
                new Case(new String[] {"analyze", "x.pcap", "--bogus"},
                        "toktrace: Unknown option: '--bogus'; see toktrace analyze --help"),
                new Case(new String[] {"analyze"},
                        "toktrace: Missing required parameter: 'CAPTURE'; see toktrace analyze --help"),
                new Case(new String[] {"analyze", "x.pcap", "--flows-csv"},
                        "toktrace: Missing required parameter for option '--flows-csv' (FILE); see toktrace analyze --help"),
                new Case(new String[] {"analyse", "x.pcap"},
                        "toktrace: Unmatched arguments from index 0: 'analyse', 'x.pcap' (did you mean analyze?);"
                                + " see toktrace --help"),
                new Case(new String[] {"library", "show"},
                        "toktrace: Missing required parameter: 'ID'; see toktrace library show --help"));
        for (Case c : cases) {
            CliRun run = CliRun.of(c.args());
            assertEquals(2, run.exit(), List.of(c.args()).toString());
            assertEquals(List.of(c.line()), List.of(run.errLines()), List.of(c.args()).toString());
            assertEquals("", run.out());
        }
    }

    @Test
    void eachCommandKeepsItsFullNameInItsHelp() {
        for (String c : COMMANDS) {
            CliRun run = CliRun.of(c, "--help");
            assertEquals(0, run.exit(), c);
            assertTrue(run.out().startsWith("Usage: toktrace " + c + " "), run.out());
        }
        CliRun sub = CliRun.of("library", "show", "--help");
        assertTrue(sub.out().startsWith("Usage: toktrace library show "), sub.out());
    }

    @Test
    void theLauncherTellsCommandsFromFiles() {
        for (String c : COMMANDS) {
            assertTrue(ToktraceCli.isCommand(c), c);
        }
        assertFalse(ToktraceCli.isCommand("capture.pcap"));
        assertFalse(ToktraceCli.isCommand("--help"));
    }
}
