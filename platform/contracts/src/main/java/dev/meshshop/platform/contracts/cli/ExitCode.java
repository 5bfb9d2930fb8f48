package dev.meshshop.platform.contracts.cli;

/** What the process tells its caller, such as a CI job. */
final class ExitCode {

    /** The contracts are valid, the data fulfils them, the change is allowed. */
    static final int PASSED = 0;
    /** Lint errors, failed checks, or a breaking change without a new major version. */
    static final int VIOLATIONS = 1;
    /** The command line or an input (a file, a contract, the data) could not be used. */
    static final int USAGE_OR_INPUT_ERROR = 2;

    private ExitCode() {}
}
