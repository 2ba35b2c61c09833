package io.abmsequencer.workflows.playbook;

/**
 * Engagement the product scores. Default weights are the practitioners' table: site visit +5,
 * pricing page +15, download +10, email click +5, LinkedIn ad click +5, demo request +50, SDR
 * meeting +30. A reply scores nothing by default: it ends the sequence instead.
 */
public enum EngagementType {
  WEBSITE_VISIT(5, false),
  PRICING_PAGE_VISIT(15, false),
  CONTENT_DOWNLOAD(10, false),
  EMAIL_CLICK(5, false),
  LINKEDIN_AD_CLICK(5, false),
  DEMO_REQUEST(50, true),
  MEETING_BOOKED(30, true),
  EMAIL_REPLY(0, true),
  /** Only with open tracking on; unreliable (pixels are fetched by privacy proxies), so not scored by default. */
  EMAIL_OPEN(0, false);

  private final int defaultWeight;
  private final boolean highIntent;

  EngagementType(int defaultWeight, boolean highIntent) {
    this.defaultWeight = defaultWeight;
    this.highIntent = highIntent;
  }

  public int defaultWeight() {
    return defaultWeight;
  }

  /** High-intent events reach the sequence at once instead of in the next coalesced batch. */
  public boolean highIntent() {
    return highIntent;
  }
}
