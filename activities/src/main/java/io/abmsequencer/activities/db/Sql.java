package io.abmsequencer.activities.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The few conversions every repository needs. The PostgreSQL driver binds {@code OffsetDateTime}
 * to {@code timestamptz} but not {@code Instant}, and enum lists are stored comma-separated.
 */
public final class Sql {
  private Sql() {}

  /** An instant as a parameter for a {@code timestamptz} column (null stays null). */
  public static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  public static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
    return name == null ? null : Enum.valueOf(type, name);
  }

  public static String nameOrNull(Enum<?> value) {
    return value == null ? null : value.name();
  }

  public static String joinNames(Collection<? extends Enum<?>> values) {
    return values == null ? "" : values.stream().map(Enum::name).collect(Collectors.joining(","));
  }

  public static <E extends Enum<E>> List<E> splitNames(String text, Function<String, E> parse) {
    List<E> out = new ArrayList<>();
    if (text == null || text.isBlank()) return List.of();
    for (String part : text.split(",")) {
      if (!part.isBlank()) out.add(parse.apply(part.trim()));
    }
    return List.copyOf(out);
  }

  /** A user's text as a literal {@code LIKE} pattern, matched anywhere ({@code escape '\'}). */
  public static String containsPattern(String text) {
    String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + escaped + "%";
  }
}
