package io.meshgate.cli;

/** Entry point of the {@code meshgate} launcher. */
public final class Main {
    private Main() {
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(0);
    }
}
