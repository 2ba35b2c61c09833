package io.abmsequencer.workflows.playbook;

public enum AudienceAction {
  ADD,
  REMOVE
}
