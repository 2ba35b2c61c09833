package io.abmsequencer.workflows.playbook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a composed YAML node tree (which keeps line numbers) and collects every problem instead
 * of stopping at the first, so the author fixes the whole playbook in one pass. Readers return
 * null when a value is missing or wrong; the problem is already recorded.
 */
final class YamlTree {

  /** A mapping's entries by key, with the key nodes kept for locating problems. */
  record Fields(String path, Node node, Map<String, Node> values) {
    Node get(String key) {
      return values.get(key);
    }

    boolean has(String key) {
      return values.containsKey(key);
    }

    String child(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }
  }

  private final List<PlaybookProblem> problems = new ArrayList<>();

  List<PlaybookProblem> problems() {
    return problems;
  }

  void problem(Node at, String path, String message) {
    int line = at == null ? 0 : at.getStartMark().getLine() + 1;
    int column = at == null ? 0 : at.getStartMark().getColumn() + 1;
    problems.add(new PlaybookProblem(line, column, path, message));
  }

  /** The entries of a mapping; unknown and duplicate keys are problems. Null if not a mapping. */
  Fields fields(Node node, String path, Set<String> allowed) {
    if (!(node instanceof MappingNode mapping)) {
      problem(node, path, "expected a mapping of " + String.join(", ", allowed) + ", found " + describe(node));
      return null;
    }
    Map<String, Node> values = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalar)) {
        problem(keyNode, path, "expected a plain key, found " + describe(keyNode));
        continue;
      }
      String key = scalar.getValue();
      String keyPath = path.isEmpty() ? key : path + "." + key;
      if (values.containsKey(key)) {
        problem(keyNode, keyPath, "'" + key + "' appears twice; keep one");
      } else if (!allowed.contains(key)) {
        problem(keyNode, keyPath, "unknown field '" + key + "'" + suggestion(key, allowed) + "; expected one of " + String.join(", ", allowed));
      } else {
        values.put(key, tuple.getValueNode());
      }
    }
    return new Fields(path, node, values);
  }

  String text(Fields f, String key, boolean required) {
    Node node = f.get(key);
    if (node == null) {
      if (required) problem(f.node(), f.child(key), "'" + key + "' is required");
      return null;
    }
    if (!(node instanceof ScalarNode scalar)) {
      problem(node, f.child(key), "expected text, found " + describe(node));
      return null;
    }
    String value = scalar.getValue();
    if (required && value.isBlank()) {
      problem(node, f.child(key), "'" + key + "' must not be empty");
      return null;
    }
    return value;
  }

  Integer integer(Fields f, String key, boolean required, int min, int max) {
    String text = text(f, key, required);
    if (text == null) return null;
    try {
      int value = Integer.parseInt(text.trim());
      if (value < min || value > max) {
        problem(f.get(key), f.child(key), "expected a number from " + min + " to " + max + ", found " + value);
        return null;
      }
      return value;
    } catch (NumberFormatException e) {
      problem(f.get(key), f.child(key), "expected a whole number, found '" + text + "'");
      return null;
    }
  }

  /** true / false (yes / no); the fallback when absent; null (with a problem) when something else. */
  Boolean bool(Fields f, String key, boolean fallback) {
    String text = text(f, key, false);
    if (text == null) return f.has(key) ? null : fallback;
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> {
        return true;
      }
      case "false", "no", "off" -> {
        return false;
      }
      default -> {
        problem(f.get(key), f.child(key), "expected true or false, found '" + text + "'");
        return null;
      }
    }
  }

  <E extends Enum<E>> E enumValue(Fields f, String key, Class<E> type, String noun, boolean required) {
    String text = text(f, key, required);
    if (text == null) return null;
    return enumOf(f.get(key), f.child(key), text, type, noun);
  }

  <E extends Enum<E>> E enumOf(Node node, String path, String text, Class<E> type, String noun) {
    String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(normalised)) return constant;
    }
    problem(node, path, "unknown " + noun + " '" + text + "'; expected one of " + names(type));
    return null;
  }

  /** A list of enum names; a single scalar counts as a one-element list. */
  <E extends Enum<E>> List<E> enumList(Fields f, String key, Class<E> type, String noun, boolean required) {
    Node node = f.get(key);
    if (node == null) {
      if (required) problem(f.node(), f.child(key), "'" + key + "' is required (one or more of " + names(type) + ")");
      return null;
    }
    List<E> out = new ArrayList<>();
    if (node instanceof ScalarNode scalar) {
      E value = enumOf(node, f.child(key), scalar.getValue(), type, noun);
      if (value == null) return null;
      out.add(value);
      return out;
    }
    if (!(node instanceof SequenceNode seq)) {
      problem(node, f.child(key), "expected a list of " + names(type) + ", found " + describe(node));
      return null;
    }
    boolean ok = true;
    for (int i = 0; i < seq.getValue().size(); i++) {
      Node item = seq.getValue().get(i);
      String path = f.child(key) + "[" + i + "]";
      if (!(item instanceof ScalarNode s)) {
        problem(item, path, "expected one of " + names(type) + ", found " + describe(item));
        ok = false;
        continue;
      }
      E value = enumOf(item, path, s.getValue(), type, noun);
      if (value == null) ok = false;
      else if (out.contains(value)) problem(item, path, noun + " " + value + " is listed twice");
      else out.add(value);
    }
    if (ok && out.isEmpty() && required) {
      problem(node, f.child(key), "'" + key + "' must name at least one " + noun);
      return null;
    }
    return ok ? out : null;
  }

  /** The items of a list, or null (with a problem) when the node is not a list. */
  List<Node> list(Fields f, String key, boolean required) {
    Node node = f.get(key);
    if (node == null) {
      if (required) problem(f.node(), f.child(key), "'" + key + "' is required");
      return null;
    }
    if (!(node instanceof SequenceNode seq)) {
      problem(node, f.child(key), "expected a list, found " + describe(node));
      return null;
    }
    return seq.getValue();
  }

  static String describe(Node node) {
    if (node == null) return "nothing";
    if (node instanceof ScalarNode s) return s.getValue().isEmpty() ? "nothing" : "'" + abbreviate(s.getValue()) + "'";
    if (node instanceof SequenceNode) return "a list";
    return "a mapping";
  }

  private static String abbreviate(String value) {
    return value.length() > 40 ? value.substring(0, 37) + "..." : value;
  }

  static <E extends Enum<E>> String names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /** " (did you mean 'steps'?)" when a known key is one or two edits away. */
  private static String suggestion(String key, Set<String> allowed) {
    for (String candidate : allowed) {
      if (distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT)) <= 2) {
        return " (did you mean '" + candidate + "'?)";
      }
    }
    return "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
