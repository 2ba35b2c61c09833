package io.abmsequencer.starter.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects the problems of one upload: keeps the first {@code max} and counts the rest, which the
 * list ends with as "... and N more errors". A fatal problem (one that stopped the reading) is
 * listed first whatever came before it.
 */
final class Errors {
  private final int max;
  private final List<RowError> kept = new ArrayList<>();
  private int total;
  private RowError fatal;

  Errors(int max) {
    this.max = max;
  }

  void add(Integer row, String column, String message) {
    total++;
    if (kept.size() < max) {
      kept.add(new RowError(row, column, message));
    }
  }

  void fatal(RowError error) {
    fatal = error;
  }

  boolean isEmpty() {
    return total == 0 && fatal == null;
  }

  List<RowError> list() {
    List<RowError> out = new ArrayList<>(Math.min(max, kept.size()) + 2);
    if (fatal != null) {
      out.add(fatal);
    }
    out.addAll(kept.subList(0, Math.min(kept.size(), max - out.size())));
    int more = total + (fatal == null ? 0 : 1) - out.size();
    if (more > 0) {
      out.add(
          RowError.file(
              String.format(
                  Locale.ROOT, "... and %,d more %s", more, more == 1 ? "error" : "errors")));
    }
    return List.copyOf(out);
  }
}
