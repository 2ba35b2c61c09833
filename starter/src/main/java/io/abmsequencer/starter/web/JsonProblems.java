package io.abmsequencer.starter.web;

import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A JSON body the API could not read, in the caller's words: which field ({@code contacts[0].role},
 * empty for the body as a whole) and what was wrong with it ("expected text, found a number",
 * "'WON' is not one of COMPLETED, SKIPPED, ..."), never a Java type name.
 */
record JsonProblems(String field, String message) {

  static JsonProblems of(JacksonException e) {
    String field = path(e);
    if (e instanceof UnrecognizedPropertyException u) {
      Collection<Object> known = u.getKnownPropertyIds();
      return new JsonProblems(field, "unknown field" + (known == null || known.isEmpty() ? ""
          : "; expected one of " + known.stream().map(String::valueOf).collect(Collectors.joining(", "))));
    }
    if (e instanceof InvalidFormatException f) {
      Object value = f.getValue();
      return new JsonProblems(field, value instanceof String text
          ? Text.quote(text) + " is not " + expected(f.getTargetType())
          : "expected " + expected(f.getTargetType()) + ", found " + found(value));
    }
    if (e instanceof MismatchedInputException m) {
      JsonToken token = m.getCurrentToken() != null ? m.getCurrentToken() : currentToken(e);
      if (field.startsWith("[") && isObject(m.getTargetType())) {
        // The body itself is a list where the call takes one object (Jackson looked into the list).
        return new JsonProblems("", "expected a JSON object, found a list");
      }
      String expected = field.isEmpty() && isObject(m.getTargetType()) ? "a JSON object" : expected(m.getTargetType());
      return new JsonProblems(field, token == null ? "expected " + expected : "expected " + expected + ", found " + found(token));
    }
    if (e instanceof InputCoercionException c) {
      java.util.regex.Matcher number = java.util.regex.Pattern.compile("\\(([-+0-9.eE]+)\\)").matcher(String.valueOf(e.getOriginalMessage()));
      String text = number.find() ? number.group(1) : parserText(e);
      return new JsonProblems(field, (text == null ? "the number" : text) + " is out of range for "
          + (c.getTargetType() == long.class || c.getTargetType() == Long.class ? "a whole number (64 bits)"
              : "a whole number (at most 2,147,483,647)"));
    }
    String original = String.valueOf(e.getOriginalMessage());
    if (original.startsWith("Duplicate Object property") || original.startsWith("Duplicate field")) {
      return new JsonProblems(field, "appears twice in the same object; send it once");
    }
    if (e instanceof StreamConstraintsException) {
      return new JsonProblems(field, "the JSON is nested deeper, or its values are longer, than allowed: " + plain(original));
    }
    return new JsonProblems(field, "not valid JSON: " + plain(original) + location(e));
  }

  /** "line 1, column 42" of a syntax error, or nothing when unknown. */
  private static String location(JacksonException e) {
    return e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  /** What a value of this type looks like, for a person writing JSON. */
  static String expected(Class<?> type) {
    if (type == null) return "another value";
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
    }
    if (CharSequence.class.isAssignableFrom(type)) return "text";
    if (type == Boolean.class || type == boolean.class) return "true or false";
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class || type == short.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
    if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class || type == java.time.ZonedDateTime.class) {
      return "an ISO-8601 instant like 2027-01-12T15:04:05Z";
    }
    if (type == java.time.LocalDate.class) return "a date like 2027-01-12";
    if (Temporal.class.isAssignableFrom(type) || TemporalAccessor.class.isAssignableFrom(type)) return "a date or time in ISO-8601";
    if (Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
    if (Map.class.isAssignableFrom(type)) return "an object";
    return "an object";
  }

  private static boolean isObject(Class<?> type) {
    return type != null && "an object".equals(expected(type));
  }

  private static String found(Object value) {
    if (value == null) return "null";
    if (value instanceof Boolean b) return b.toString();
    if (value instanceof Number n) return "the number " + n;
    if (value instanceof String s) return "the text " + Text.quote(s);
    return "another kind of value";
  }

  private static String found(JsonToken token) {
    return switch (token) {
      case VALUE_STRING -> "text";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NULL -> "null";
      case START_OBJECT, END_OBJECT, PROPERTY_NAME -> "an object";
      case START_ARRAY, END_ARRAY -> "a list";
      default -> "another kind of value";
    };
  }

  /**
   * The JSON path of the problem: from the exception when databind recorded it, else from where the
   * parser stood ({@code score} for a number too large for its field).
   */
  static String path(JacksonException e) {
    StringBuilder out = new StringBuilder();
    if (!e.getPath().isEmpty()) {
      for (JacksonException.Reference ref : e.getPath()) {
        if (ref.getPropertyName() != null) {
          if (!out.isEmpty()) out.append('.');
          out.append(ref.getPropertyName());
        } else if (ref.getIndex() >= 0) {
          out.append('[').append(ref.getIndex()).append(']');
        }
      }
      return out.toString();
    }
    if (!(e.processor() instanceof JsonParser parser)) return "";
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    for (TokenStreamContext context = parser.streamReadContext(); context != null && !context.inRoot(); context = context.getParent()) {
      if (context.inObject() && context.currentName() != null) parts.push("." + context.currentName());
      else if (context.inArray()) parts.push("[" + Math.max(0, context.getCurrentIndex()) + "]");
    }
    String path = String.join("", parts);
    return path.startsWith(".") ? path.substring(1) : path;
  }

  private static JsonToken currentToken(JacksonException e) {
    return e.processor() instanceof JsonParser parser ? parser.currentToken() : null;
  }

  private static String parserText(JacksonException e) {
    try {
      return e.processor() instanceof JsonParser parser ? parser.getString() : null;
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  /** Jackson's own words without its Java type names and source excerpts. */
  private static String plain(String message) {
    String first = message.split("\n")[0].replaceAll(" at \\[Source.*", "").replaceAll("`[^`]*`", "this value")
        .replaceAll("\\(from `?StreamReadConstraints[^)]*\\)", "");
    return first.length() > 200 ? first.substring(0, 197) + "..." : first;
  }

  /** Values quoted back, shortened. */
  private static final class Text {
    static String quote(String value) {
      String shown = value.length() > 60 ? value.substring(0, 59) + "…" : value;
      return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
  }
}
