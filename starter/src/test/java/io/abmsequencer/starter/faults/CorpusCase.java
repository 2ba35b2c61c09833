package io.abmsequencer.starter.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One malformed input of {@code src/test/resources/bad-input/}, as a line of its kind's
 * {@code manifest.txt} describes it (see the README there for the format).
 *
 * @param kind the subdirectory: playbooks, csv, json, webhooks
 * @param input a file of that directory, {@code generated:<name>} for an input the test builds
 *     (too big to commit), or a plain case name when the request line says it all (no body)
 * @param method GET, POST, or UPLOAD (a console form upload: signed in, CSRF token, multipart)
 * @param path the path and query, with {@code ${...}} placeholders
 * @param options {@code as}, {@code type}, {@code chunked} and {@code header.<Name>} from the request
 * @param status the expected status
 * @param fragments every one must be in the answer's message
 */
record CorpusCase(String kind, String input, String method, String path, Map<String, String> options, int status,
    List<String> fragments, int line) {

  static final List<String> KINDS = List.of("playbooks", "csv", "json", "webhooks");

  static List<CorpusCase> all() {
    List<CorpusCase> all = new ArrayList<>();
    for (String kind : KINDS) all.addAll(read(kind));
    return all;
  }

  static List<CorpusCase> read(String kind) {
    String manifest = "bad-input/" + kind + "/manifest.txt";
    List<CorpusCase> cases = new ArrayList<>();
    try (InputStream in = CorpusCase.class.getClassLoader().getResourceAsStream(manifest)) {
      if (in == null) throw new IllegalStateException("no " + manifest + " on the test class path");
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String text;
      int number = 0;
      while ((text = lines.readLine()) != null) {
        number++;
        if (text.isBlank() || text.stripLeading().startsWith("#")) continue;
        cases.add(parse(kind, text, manifest + ":" + number, number));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  private static CorpusCase parse(String kind, String text, String where, int number) {
    String[] columns = text.split("\\s\\|\\s", -1);
    if (columns.length != 4) throw new IllegalStateException(where + ": expected 'input | request | status | message', found " + text);
    List<String> request = words(columns[1].strip());
    if (request.size() < 2) throw new IllegalStateException(where + ": the request needs a method and a path");
    Map<String, String> options = new LinkedHashMap<>();
    for (String word : request.subList(2, request.size())) {
      int eq = word.indexOf('=');
      options.put(eq < 0 ? word : word.substring(0, eq), eq < 0 ? "" : word.substring(eq + 1));
    }
    List<String> fragments = new ArrayList<>();
    for (String fragment : columns[3].split("&&")) {
      if (!fragment.isBlank()) fragments.add(fragment.strip());
    }
    if (fragments.isEmpty()) throw new IllegalStateException(where + ": say what the message must contain");
    return new CorpusCase(kind, columns[0].strip(), request.get(0), request.get(1), options, Integer.parseInt(columns[2].strip()),
        fragments, number);
  }

  /** Splits on spaces; a value in double quotes may hold spaces ({@code header.Authorization="Bearer x"}). */
  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    for (char c : text.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ' ' && !quoted) {
        if (!word.isEmpty()) words.add(word.toString());
        word.setLength(0);
      } else {
        word.append(c);
      }
    }
    if (!word.isEmpty()) words.add(word.toString());
    return words;
  }

  boolean generated() {
    return input.startsWith("generated:");
  }

  /** The committed file of this case, or null when it has none (generated, or no body). */
  byte[] file() {
    if (generated()) return null;
    try (InputStream in = CorpusCase.class.getClassLoader().getResourceAsStream("bad-input/" + kind + "/" + input)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String user() {
    return options.getOrDefault("as", path.startsWith("/api/") || method.equals("UPLOAD") ? "marketer" : null);
  }

  @Override
  public String toString() {
    return kind + "/" + input + " → " + method + " " + (path.length() > 80 ? path.substring(0, 77) + "..." : path);
  }
}
