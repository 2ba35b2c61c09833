package io.abmsequencer.workflows.sequence;

/** Placeholder: filled in with the workflow. */
public class SequenceState {}
