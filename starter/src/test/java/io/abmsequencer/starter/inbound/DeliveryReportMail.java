package io.abmsequencer.starter.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Delivery status notifications as a mail server writes them, genuine or forged, for the inbound tests of every package. */
public final class DeliveryReportMail {

  private DeliveryReportMail() {}

  /**
   * An RFC 3464 report to {@code to}, a permanent failure for each of {@code failed}, returning
   * {@code returnedHeaders} as {@code text/rfc822-headers} (as Postfix does), or nothing when null.
   */
  public static String dsn(String to, String messageId, List<String> failed, String returnedHeaders) {
    StringBuilder recipients = new StringBuilder();
    for (String address : failed) {
      recipients.append("\nFinal-Recipient: rfc822; ").append(address)
          .append("\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n");
    }
    String returned = returnedHeaders == null ? "" : """
        --b1
        Content-Type: text/rfc822-headers

        %s
        """.formatted(returnedHeaders.strip());
    return """
        From: MAILER-DAEMON@mail.yourco.example (Mail Delivery System)
        To: %s
        Subject: Undelivered Mail Returned to Sender
        Message-ID: %s
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain

        Your message could not be delivered.
        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.yourco.example
        %s%s--b1--
        """.formatted(to, messageId, recipients, returned);
  }

  /**
   * What an outsider can compute from a touch key (workflow id, step, a contact id derived from the
   * address): its plain SHA-256, as Message-IDs were made before they were keyed.
   */
  public static String unkeyedDigest(String touchKey) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(touchKey.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
