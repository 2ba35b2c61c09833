package io.abmsequencer.workflows.sequence;

/** Pause, resume or cancel, with who asked and why (shown in the sequence's history). */
public record Control(String by, String reason) {}
