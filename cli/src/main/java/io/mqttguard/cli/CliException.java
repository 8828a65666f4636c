package io.mqttguard.cli;

/**
 * A usage or input problem the operator can fix (missing file, bad value). Printed as one line
 * {@code error: <message>} and mapped to exit code {@value ExitCodes#USAGE}; never shows a stack
 * trace unless {@code --verbose}.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
