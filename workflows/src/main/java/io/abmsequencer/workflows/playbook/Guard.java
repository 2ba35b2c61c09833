package io.abmsequencer.workflows.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step's condition on the account's engagement score, e.g. {@code score >= 40} or {@code score >=
 * 20 and score < 60}. Evaluated when the step comes up, against the score at that moment.
 */
public record Guard(String text, List<Term> terms) {

  public enum Op {
    GE(">="),
    GT(">"),
    LE("<="),
    LT("<"),
    EQ("=="),
    NE("!=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    static Op of(String symbol) {
      for (Op op : values()) if (op.symbol.equals(symbol)) return op;
      throw new IllegalArgumentException(symbol);
    }
  }

  public record Term(Op op, int value) {
    boolean test(int score) {
      return switch (op) {
        case GE -> score >= value;
        case GT -> score > value;
        case LE -> score <= value;
        case LT -> score < value;
        case EQ -> score == value;
        case NE -> score != value;
      };
    }
  }

  private static final Pattern TERM = Pattern.compile("^\\s*score\\s*(>=|<=|==|!=|>|<)\\s*(-?\\d{1,6})\\s*$");

  /**
   * Parses a guard.
   *
   * @throws IllegalArgumentException saying what the grammar expects
   */
  public static Guard parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("expected a condition like 'score >= 40', found nothing");
    }
    List<Term> terms = new ArrayList<>();
    for (String part : text.split("\\s+and\\s+")) {
      Matcher m = TERM.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "'" + text + "' does not parse: expected 'score <op> <number>' (op one of >=, >, <=, <, ==, !=), "
                + "optionally joined with 'and'");
      }
      terms.add(new Term(Op.of(m.group(1)), Integer.parseInt(m.group(2))));
    }
    return new Guard(text.trim(), List.copyOf(terms));
  }

  public boolean test(int score) {
    for (Term term : terms) if (!term.test(score)) return false;
    return true;
  }

  @Override
  public String toString() {
    return text;
  }
}
