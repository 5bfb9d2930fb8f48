package dev.meshshop.platform.storage;

/** A gate refused a snapshot; the output port still serves its previous snapshot. */
public class PublishRefusedException extends StorageException {

    public PublishRefusedException(String message) {
        super(message);
    }
}
