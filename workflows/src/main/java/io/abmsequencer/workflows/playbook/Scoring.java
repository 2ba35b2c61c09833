package io.abmsequencer.workflows.playbook;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Points per engagement type and the thresholds that alert the SDR. */
public record Scoring(Map<EngagementType, Integer> weights, List<Threshold> thresholds) {

  public Scoring {
    EnumMap<EngagementType, Integer> all = new EnumMap<>(EngagementType.class);
    for (EngagementType type : EngagementType.values()) all.put(type, type.defaultWeight());
    if (weights != null) all.putAll(weights);
    weights = Map.copyOf(all);
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
  }

  public static Scoring defaults() {
    return new Scoring(null, null);
  }

  public int weight(EngagementType type) {
    return weights.getOrDefault(type, 0);
  }
}
