package io.abmsequencer.starter.testsupport;

import java.util.ArrayList;
import java.util.List;

/** Command-line arguments for a Spring application a test starts itself. */
public final class CommandLine {
  private CommandLine() {}

  /**
   * {@code defaults}, each {@code --key=value} of {@code extra} replacing the default of its key
   * (a repeated command-line key would bind as {@code "0,1234"}), the extra ones last.
   */
  public static String[] overriding(List<String> defaults, String... extra) {
    List<String> args = new ArrayList<>(defaults);
    for (String arg : extra) {
      String key = arg.substring(0, arg.indexOf('=') + 1);
      args.removeIf(existing -> existing.startsWith(key));
      args.add(arg);
    }
    return args.toArray(String[]::new);
  }
}
