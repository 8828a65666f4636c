package io.mqttguard.policytest;

import io.mqttguard.config.ConfigException;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded policy test file ({@code policy-tests-1.json}): validated against the schema, then
 * semantically (rule references well-formed, no roles on anonymous cases), every problem reported
 * in one {@link ConfigException}.
 *
 * @param file the file name, for reports
 * @param cases the cases in file order
 */
public record PolicyTestCases(String file, List<PolicyTestCase> cases) {
  /** The schema resource name in {@code acl-schemas}. */
  public static final String SCHEMA = "policy-tests-1.json";

  public PolicyTestCases {
    cases = List.copyOf(cases);
  }

  /**
   * @throws ConfigException listing every problem if the file is missing or invalid
   */
  public static PolicyTestCases load(Path file) throws ConfigException {
    return PolicyTestLoader.load(file);
  }

  /**
   * @throws ConfigException listing every problem if the content is invalid
   */
  public static PolicyTestCases parse(String fileName, byte[] json) throws ConfigException {
    return PolicyTestLoader.parse(fileName, json);
  }
}
