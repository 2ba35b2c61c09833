package io.abmsequencer.workflows.playbook;

/** A subject and body with {{field}} placeholders. */
public record Template(String subject, String body) {}
