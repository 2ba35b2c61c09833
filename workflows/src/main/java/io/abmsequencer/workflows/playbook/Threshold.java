package io.abmsequencer.workflows.playbook;

/**
 * When the account's score reaches {@code score}, the SDR gets a task (a hot-account alert by
 * default) — once per crossing: the score must fall below and rise again to raise another.
 */
public record Threshold(int score, TaskType task, Role to, String title, Delay due) {}
