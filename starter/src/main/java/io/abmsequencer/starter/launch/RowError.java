package io.abmsequencer.starter.launch;

/**
 * One problem found in an uploaded target account list, as shown to the marketer and returned by
 * the REST API.
 *
 * @param row the line of the file where the record starts (the header is line 1); null for a
 *     problem with the file as a whole (not UTF-8, no rows, too many rows) and for the final "...
 *     and N more errors" entry
 * @param column the column's name as documented (lower case, e.g. {@code email}), the name as
 *     written in the header for an unknown or repeated column, or null when the problem concerns
 *     the whole row or file
 * @param message what was found and what was expected, in plain words
 */
public record RowError(Integer row, String column, String message) {

  static RowError file(String message) {
    return new RowError(null, null, message);
  }
}
