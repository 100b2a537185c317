package io.meshgate.cli;

/** The exit codes of every {@code meshgate} command. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** The configuration is invalid (every error was printed). */
    public static final int INVALID_CONFIG = 1;
    /** The command line is wrong: unknown command or option, missing argument. */
    public static final int USAGE = 2;
    /** The command failed while running: a port in use, an unreadable file, an I/O failure. */
    public static final int RUNTIME_FAILURE = 3;

    private ExitCodes() {
    }
}
