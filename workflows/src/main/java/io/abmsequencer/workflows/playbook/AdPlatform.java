package io.abmsequencer.workflows.playbook;

public enum AdPlatform {
  LINKEDIN,
  GOOGLE
}
