package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.playbook.ReviewDecision;

public record ReviewDecided(String reviewId, ReviewDecision decision, boolean endsSequence) {}
