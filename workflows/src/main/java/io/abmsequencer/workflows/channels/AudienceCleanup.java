package io.abmsequencer.workflows.channels;

/** Everything a sequence added to ad audiences, to be taken out again (the sequence has ended). */
public record AudienceCleanup(String workflowId) {}
