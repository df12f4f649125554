package dev.replichart.sandbox;

/** A sandbox operation that cannot go on; the message says why and what to do. */
public final class SandboxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SandboxException(String message) {
    super(message);
  }
}
