package io.abmsequencer.starter.system;

import io.abmsequencer.activities.ads.AdsSettings;
import io.abmsequencer.activities.sms.SmsSettings;
import io.abmsequencer.starter.embedded.EmbeddedMode;
import io.abmsequencer.worker.codec.CodecSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How this installation runs, for the console's header and for ops: embedded or not, whether SMS
 * and ads really go out or run dry, whether payloads are encrypted. Nothing secret.
 */
@RestController
class SystemController {
  private final EmbeddedMode embedded;
  private final SmsSettings sms;
  private final AdsSettings ads;
  private final CodecSettings codec;
  private final String temporalUi;

  SystemController(EmbeddedMode embedded, SmsSettings sms, AdsSettings ads, CodecSettings codec,
      @Value("${abm.temporal-ui.base-url:http://localhost:8233}") String temporalUi) {
    this.embedded = embedded;
    this.sms = sms;
    this.ads = ads;
    this.codec = codec;
    this.temporalUi = temporalUi;
  }

  record Modes(boolean embedded, String sms, String ads, boolean payloadsEncrypted, String temporalUi) {}

  @GetMapping("/api/system")
  Modes modes() {
    return new Modes(embedded.active(), sms.live() ? "live (Twilio)" : "dry run: recorded, not sent", ads.describe(),
        codec.enabled(), temporalUi);
  }
}
