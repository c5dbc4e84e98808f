package dev.pinpipe.transforms;

/** Why a line cannot be read as its record kind. The message is the rejection reason. */
public final class InvalidRecordException extends Exception {
  public InvalidRecordException(String reason) {
    super(reason, null, false, false);
  }
}
