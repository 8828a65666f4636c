package io.mqttguard.cli;

/** The exit codes of every command; scripts and CI pipelines rely on them. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** A check failed: test cases failed, the configuration has errors, a decision was deny. */
  public static final int FAILED = 1;

  /** Usage or input error: wrong flags, missing or unreadable files, broken JSON. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
