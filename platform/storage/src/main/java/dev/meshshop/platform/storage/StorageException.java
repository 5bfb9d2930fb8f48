package dev.meshshop.platform.storage;

/** A storage operation failed; the message names the domain or product and what to check. */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
