package io.abmsequencer.activities.ads;

import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Live mode, both platforms configured, both pointed at the WireMock server. */
@TestPropertySource(
    properties = {
      "abm.ads.mode=live",
      "abm.ads.linkedin.access-token=li-token",
      "abm.ads.linkedin.ad-account=5100",
      "abm.ads.linkedin.source-platform=ABM_SEQUENCER",
      "abm.ads.google.access-token=g-token",
      "abm.ads.google.destination.operating-account.id=123-456-7890",
      "abm.ads.google.destination.login-account.id=999-000-1111",
      "abm.ads.google.user-lists.fintech-execs=4567",
      "abm.ads.google.user-lists.retarget=4568",
      "abm.ads.google.accept-customer-match-terms=true"
    })
abstract class LiveAdsTest extends AdsTestSupport {
  static final String GOOGLE_DESTINATION =
      "{\"operatingAccount\": {\"accountType\": \"GOOGLE_ADS\", \"accountId\": \"1234567890\"},"
          + " \"loginAccount\": {\"accountType\": \"GOOGLE_ADS\", \"accountId\": \"9990001111\"},"
          + " \"productDestinationId\": \"4567\"}";

  @Autowired BatchedAdAudiences audiences;
  @Autowired AudienceFlusher flusher;
  @Autowired AudienceMembers members;
  @Autowired LinkedInSegments segments;
  @Autowired Ledger ledger;
  @Autowired MeterRegistry meters;

  TouchRow ledgerRow(String step) {
    return ledger.find(key(step)).orElseThrow();
  }

  /** A segment LinkedIn made long ago, so a test about something else needs no warm-up. */
  void segmentExists(String audience) {
    segments.save(audience, "urn:li:sponsoredAccount:5100", SEGMENT_ID, clock.instant().minusSeconds(3600));
  }

  double providerErrors(String code) {
    Counter counter = meters.find("abm.provider.errors").tags("channel", "ADS", "code", code).counter();
    return counter == null ? 0 : counter.count();
  }
}
