package io.abmsequencer.activities.sequence;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param total items matching, across all pages
 * @param page 0-based
 */
public record Page<T>(List<T> items, long total, int page, int size) {

  public Page {
    items = List.copyOf(items);
  }

  public int totalPages() {
    return size <= 0 ? 0 : (int) ((total + size - 1) / size);
  }

  public boolean hasNext() {
    return (long) (page + 1) * size < total;
  }
}
