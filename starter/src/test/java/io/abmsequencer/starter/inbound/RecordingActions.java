package io.abmsequencer.starter.inbound;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the poller hands over; can be told to fail, as a database or Temporal outage would. */
final class RecordingActions implements InboundActions {

  record Bounced(String email, String detail) {}

  record Unsubscribed(String contactId, String email, String how) {}

  record PossibleReply(Reply reply) {}

  final List<Object> calls = new CopyOnWriteArrayList<>();
  private volatile int failuresLeft;

  /** The next {@code count} calls throw, as an unreachable database would make them. */
  void failNext(int count) {
    failuresLeft = count;
  }

  @Override
  public void bounced(String email, String detail) {
    record(new Bounced(email, detail));
  }

  @Override
  public void unsubscribed(String contactId, String email, String how) {
    record(new Unsubscribed(contactId, email, how));
  }

  @Override
  public void replied(Reply reply) {
    record(reply);
  }

  @Override
  public void possibleReply(Reply reply) {
    record(new PossibleReply(reply));
  }

  @Override
  public void away(Away away) {
    record(away);
  }

  <T> List<T> of(Class<T> type) {
    return calls.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private void record(Object call) {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new IllegalStateException("actions unavailable (test)");
    }
    calls.add(call);
  }
}
