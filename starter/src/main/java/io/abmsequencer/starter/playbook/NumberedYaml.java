package io.abmsequencer.starter.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines of a YAML text around its problems, numbered, each problem line carrying its messages:
 * what the editor shows above the text area so a marketer sees every mistake where it is.
 */
final class NumberedYaml {

  /**
   * A numbered line, or a gap of lines not shown.
   *
   * @param number 1-based; 0 for a gap
   * @param skipped how many lines a gap stands for; 0 for a line
   */
  record Line(int number, String text, List<String> messages, int skipped) {
    public boolean gap() {
      return skipped > 0;
    }

    public boolean problem() {
      return !messages.isEmpty();
    }
  }

  private NumberedYaml() {}

  /** The problem lines with {@code context} lines either side; empty when no problem has a line. */
  static List<Line> excerpt(String yaml, List<YamlProblem> problems, int context) {
    String[] lines = yaml.split("\r\n|\r|\n", -1);
    Map<Integer, List<String>> messages = new TreeMap<>();
    for (YamlProblem p : problems) {
      if (p.line() < 1) continue;
      int line = Math.min(p.line(), lines.length);
      messages.computeIfAbsent(line, k -> new ArrayList<>()).add(message(p));
    }
    if (messages.isEmpty()) return List.of();
    boolean[] shown = new boolean[lines.length + 1];
    for (int line : messages.keySet()) {
      for (int n = Math.max(1, line - context); n <= Math.min(lines.length, line + context); n++) shown[n] = true;
    }
    List<Line> out = new ArrayList<>();
    int hidden = 0;
    for (int n = 1; n <= lines.length; n++) {
      if (!shown[n]) {
        hidden++;
        continue;
      }
      if (hidden > 0) out.add(new Line(0, "", List.of(), hidden));
      hidden = 0;
      out.add(new Line(n, lines[n - 1], messages.getOrDefault(n, List.of()), 0));
    }
    if (hidden > 0) out.add(new Line(0, "", List.of(), hidden));
    return out;
  }

  private static String message(YamlProblem p) {
    return (p.path().isEmpty() ? "" : p.path() + ": ") + p.message();
  }
}
