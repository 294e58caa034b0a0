package io.kube4j.machinery.table;

/**
 * A {@code TableRowCondition}: extra state about a row that clients may use to render it differently
 * (upstream marks succeeded and failed pods {@code Completed}).
 */
public record RowCondition(String type, String status, String reason, String message) {}
