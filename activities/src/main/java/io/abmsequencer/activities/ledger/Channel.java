package io.abmsequencer.activities.ledger;

/** Where a touch goes; also the channel of a suppression. */
public enum Channel {
  EMAIL,
  SMS,
  ADS
}
