package io.abmsequencer.starter.sms;

/**
 * What happens when a person texts an opt-out or opt-in keyword to our Twilio number: the
 * suppression list, the running sequences that target the number, and the ad audiences it is in.
 * The inbound webhook calls it once per keyword message whose signature verified.
 *
 * <p>Until an implementation is a bean, the webhook keeps consent with the suppression list alone
 * (see {@link TwilioWebhooks}): no opt-out is ever lost, sequences find it before their next text.
 */
public interface SmsOptOuts {

  /**
   * The person replied STOP (or STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT): no more
   * texts to this number, from any sequence. Twilio itself refuses our texts to them from now on
   * (error 21610).
   *
   * @param e164 the number, E.164 ({@code +14155550100})
   */
  void stopped(String e164);

  /**
   * The person replied START (or UNSTOP) after an opt-out: texts may go to this number again. Twilio
   * lifts its own block at the same time.
   *
   * @param e164 the number, E.164 ({@code +14155550100})
   */
  void started(String e164);
}
