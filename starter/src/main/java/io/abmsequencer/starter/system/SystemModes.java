package io.abmsequencer.starter.system;

import io.abmsequencer.activities.ads.AdsSettings;
import io.abmsequencer.activities.sms.SmsSettings;
import io.abmsequencer.starter.embedded.EmbeddedMode;
import io.abmsequencer.worker.codec.CodecSettings;
import org.springframework.stereotype.Service;

/**
 * How this installation runs: embedded or not, whether SMS and ads really go out or run dry,
 * whether payloads are encrypted, where the Temporal UI is. Nothing secret.
 */
@Service
public class SystemModes {

  public record Modes(boolean embedded, String sms, String ads, boolean payloadsEncrypted, String temporalUi) {}

  private final Modes modes;

  SystemModes(EmbeddedMode embedded, SmsSettings sms, AdsSettings ads, CodecSettings codec,
      TemporalUiSettings temporalUi) {
    this.modes = new Modes(embedded.active(), sms.live() ? "live (Twilio)" : "dry run: recorded, not sent", ads.describe(),
        codec.enabled(), trimSlash(embedded.temporalUiUrl() != null ? embedded.temporalUiUrl() : temporalUi.baseUrl()));
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public Modes now() {
    return modes;
  }

  /** The workflow's page in the Temporal UI. */
  public String temporalUiLink(String namespace, String workflowId) {
    return modes.temporalUi() + "/namespaces/" + namespace + "/workflows/" + workflowId;
  }
}
