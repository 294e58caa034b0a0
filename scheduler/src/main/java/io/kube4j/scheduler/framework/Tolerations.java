package io.kube4j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;

/** Upstream's toleration matching rules (empty key with Exists tolerates everything; empty effect matches all effects). */
public final class Tolerations {

  private Tolerations() {
  }

  public static boolean tolerates(Toleration toleration, Taint taint) {
    if (toleration.getEffect() != null && !toleration.getEffect().isEmpty() && !toleration.getEffect().equals(taint.getEffect())) {
      return false;
    }
    var key = toleration.getKey() == null ? "" : toleration.getKey();
    if (!key.isEmpty() && !key.equals(taint.getKey())) {
      return false;
    }
    var operator = toleration.getOperator() == null || toleration.getOperator().isEmpty() ? "Equal" : toleration.getOperator();
    return switch (operator) {
      case "Exists" -> true;
      case "Equal" -> !key.isEmpty() && nullToEmpty(toleration.getValue()).equals(nullToEmpty(taint.getValue()));
      default -> false;
    };
  }

  /** The first toleration in the list that tolerates the taint, or null. */
  public static Toleration find(List<Toleration> tolerations, Taint taint) {
    if (tolerations == null) {
      return null;
    }
    for (var t : tolerations) {
      if (tolerates(t, taint)) {
        return t;
      }
    }
    return null;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
