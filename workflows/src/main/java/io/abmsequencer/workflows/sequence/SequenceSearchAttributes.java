package io.abmsequencer.workflows.sequence;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed search attributes every sequence keeps current, so ops can find sequences in the
 * Temporal UI and CLI ({@code AbmStatus = 'AWAITING_REVIEW' and AbmOwner = 'jane'}). No PII: ids,
 * enums, the owner's login, a score and a time. Six Keyword, one Int, one Datetime: within what a
 * PostgreSQL-backed Temporal allows per type (10 Keyword, 3 Int, 3 Datetime).
 */
public final class SequenceSearchAttributes {
  public static final SearchAttributeKey<String> ACCOUNT_ID = SearchAttributeKey.forKeyword("AbmAccountId");
  public static final SearchAttributeKey<String> MOTION = SearchAttributeKey.forKeyword("AbmMotion");
  public static final SearchAttributeKey<String> TIER = SearchAttributeKey.forKeyword("AbmTier");
  public static final SearchAttributeKey<String> PLAYBOOK = SearchAttributeKey.forKeyword("AbmPlaybook");
  public static final SearchAttributeKey<String> STATUS = SearchAttributeKey.forKeyword("AbmStatus");
  public static final SearchAttributeKey<String> OWNER = SearchAttributeKey.forKeyword("AbmOwner");
  public static final SearchAttributeKey<Long> SCORE = SearchAttributeKey.forLong("AbmScore");
  public static final SearchAttributeKey<OffsetDateTime> NEXT_TOUCH_AT = SearchAttributeKey.forOffsetDateTime("AbmNextTouchAt");

  private SequenceSearchAttributes() {}

  /** Name → type, for registering them on a Temporal namespace. */
  public static Map<String, IndexedValueType> definitions() {
    Map<String, IndexedValueType> all = new LinkedHashMap<>();
    for (SearchAttributeKey<String> key : List.of(ACCOUNT_ID, MOTION, TIER, PLAYBOOK, STATUS, OWNER)) {
      all.put(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    all.put(SCORE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_INT);
    all.put(NEXT_TOUCH_AT.getName(), IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
    return all;
  }

  /** What a sequence shows now, as updates. */
  static List<SearchAttributeUpdate<?>> updates(
      String accountId, String motion, String tier, String playbook, String status, String owner, int score, Instant nextTouchAt) {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    updates.add(ACCOUNT_ID.valueSet(accountId));
    updates.add(MOTION.valueSet(motion));
    updates.add(TIER.valueSet(tier));
    updates.add(PLAYBOOK.valueSet(playbook));
    updates.add(STATUS.valueSet(status));
    updates.add(OWNER.valueSet(owner));
    updates.add(SCORE.valueSet((long) score));
    updates.add(nextTouchAt == null ? NEXT_TOUCH_AT.valueUnset() : NEXT_TOUCH_AT.valueSet(nextTouchAt.atOffset(ZoneOffset.UTC)));
    return updates;
  }
}
