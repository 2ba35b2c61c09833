package io.abmsequencer.activities.ads;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where ad audiences go. {@code dry-run} (the default) records memberships and sends nothing;
 * {@code live} sends them to LinkedIn and Google, and then every credential and destination below is
 * required: the application does not start without them, and the message names each missing
 * property. Secrets come from configuration or the environment only ({@code
 * ABM_ADS_LINKEDIN_ACCESS_TOKEN}, {@code ABM_ADS_GOOGLE_ACCESS_TOKEN}).
 *
 * <pre>
 * abm.ads:
 *   mode: live
 *   batch-interval: 30s
 *   linkedin: { access-token: ..., ad-account: 512345678, source-platform: ... }
 *   google:
 *     access-token: ...
 *     destination: { operating-account: { type: GOOGLE_ADS, id: 1234567890 } }
 *     user-lists: { fintech-execs: 4567890123 }
 *     accept-customer-match-terms: true
 * </pre>
 *
 * @param batchInterval how often pending changes are sent (and so the longest a change waits)
 */
@Validated
@ConfigurationProperties("abm.ads")
public record AdsSettings(
    @DefaultValue("dry-run") @NotNull Mode mode,
    @DefaultValue("30s") @NotNull Duration batchInterval,
    @DefaultValue @Valid LinkedIn linkedin,
    @DefaultValue @Valid Google google) {

  public enum Mode {
    DRY_RUN,
    LIVE
  }

  public AdsSettings {
    linkedin = linkedin == null ? new LinkedIn(null, null, null, null, null) : linkedin;
    google = google == null ? new Google(null, null, null, null, null, false) : google;
    if (batchInterval != null && (batchInterval.isNegative() || batchInterval.isZero())) {
      throw new IllegalArgumentException("abm.ads.batch-interval must be positive, such as 30s; got " + batchInterval);
    }
    if (mode == Mode.LIVE) {
      List<String> missing = missingForLive(linkedin, google);
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(
            "abm.ads.mode=live sends audiences to LinkedIn and Google and needs " + String.join(", ", missing)
                + " (or abm.ads.mode=dry-run to record audiences without sending them)");
      }
    }
  }

  public boolean live() {
    return mode == Mode.LIVE;
  }

  /** The startup line's words: {@code live (LinkedIn, Google)} or {@code dry run: recorded, not sent}. */
  public String describe() {
    return live() ? "live (LinkedIn, Google)" : "dry run: recorded, not sent";
  }

  private static List<String> missingForLive(LinkedIn linkedin, Google google) {
    List<String> missing = new ArrayList<>();
    if (blank(linkedin.accessToken())) missing.add("abm.ads.linkedin.access-token");
    if (blank(linkedin.adAccount())) missing.add("abm.ads.linkedin.ad-account");
    if (blank(linkedin.sourcePlatform())) missing.add("abm.ads.linkedin.source-platform");
    if (blank(google.accessToken())) missing.add("abm.ads.google.access-token");
    if (blank(google.destination().operatingAccount().id())) {
      missing.add("abm.ads.google.destination.operating-account.id");
    }
    if (!google.acceptCustomerMatchTerms()) {
      missing.add("abm.ads.google.accept-customer-match-terms=true (Google takes Customer Match uploads only"
          + " from callers who accept https://support.google.com/adspolicy/answer/6299717)");
    }
    return missing;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /**
   * LinkedIn Marketing API, DMP segments.
   *
   * @param adAccount the sponsored ad account that owns the segments: its id or {@code
   *     urn:li:sponsoredAccount:<id>}
   * @param version the {@code LinkedIn-Version} header (YYYYMM); LinkedIn supports each for at least
   *     a year
   * @param sourcePlatform the {@code sourcePlatform} LinkedIn assigned to this application when it
   *     granted access to the Audiences API
   */
  public record LinkedIn(
      @DefaultValue("https://api.linkedin.com") URI baseUrl,
      String accessToken,
      String adAccount,
      @DefaultValue("202607")
          @Pattern(regexp = "20[0-9]{2}(0[1-9]|1[0-2])", message = "must be a LinkedIn-Version such as 202607 (YYYYMM)")
          String version,
      String sourcePlatform) {

    public LinkedIn {
      baseUrl = baseUrl == null ? URI.create("https://api.linkedin.com") : baseUrl;
      version = version == null ? "202607" : version;
    }

    /** The ad account as the API names it. */
    public String adAccountUrn() {
      if (adAccount == null) return null;
      String account = adAccount.strip();
      return account.startsWith("urn:") ? account : "urn:li:sponsoredAccount:" + account;
    }
  }

  /**
   * Google Data Manager API ({@code audienceMembers:ingest} / {@code :remove}).
   *
   * @param destination the account that receives the data and, for manager accounts, the account
   *     the credentials log in to
   * @param userLists the Customer Match user list ({@code productDestinationId}) of each audience
   *     name used in playbooks; an audience without one fails its Google changes with a message
   *     naming this key
   * @param consent the consent sent with every member: the contacts are B2B prospects whose consent
   *     the marketer recorded
   * @param acceptCustomerMatchTerms the Customer Match terms of service, which Google requires
   *     accepted for every upload to a Customer Match list
   */
  public record Google(
      @DefaultValue("https://datamanager.googleapis.com") URI baseUrl,
      String accessToken,
      @DefaultValue @Valid Destination destination,
      Map<String, String> userLists,
      @DefaultValue Consent consent,
      @DefaultValue("false") boolean acceptCustomerMatchTerms) {

    public Google {
      baseUrl = baseUrl == null ? URI.create("https://datamanager.googleapis.com") : baseUrl;
      destination = destination == null ? new Destination(null, null) : destination;
      userLists = userLists == null ? Map.of() : Map.copyOf(userLists);
      consent = consent == null ? new Consent(null, null) : consent;
    }
  }

  /**
   * @param operatingAccount the account the data goes to (required)
   * @param loginAccount the account the credentials are a user of, when that is not the operating
   *     account (e.g. its manager account); optional
   */
  public record Destination(@DefaultValue Account operatingAccount, Account loginAccount) {
    public Destination {
      operatingAccount = operatingAccount == null ? new Account(null, null) : operatingAccount;
    }
  }

  /**
   * @param type the Data Manager {@code accountType}: GOOGLE_ADS, DISPLAY_VIDEO_ADVERTISER,
   *     DISPLAY_VIDEO_PARTNER or DATA_PARTNER
   * @param id the account id (a Google Ads customer id may be written with dashes)
   */
  public record Account(@DefaultValue("GOOGLE_ADS") String type, String id) {
    public Account {
      type = type == null || type.isBlank() ? "GOOGLE_ADS" : type.strip();
      id = id == null ? null : id.replace("-", "").strip();
    }
  }

  /** Consent for ad user data and ad personalisation, sent with every Google upload. */
  public record Consent(@DefaultValue("GRANTED") ConsentStatus adUserData, @DefaultValue("GRANTED") ConsentStatus adPersonalization) {
    public Consent {
      adUserData = adUserData == null ? ConsentStatus.GRANTED : adUserData;
      adPersonalization = adPersonalization == null ? ConsentStatus.GRANTED : adPersonalization;
    }
  }

  public enum ConsentStatus {
    GRANTED,
    DENIED,
    UNSPECIFIED;

    /** The API's value; null for {@code UNSPECIFIED}, which is sent as no value. */
    String apiValue() {
      return this == UNSPECIFIED ? null : "CONSENT_" + name();
    }
  }
}
