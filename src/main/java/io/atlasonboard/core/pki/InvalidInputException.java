package io.atlasonboard.core.pki;

/** An input the user gave is not acceptable. The message says what is wrong and what is expected. */
public class InvalidInputException extends IllegalArgumentException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
