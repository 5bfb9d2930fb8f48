package dev.meshshop.platform.contracts.cli;

/** How a command writes its report: for people or for tools. */
enum OutputFormat {
    TEXT,
    JSON
}
