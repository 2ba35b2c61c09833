package io.abmsequencer.activities.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The order of a sent message's delivery statuses as Twilio reports them: accepted / scheduled →
 * queued → sending → sent → delivered, undelivered, failed, canceled → read. A status of a later
 * stage is never overwritten by one of an earlier stage; unknown statuses rank lowest, so a status
 * Twilio adds later is recorded but never hides a known final one.
 */
final class DeliveryStages {
  private static final Map<String, Integer> STAGES = new LinkedHashMap<>();

  static {
    STAGES.put("accepted", 1);
    STAGES.put("scheduled", 1);
    STAGES.put("queued", 2);
    STAGES.put("sending", 3);
    STAGES.put("sent", 4);
    STAGES.put("delivered", 5);
    STAGES.put("undelivered", 5);
    STAGES.put("failed", 5);
    STAGES.put("canceled", 5);
    STAGES.put("partially_delivered", 5);
    STAGES.put("read", 6);
  }

  private DeliveryStages() {}

  /** The same ranking as a SQL expression over {@code operand} (a column or a bind parameter). */
  static String rankSql(String operand) {
    return STAGES.entrySet().stream()
        .map(e -> "when '" + e.getKey() + "' then " + e.getValue())
        .collect(Collectors.joining(" ", "(case " + operand + " ", " else 0 end)"));
  }
}
