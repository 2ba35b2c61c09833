package io.abmsequencer.bench.launch;

import java.time.Instant;
import java.time.ZoneOffset;

/** Generated target account lists (CSV, the product's format) and the time zone they are written for. */
public final class TargetList {
  private TargetList() {}

  public static final String HEADER = "account_id,account_name,domain,industry,tier,owner,email,first_name,last_name,title,role,phone,timezone";

  /**
   * {@code accounts} 1:many accounts of two people each (a champion and an end user), ids
   * {@code <prefix>-00001...}, every contact in {@code zone}.
   */
  public static String csv(String prefix, int accounts, String zone) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int i = 1; i <= accounts; i++) {
      String id = String.format("%s-%05d", prefix, i);
      String domain = id + ".example";
      String account = id + "," + "Account " + i + " Inc," + domain + ",Fintech,1:many,jane.doe@yourco.example,";
      csv.append(account).append("priya.raman@").append(domain).append(",Priya,Raman,Head of Payments Operations,CHAMPION,,").append(zone).append('\n');
      csv.append(account).append("marcus.bell@").append(domain).append(",Marcus,Bell,Payments Analyst,END_USER,,").append(zone).append('\n');
    }
    return csv.toString();
  }

  /**
   * A fixed-offset zone where it is about 02:00 at {@code now}: the launched sequences' first
   * e-mail then waits hours for its send window, so the launch measures starting, not sending
   * (the send burst is benchmark 5).
   */
  public static String nightZone(Instant now) {
    int utcHour = now.atZone(ZoneOffset.UTC).getHour();
    int offset = Math.floorMod(2 - utcHour + 12, 24) - 12; // local = utc + offset, offset in [-12, 11]
    // POSIX-style names: Etc/GMT+5 is UTC-5.
    return offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" + offset : "+" + (-offset));
  }
}
