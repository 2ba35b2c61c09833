package io.abmsequencer.workflows.account;

/** The target account a sequence works. No PII: company facts only. */
public record Account(String id, String name, String domain, String industry) {}
